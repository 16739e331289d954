// Personal API tokens: they act as you, are shown once at creation, and can be revoked at any time.
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Radio,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { ApiTokenScope, apiTokenSchema, createdApiTokenSchema } from '../../../shared/api/identity.ts';
import { ApiError, api } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';

type ApiToken = z.infer<typeof apiTokenSchema>;
type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

const tokensKey = ['api-tokens'] as const;

function status(token: ApiToken): { label: string; color: string } {
  if (token.revokedAt) return { label: 'Revoked', color: 'gray' };
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now())
    return { label: 'Expired', color: 'orange' };
  return { label: 'Active', color: 'teal' };
}

export function ApiTokensPage() {
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: tokensKey,
    queryFn: () => api<{ items: ApiToken[] }>('/api-tokens'),
    select: (data) => data.items,
  });
  const [isCreating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => api<void>(`/api-tokens/${token.id}`, { method: 'DELETE' }),
    onSuccess: async (_, token) => {
      await queryClient.invalidateQueries({ queryKey: tokensKey });
      notifySuccess(`Token ${token.name} revoked`);
    },
    onError: (error) => notifyError(error, 'Could not revoke the token'),
  });

  const columns: Column<ApiToken>[] = [
    {
      key: 'name',
      header: 'Name',
      sortValue: (t) => t.name,
      render: (t) => (
        <Text fw={500} size="sm">
          {t.name}
        </Text>
      ),
    },
    { key: 'prefix', header: 'Token', render: (t) => <Code>{t.prefix}…</Code> },
    {
      key: 'scope',
      header: 'Access',
      width: 100,
      render: (t) => (
        <Badge variant="light" color={t.scope === 'full' ? 'orange' : 'blue'}>
          {t.scope === 'full' ? 'Full' : 'Read-only'}
        </Badge>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      width: 100,
      render: (t) => (
        <Badge variant="dot" color={status(t).color}>
          {status(t).label}
        </Badge>
      ),
    },
    {
      key: 'created',
      header: 'Created',
      width: 110,
      sortValue: (t) => t.createdAt,
      render: (t) => <RelativeTime value={t.createdAt} />,
    },
    {
      key: 'used',
      header: 'Last used',
      width: 110,
      sortValue: (t) => t.lastUsedAt,
      render: (t) =>
        t.lastUsedAt ? (
          <RelativeTime value={t.lastUsedAt} />
        ) : (
          <Text size="sm" c="dimmed">
            Never
          </Text>
        ),
    },
    {
      key: 'expires',
      header: 'Expires',
      width: 110,
      sortValue: (t) => t.expiresAt,
      render: (t) =>
        t.expiresAt ? (
          <RelativeTime value={t.expiresAt} />
        ) : (
          <Text size="sm" c="dimmed">
            Never
          </Text>
        ),
    },
    {
      key: 'actions',
      header: '',
      width: 50,
      align: 'right',
      render: (t) =>
        !t.revokedAt && (
          <Tooltip label="Revoke">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Revoke ${t.name}`}
              onClick={() => setRevoking(t)}
            >
              <IconTrash size={15} />
            </ActionIcon>
          </Tooltip>
        ),
    },
  ];

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      New token
    </Button>
  );

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens act as you, with your role and client scope. Send one as “Authorization: Bearer <token>”."
        actions={addButton}
      />
      {tokens.isPending ? (
        <TableSkeleton columns={7} rows={2} />
      ) : tokens.isError ? (
        <Text c="red">{tokens.error.message}</Text>
      ) : tokens.data.length === 0 ? (
        <EmptyState
          icon={<IconKey size={24} />}
          title="No API tokens yet"
          description="Create a token to script Accord or connect another tool through the API."
          action={addButton}
        />
      ) : (
        <DataTable label="API tokens" columns={columns} rows={tokens.data} rowKey={(t) => t.id} />
      )}
      <Modal opened={isCreating} onClose={() => setCreating(false)} title="New API token">
        {isCreating && <CreateTokenForm onClose={() => setCreating(false)} />}
      </Modal>
      <ConfirmDialog
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title="Revoke token?"
        message={`Anything using ${revoking?.name ?? 'this token'} will stop working immediately.`}
        confirmLabel="Revoke token"
        onConfirm={() => (revoking ? revoke.mutateAsync(revoking) : Promise.resolve())}
      />
    </>
  );
}

function CreateTokenForm(props: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  // Read-only is preselected but shown, so full access is always a deliberate choice.
  const [scope, setScope] = useState<ApiTokenScope>('read');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const create = useMutation({
    mutationFn: () =>
      api<CreatedApiToken>('/api-tokens', {
        method: 'POST',
        body: {
          name: name.trim(),
          scope,
          // The end of the chosen day, in the browser's zone.
          expiresAt: expiresOn ? new Date(`${expiresOn}T23:59:59`).toISOString() : undefined,
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not create the token');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setErrors({ name: 'Name the token after what will use it' });
    create.mutate();
  }

  if (create.data) {
    return (
      <Stack gap="sm">
        <Alert color="yellow" variant="light" title="Copy it now">
          This is the only time the token is shown. Store it in your password manager or secret store.
        </Alert>
        <Group gap="xs" wrap="nowrap">
          <Code block style={{ flex: 1, wordBreak: 'break-all' }} aria-label="New API token">
            {create.data.token}
          </Code>
          <CopyButton value={create.data.token}>
            {({ copied, copy }) => (
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={copied ? 'Copied' : 'Copy token'}
                onClick={copy}
              >
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            )}
          </CopyButton>
        </Group>
        {create.data.expiresAt && (
          <Text size="xs" c="dimmed">
            Expires {formatDateTime(create.data.expiresAt)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button onClick={props.onClose}>Done</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Token name"
          description="What will use it, e.g. “RMM sync” or “Reporting script”."
          required
          data-autofocus
          value={name}
          error={errors.name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Radio.Group
          label="Access"
          description="A read-only token can look things up (GET) but never change anything."
          value={scope}
          onChange={(value) => setScope(value as ApiTokenScope)}
          error={errors.scope}
        >
          <Stack gap={6} mt={6}>
            <Radio value="read" label="Read-only" />
            <Radio value="full" label="Full access (everything you may do)" />
          </Stack>
        </Radio.Group>
        <TextInput
          label="Expires on"
          description="Optional. Leave empty for a token that does not expire."
          type="date"
          value={expiresOn}
          error={errors.expiresAt}
          onChange={(event) => setExpiresOn(event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
