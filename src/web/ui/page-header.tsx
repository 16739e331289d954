// The top of every page: a title, an optional line of context, and (at most) one primary action.
import { Box, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PageHeader(props: {
  title: ReactNode;
  description?: ReactNode;
  /** Above the title, e.g. a link back to the list. */
  eyebrow?: ReactNode;
  /** Badges next to the title. */
  badges?: ReactNode;
  /** The page's primary action (and at most a menu of secondary ones). */
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap" mb="md" gap="md">
      <Stack gap={2} miw={0}>
        {props.eyebrow && <Box fz="sm">{props.eyebrow}</Box>}
        <Group gap="xs" wrap="nowrap">
          <Title order={1} fz="h2" lineClamp={1}>
            {props.title}
          </Title>
          {props.badges}
        </Group>
        {props.description && (
          <Text size="sm" c="dimmed">
            {props.description}
          </Text>
        )}
      </Stack>
      {props.actions && (
        <Group gap="xs" wrap="nowrap">
          {props.actions}
        </Group>
      )}
    </Group>
  );
}
