// Long letter-like text (rules of engagement, an addendum) set for reading: paragraphs kept as typed, a
// comfortable measure and line height.
import { Paper, Text } from '@mantine/core';

export function RulesText(props: { text: string; label?: string; maxHeight?: number; size?: 'sm' | 'md' }) {
  return (
    <Paper
      component="section"
      withBorder
      p="md"
      bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-7))"
      aria-label={props.label}
      mah={props.maxHeight}
      style={{ overflowY: props.maxHeight ? 'auto' : undefined }}
    >
      <Text
        size={props.size ?? 'sm'}
        lh={1.65}
        maw="72ch"
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {props.text}
      </Text>
    </Paper>
  );
}
