// The vendors' changes that ask the company's approval, those waiting first: who changes what, when (in your
// time), how risky it is and how it would be undone; approving or rejecting (with the reason) in your name.
import { Badge, Button, Grid, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconChecklist, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { crNumber, formatWindow, RiskBadge, StatusBadge } from '../change-requests/change-request-labels.tsx';
import { type Decision, DecisionModal } from './decision-modal.tsx';
import {
  clientPortalOverviewQuery,
  type PortalChangeRequest,
  portalChangeRequestsQuery,
} from './portal-api.ts';

/** Still the company's to decide: requested, and its approval awaited. */
export const isWaitingForYou = (request: PortalChangeRequest) =>
  request.status === 'requested' && request.clientApproval.status === 'pending';

export function PortalApprovalsPage() {
  const requests = useQuery(portalChangeRequestsQuery);
  const overview = useQuery(clientPortalOverviewQuery);
  const [deciding, setDeciding] = useState<{ request: PortalChangeRequest; decision: Decision } | null>(null);
  const mspName = overview.data?.mspName ?? 'Your IT provider';
  const waiting = requests.data?.filter(isWaitingForYou).length ?? 0;

  return (
    <>
      <PageHeader
        title="Approvals"
        description={
          waiting > 0
            ? `${waiting} ${waiting === 1 ? 'change waits' : 'changes wait'} for your decision. ${mspName} lets a vendor go ahead only once you approve.`
            : 'Changes your vendors ask to make to your systems, and what was decided.'
        }
      />
      {!requests.isSuccess ? (
        <QueryState query={requests} height={240} />
      ) : requests.data.length === 0 ? (
        <EmptyState
          icon={<IconChecklist size={24} />}
          title="Nothing to approve"
          description={`When one of your vendors asks to change your systems and your agreement asks for your approval, the change waits for you here.`}
        />
      ) : (
        <Stack gap="md" component="ul" p={0} m={0} aria-label="Change requests" style={{ listStyle: 'none' }}>
          {requests.data.map((request) => (
            <RequestCard
              key={request.id}
              request={request}
              onDecide={(decision) => setDeciding({ request, decision })}
            />
          ))}
        </Stack>
      )}
      <DecisionModal
        request={deciding?.request ?? null}
        decision={deciding?.decision ?? 'approve'}
        clientName={overview.data?.clientName ?? 'your company'}
        onClose={() => setDeciding(null)}
      />
    </>
  );
}

function ApprovalBadge(props: { request: PortalChangeRequest }) {
  const approval = props.request.clientApproval;
  const zone = browserTimeZone();
  const when = approval.decidedAt ? ` on ${formatDateTime(approval.decidedAt, zone, true)}` : '';
  if (isWaitingForYou(props.request)) {
    return (
      <Badge color="orange" variant="light" tt="none">
        Waiting for your approval
      </Badge>
    );
  }
  if (approval.status === 'approved' || approval.status === 'rejected') {
    const word = approval.status === 'approved' ? 'Approved' : 'Rejected';
    return (
      <Tooltip label={`${word} by ${approval.name ?? 'someone'}${when}`}>
        <Badge
          color={approval.status === 'approved' ? 'green' : 'red'}
          variant="light"
          tt="none"
          leftSection={approval.status === 'approved' ? <IconCheck size={12} /> : <IconX size={12} />}
        >
          {word} by {approval.name ?? 'your company'}
        </Badge>
      </Tooltip>
    );
  }
  return null;
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Grid.Col span={{ base: 12, sm: 6 }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {props.label}
      </Text>
      <Text size="sm" component="div">
        {props.children}
      </Text>
    </Grid.Col>
  );
}

function RequestCard(props: { request: PortalChangeRequest; onDecide: (decision: Decision) => void }) {
  const { request } = props;
  const title = `${crNumber(request)}: ${request.title}`;
  const reason = request.clientApproval.status === 'rejected' ? request.clientApproval.reason : null;
  return (
    <Paper withBorder p="md" component="li" aria-label={title}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Stack gap={4} miw={0} style={{ flex: 1 }}>
          <Title order={2} fz="h4">
            {title}
          </Title>
          <Group gap={6}>
            {/* While it waits for you, "Requested" says nothing more than the approval badge. */}
            {!isWaitingForYou(request) && <StatusBadge status={request.status} />}
            <ApprovalBadge request={request} />
            {request.emergency && (
              <Badge color="red" variant="outline" leftSection={<IconAlertTriangle size={12} />} tt="none">
                Emergency, made before approval
              </Badge>
            )}
          </Group>
        </Stack>
        {isWaitingForYou(request) && (
          <Group gap="xs">
            <Button
              color="red"
              variant="light"
              leftSection={<IconX size={16} />}
              onClick={() => props.onDecide('reject')}
            >
              Reject
            </Button>
            <Button
              color="green"
              leftSection={<IconCheck size={16} />}
              onClick={() => props.onDecide('approve')}
            >
              Approve
            </Button>
          </Group>
        )}
      </Group>
      <Grid gap="sm" mb="sm">
        <Fact label="Vendor">{request.vendorName ?? '—'}</Fact>
        <Fact label="When (your time)">
          <span className="tabular">
            {formatWindow(request.windowStart, request.windowEnd, browserTimeZone())}
          </span>
        </Fact>
        <Fact label="Risk">
          <RiskBadge risk={request.risk} />
        </Fact>
        <Fact label="Systems affected">
          {request.assets.length ? request.assets.map((asset) => asset.name).join(', ') : '—'}
        </Fact>
      </Grid>
      <Stack gap="xs">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {request.description || 'No description given.'}
        </Text>
        {request.backOutPlan && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            <Text span fw={600} inherit>
              If it goes wrong:{' '}
            </Text>
            {request.backOutPlan}
          </Text>
        )}
        {reason && (
          <Text size="sm">
            <Text span fw={600} inherit>
              Reason for rejecting:{' '}
            </Text>
            {reason}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
