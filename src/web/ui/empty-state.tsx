// What a list shows when it has nothing yet: what it is for and what to do next.
import { Paper, Stack, Text, ThemeIcon } from '@mantine/core';
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
