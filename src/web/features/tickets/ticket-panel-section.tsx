// A titled box of the ticket's side panel.
import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function Section(props: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder p="sm" component="section" aria-label={props.title}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2} fz="sm" fw={600} c="dimmed" tt="uppercase" lts={0.3}>
          {props.title}
        </Title>
        {props.action}
      </Group>
      {props.children}
    </Paper>
  );
}
