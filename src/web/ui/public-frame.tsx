// The frame of the signed-out pages (setup, sign-in, organization picker): one centred card.
import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PublicFrame(props: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  width?: number;
}) {
  return (
    <Center mih="100vh" p="md" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <Stack w="100%" maw={props.width ?? 400} gap="lg">
        <Group gap={10} justify="center">
          <img src="/favicon.svg" alt="" width={30} height={30} />
          <Text fw={700} fz={22} lts={-0.3}>
            Accord
          </Text>
        </Group>
        <Paper withBorder shadow="xs" radius="md" p="xl">
          <Stack gap={4} mb="lg">
            <Title order={1} fz="h2">
              {props.title}
            </Title>
            {props.description && (
              <Text size="sm" c="dimmed">
                {props.description}
              </Text>
            )}
          </Stack>
          {props.children}
        </Paper>
      </Stack>
    </Center>
  );
}
