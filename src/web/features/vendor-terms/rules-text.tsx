// Long letter-like text (rules of engagement, an addendum) set for reading: paragraphs kept as typed, a
// comfortable measure and line height; and the rules with the client's addendum, as a vendor reads them.
import { Paper, Stack, Text, Title } from '@mantine/core';

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

interface Versioned {
  version: number;
  text: string;
}

/**
 * The MSP's rules and the client's addendum where it has one, each under its version: what a vendor
 * acknowledges, behind a one-time link or in the vendor portal.
 */
export function RulesAndAddendum(props: {
  mspName: string;
  clientName: string;
  rules: Versioned;
  addendum: Versioned | null;
}) {
  return (
    <>
      <Stack gap="xs">
        <Title order={2} fz="h4">
          {props.mspName}’s rules, version {props.rules.version}
        </Title>
        <RulesText text={props.rules.text} label="Rules" size="md" />
      </Stack>
      {props.addendum && (
        <Stack gap="xs">
          <Title order={2} fz="h4">
            {props.clientName}’s addendum, version {props.addendum.version}
          </Title>
          <RulesText text={props.addendum.text} label="Addendum" size="md" />
        </Stack>
      )}
    </>
  );
}
