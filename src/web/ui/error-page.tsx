// What a route shows when loading it failed unexpectedly (server down, a bug): the reason and a way out.
import { Button, Code, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { ApiError } from '../api/client.ts';

export function ErrorPage(props: ErrorComponentProps) {
  const error = props.error;
  return (
    <Stack align="center" gap="sm" py={80} px="md" ta="center">
      <ThemeIcon size={48} radius="xl" variant="light" color="red">
        <IconPlugConnectedX size={26} />
      </ThemeIcon>
      <Title order={1} fz="h2">
        This page could not be loaded
      </Title>
      <Text c="dimmed" size="sm" maw={460}>
        {error instanceof Error ? error.message : String(error)}
        {error instanceof ApiError && (
          <>
            {' '}
            <Code fz="xs">{error.code}</Code>
          </>
        )}
      </Text>
      <Group gap="xs" mt="xs">
        <Button variant="default" onClick={() => window.location.reload()}>
          Reload
        </Button>
        <Button variant="subtle" component="a" href="/">
          Go to the dashboard
        </Button>
      </Group>
    </Stack>
  );
}
