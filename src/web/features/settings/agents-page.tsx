// Settings → Agents: enrollment tokens (created here, shown once) and the agents enrolled with them, with
// their last check-in; both can be revoked.
import { Badge, Button, Stack, Text, Tooltip } from '@mantine/core';
import { IconKey, IconPlus, IconRobot } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ASSET_ONLINE_MINUTES } from '../../../shared/api/assets.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { SectionCard } from '../../ui/section-card.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useNow } from '../../ui/use-now.ts';
import { assetKeys } from '../assets/assets-api.ts';
import {
  type Agent,
  agentKeys,
  agentsQuery,
  type EnrollmentToken,
  enrollmentTokensQuery,
  revokeAgent,
  revokeEnrollmentToken,
} from './agents-api.ts';
import {
  type AgentStatus,
  agentStatus,
  agentStatusLabels,
  tokenStatusColors,
  tokenStatusLabels,
} from './agents-status.ts';
import { EnrollmentTokenModal } from './agents-token-modal.tsx';

const agentStatusColors: Record<AgentStatus, string> = {
  online: 'green',
  offline: 'orange',
  never: 'gray',
  revoked: 'red',
};
const never = (
  <Text size="sm" c="dimmed">
    Never
  </Text>
);

function ClientAndSite(props: { client: string; site?: string | null }) {
  return (
    <Text size="sm" truncate maw={280}>
      {props.client}
      {props.site && <Text span c="dimmed" size="sm">{` · ${props.site}`}</Text>}
    </Text>
  );
}

function RevokeButton(props: { name: string; onClick: () => void }) {
  return (
    <Button
      size="compact-sm"
      variant="subtle"
      color="red"
      aria-label={`Revoke ${props.name}`}
      onClick={props.onClick}
    >
      Revoke
    </Button>
  );
}

