// What a list shows when it has nothing yet (what it is for and what to do next), or when its filters
// leave nothing.
import { Button, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function EmptyState(props: {
  icon: ReactNode;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" py={48} px="lg">
      <Stack align="center" gap="xs" maw={420} mx="auto" ta="center">
        <ThemeIcon size={44} radius="xl" variant="light">
          {props.icon}
        </ThemeIcon>
        <Text fw={600} size="lg" mt={4}>
          {props.title}
        </Text>
        {props.description && (
          <Text size="sm" c="dimmed">
            {props.description}
          </Text>
        )}
        {props.action && <div style={{ marginTop: 8 }}>{props.action}</div>}
      </Stack>
    </Paper>
  );
}

/** A filtered list with nothing left: say so, and offer to clear the filters. */
export function NoMatches(props: { title: string; description: string; onClear: () => void }) {
  return (
    <EmptyState
      icon={<IconSearch size={24} />}
      title={props.title}
      description={props.description}
      action={
        <Button variant="default" onClick={props.onClear}>
          Clear filters
        </Button>
      }
    />
  );
}
