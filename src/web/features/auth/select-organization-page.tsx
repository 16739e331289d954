// For people who belong to several organizations: choose which one this session acts in.
import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../../api/client.ts';
import { notifyError } from '../../ui/notify.tsx';
import { PublicFrame } from '../../ui/public-frame.tsx';
import { signInDestination } from './mfa-api.ts';
import { type SessionData, sessionKey, sessionQuery } from './session.ts';

export function SelectOrganizationPage() {
  const { data: session } = useSuspenseQuery(sessionQuery);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const select = useMutation({
    mutationFn: (tenantId: string) =>
      api<SessionData>('/auth/select-tenant', { method: 'POST', body: { tenantId } }),
    onSuccess: async (next) => {
      queryClient.setQueryData(sessionKey, next);
      // The chosen organization may require two-factor sign-in that this person has not set up yet.
      await navigate({ href: signInDestination(next) });
    },
    onError: (error) => notifyError(error, 'Could not switch organization'),
  });

  return (
    <PublicFrame title="Choose an organization" description={`Signed in as ${session?.identity.email ?? ''}`}>
      <Stack gap="xs">
        {session?.memberships.map((membership) => (
          <UnstyledButton
            key={membership.tenantId}
            onClick={() => select.mutate(membership.tenantId)}
            disabled={select.isPending}
            p="sm"
            style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 6 }}
          >
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={0}>
                <Text fw={600} size="sm">
                  {membership.tenantName}
                </Text>
                <Text size="xs" c="dimmed">
                  Open this organization
                </Text>
              </Stack>
              <Group gap="xs" wrap="nowrap">
                <Badge variant="light" color="gray">
                  {membership.role}
                </Badge>
                <IconChevronRight size={16} opacity={0.5} />
              </Group>
            </Group>
          </UnstyledButton>
        ))}
        {session?.memberships.length === 0 && (
          <Text size="sm" c="dimmed">
            Your account is not a member of any organization. Ask an owner to add you.
          </Text>
        )}
      </Stack>
    </PublicFrame>
  );
}