export function AgentsPage() {
  const queryClient = useQueryClient();
  const tokens = useQuery(enrollmentTokensQuery);
  const agents = useQuery(agentsQuery);
  const now = useNow(30_000);
  const [isCreating, setCreating] = useState(false);
  const [revokingToken, setRevokingToken] = useState<EnrollmentToken | null>(null);
  const [revokingAgent, setRevokingAgent] = useState<Agent | null>(null);

  const revokeToken = useMutation({
    mutationFn: (token: EnrollmentToken) => revokeEnrollmentToken(token.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: agentKeys.tokens });
      notifySuccess('Enrollment token revoked');
    },
    onError: (error) => notifyError(error, 'Could not revoke the token'),
  });
  const revoke = useMutation({
    mutationFn: (agent: Agent) => revokeAgent(agent.id),
    onSuccess: async (agent) => {
      await queryClient.invalidateQueries({ queryKey: agentKeys.agents });
      await queryClient.invalidateQueries({ queryKey: assetKeys.all });
      notifySuccess(`${agent.hostname}'s agent revoked`);
    },
    onError: (error) => notifyError(error, 'Could not revoke the agent'),
  });

  const tokenColumns: Column<EnrollmentToken>[] = [
    {
      key: 'client',
      header: 'Client',
      sortValue: (token) => token.clientName,
      render: (token) => <ClientAndSite client={token.clientName} site={token.siteName} />,
    },
    {
      key: 'status',
      header: 'Status',
      width: 110,
      sortValue: (token) => tokenStatusLabels[token.status],
      render: (token) => (
        <Badge variant="light" color={tokenStatusColors[token.status]}>
          {tokenStatusLabels[token.status]}
        </Badge>
      ),
    },
    {
      key: 'uses',
      header: 'Uses',
      width: 90,
      align: 'right',
      sortValue: (token) => token.uses,
      render: (token) => <Text size="sm" className="tabular">{`${token.uses} / ${token.maxUses}`}</Text>,
    },
    {
      key: 'expires',
      header: 'Expires',
      width: 120,
      sortValue: (token) => token.expiresAt,
      render: (token) => <RelativeTime value={token.expiresAt} />,
    },
    {
      key: 'created',
      header: 'Created',
      width: 120,
      sortValue: (token) => token.createdAt,
      render: (token) => <RelativeTime value={token.createdAt} />,
    },
    {
      key: 'actions',
      header: '',
      width: 90,
      align: 'right',
      render: (token) =>
        token.status === 'active' && (
          <RevokeButton name={`the token for ${token.clientName}`} onClick={() => setRevokingToken(token)} />
        ),
    },
  ];

  const agentColumns: Column<Agent>[] = [
    {
      key: 'hostname',
      header: 'Hostname',
      sortValue: (agent) => agent.hostname,
      render: (agent) => (
        <AnchorLink to="/assets/$assetId" params={{ assetId: agent.assetId }} size="sm" fw={500}>
          {agent.hostname}
        </AnchorLink>
      ),
    },
    {
      key: 'client',
      header: 'Client',
      sortValue: (agent) => agent.clientName,
      render: (agent) => <ClientAndSite client={agent.clientName} />,
    },
    {
      key: 'version',
      header: 'Version',
      width: 100,
      sortValue: (agent) => agent.version,
      render: (agent) => agent.version ?? <Text c="dimmed">—</Text>,
    },
    {
      key: 'lastSeen',
      header: 'Last seen',
      width: 120,
      sortValue: (agent) => agent.lastSeenAt,
      render: (agent) => (agent.lastSeenAt ? <RelativeTime value={agent.lastSeenAt} /> : never),
    },
    {
      key: 'enrolled',
      header: 'Enrolled',
      width: 120,
      sortValue: (agent) => agent.enrolledAt,
      render: (agent) => <RelativeTime value={agent.enrolledAt} />,
    },
    {
      key: 'status',
      header: 'Status',
      width: 120,
      sortValue: (agent) => agentStatus(agent, now),
      render: (agent) => {
        const status = agentStatus(agent, now);
        return (
          <Tooltip
            label={
              status === 'revoked'
                ? 'Its credential is refused'
                : `Online when it checked in within the last ${ASSET_ONLINE_MINUTES} minutes`
            }
          >
            <Badge variant="light" color={agentStatusColors[status]}>
              {agentStatusLabels[status]}
            </Badge>
          </Tooltip>
        );
      },
    },
    {
      key: 'actions',
      header: '',
      width: 90,
      align: 'right',
      render: (agent) =>
        !agent.revokedAt && (
          <RevokeButton name={`the agent on ${agent.hostname}`} onClick={() => setRevokingAgent(agent)} />
        ),
    },
  ];

  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      New enrollment token
    </Button>
  );

  let tokenBody: ReactNode;
  if (tokens.isPending) tokenBody = <TableSkeleton columns={5} rows={2} />;
  else if (tokens.isError) tokenBody = <Text c="red">{tokens.error.message}</Text>;
  else if (tokens.data.length === 0)
    tokenBody = (
      <EmptyState
        icon={<IconKey size={24} />}
        title="No enrollment tokens yet"
        description="Create one for a client, then run its install command on each machine to enroll."
        action={newButton}
      />
    );
  else
    tokenBody = (
      <DataTable
        label="Enrollment tokens"
        columns={tokenColumns}
        rows={tokens.data}
        rowKey={(token) => token.id}
        keyboardNavigation={false}
      />
    );

  let agentBody: ReactNode;
  if (agents.isPending) agentBody = <TableSkeleton columns={6} rows={2} />;
  else if (agents.isError) agentBody = <Text c="red">{agents.error.message}</Text>;
  else if (agents.data.length === 0)
    agentBody = (
      <EmptyState
        icon={<IconRobot size={24} />}
        title="No agents enrolled yet"
        description="Agents appear here once a machine has run an install command."
      />
    );
  else
    agentBody = (
      <DataTable
        label="Agents"
        columns={agentColumns}
        rows={agents.data}
        rowKey={(agent) => agent.id}
        keyboardNavigation={false}
      />
    );

  return (
    <>
      <PageHeader
        title="Agents"
        description="Enroll clients' machines: their agents report check-ins, inventory and changes."
        actions={newButton}
      />
      <Stack gap="md">
        <SectionCard
          title="Enrollment tokens"
          description="A token lets machines enroll as a client's assets until it expires, is used up or is revoked. The token itself is shown only once."
        >
          {tokenBody}
        </SectionCard>
        <SectionCard
          title="Enrolled agents"
          description="Each agent holds its own credential. Revoking one stops it reporting; its asset and history stay."
        >
          {agentBody}
        </SectionCard>
      </Stack>
      <EnrollmentTokenModal opened={isCreating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        opened={revokingToken !== null}
        onClose={() => setRevokingToken(null)}
        title="Revoke enrollment token?"
        message={`No more machines can enroll with this token for ${revokingToken?.clientName ?? 'the client'}. Agents already enrolled with it keep working.`}
        confirmLabel="Revoke token"
        onConfirm={() => (revokingToken ? revokeToken.mutateAsync(revokingToken) : Promise.resolve())}
      />
      <ConfirmDialog
        opened={revokingAgent !== null}
        onClose={() => setRevokingAgent(null)}
        title="Revoke agent?"
        message={`The agent's credential on ${revokingAgent?.hostname ?? 'this machine'} is refused from its next call. Its asset and history stay; to report again, the machine must enroll again.`}
        confirmLabel="Revoke agent"
        onConfirm={() => (revokingAgent ? revoke.mutateAsync(revokingAgent) : Promise.resolve())}
      />
    </>
  );
}
