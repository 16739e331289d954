// A titled card that groups one part of a settings page, with a line saying what it is for.
import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function SectionCard(props: { title: string; description: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={props.title}>
      <Title order={2} fz="h3" mb={2}>
        {props.title}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {props.description}
      </Text>
      {props.children}
    </Paper>
  );
}
