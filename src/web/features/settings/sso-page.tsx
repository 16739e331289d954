// Settings → Single sign-on: the organization's OpenID Connect providers (Entra ID, Google Workspace,
// others), what to register at them, and switching them on and off.
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Code,
  CopyButton,
  Group,
  Stack,
  Switch,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconKey, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import {
  callbackUrl,
  deleteSsoProvider,
  kindLabels,
  type SsoProvider,
  ssoKeys,
  ssoProvidersQuery,
  updateSsoProvider,
} from './sso-api.ts';
import { SsoProviderFormModal } from './sso-provider-form-modal.tsx';

export function SsoPage() {
  const queryClient = useQueryClient();
  const providers = useQuery(ssoProvidersQuery);
  const [editing, setEditing] = useState<SsoProvider | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SsoProvider | null>(null);

  const toggle = useMutation({
    mutationFn: (provider: SsoProvider) => updateSsoProvider(provider.id, { enabled: !provider.enabled }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ssoKeys.providers });
      notifySuccess(`${saved.name} ${saved.enabled ? 'enabled' : 'disabled'}`);
    },
    onError: (error) => notifyError(error, 'Could not change the provider'),
  });
  const remove = useMutation({
    mutationFn: (provider: SsoProvider) => deleteSsoProvider(provider.id),
    onSuccess: async (_, provider) => {
      await queryClient.invalidateQueries({ queryKey: ssoKeys.providers });
      notifySuccess(`${provider.name} removed`);
    },
    onError: (error) => notifyError(error, 'Could not remove the provider'),
  });

  const columns: Column<SsoProvider>[] = [
    {
      key: 'name',
      header: 'Provider',
      sortValue: (provider) => provider.name,
      render: (provider) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {provider.name}
          </Text>
          <Text size="xs" c="dimmed">
            {kindLabels[provider.kind]} · {provider.issuer}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'domains',
      header: 'Email domains',
      sortValue: (provider) => provider.emailDomains.join(','),
      render: (provider) => (
        <Group gap={4}>
          {provider.emailDomains.map((domain) => (
            <Badge key={domain} variant="light" color="gray" tt="none">
              {domain}
            </Badge>
          ))}
        </Group>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      width: 120,
      sortValue: (provider) => (provider.enabled ? 0 : 1),
      render: (provider) => (
        // Toggling here must not also open the editor (the row's click).
        <Box onClick={(event) => event.stopPropagation()}>
          <Switch
            size="sm"
            checked={provider.enabled}
            label={provider.enabled ? 'Enabled' : 'Disabled'}
            aria-label={`${provider.enabled ? 'Disable' : 'Enable'} ${provider.name}`}
            disabled={toggle.isPending && toggle.variables?.id === provider.id}
            onChange={() => toggle.mutate(provider)}
          />
        </Box>
      ),
    },
    {
      key: 'updated',
      header: 'Changed',
      width: 110,
      sortValue: (provider) => provider.updatedAt,
      render: (provider) => <RelativeTime value={provider.updatedAt} />,
    },
    {
      key: 'actions',
      header: '',
      width: 80,
      align: 'right',
      render: (provider) => (
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Edit ${provider.name}`}
            onClick={() => setEditing(provider)}
          >
            <IconPencil size={15} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove ${provider.name}`}
            onClick={() => setDeleting(provider)}
          >
            <IconTrash size={15} />
          </ActionIcon>
        </Group>
      ),
    },
  ];

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
      Add provider
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Let your team sign in with Microsoft Entra ID, Google Workspace or another OpenID Connect provider."
        actions={addButton}
      />
      <Stack gap="md">
        <RegistrationHelp />
        {providers.isPending ? (
          <TableSkeleton columns={5} rows={2} />
        ) : providers.isError ? (
          <Text c="red">{providers.error.message}</Text>
        ) : providers.data.length === 0 ? (
          <EmptyState
            icon={<IconKey size={24} />}
            title="No single sign-on yet"
            description="Add your identity provider so your team signs in with their work account."
            action={addButton}
          />
        ) : (
          <DataTable
            label="Single sign-on providers"
            columns={columns}
            rows={providers.data}
            rowKey={(provider) => provider.id}
            initialSort={{ key: 'name', direction: 'asc' }}
            onOpen={(provider) => setEditing(provider)}
          />
        )}
      </Stack>
      <ConfirmDialog
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Remove provider?"
        message={`Nobody will sign in through ${deleting?.name ?? 'this provider'} any more, and the links between its accounts and your team are forgotten. Everyone keeps their Accord password.`}
        confirmLabel="Remove provider"
        onConfirm={() => (deleting ? remove.mutateAsync(deleting) : Promise.resolve())}
      />
      <SsoProviderFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        provider={editing === 'new' || editing === null ? undefined : editing}
      />
    </>
  );
}

/** What an admin registers at the provider, and what single sign-on does and does not do. */
function RegistrationHelp() {
  const url = callbackUrl();
  return (
    <Alert variant="light" color="blue" title="Register Accord at your provider">
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm">Redirect URI (web):</Text>
          <Code>{url}</Code>
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy'}>
                <ActionIcon variant="subtle" aria-label="Copy redirect URI" onClick={copy}>
                  {copied ? <IconCheck size={15} /> : <IconCopy size={15} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Text size="sm">
          Scopes: openid, email, profile. Accord creates no accounts: a person signs in to the account you
          added under Users, matched by email the first time. Sign-ins through a provider skip Accord's own
          two-factor step, so require MFA at the provider.
        </Text>
      </Stack>
    </Alert>
  );
}
