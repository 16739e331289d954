// Where the client's approval of a vendor's change stands (its agreement asks for it): waiting, approved or
// rejected, by whom and how; while it is awaited, staff make a one-time link for the client or record the
// decision the client gave by phone or mail.
import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconHourglass, IconLink, IconSignature } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { changeRequestStatusLabels } from '../../../shared/api/change-requests.ts';
import type { OneTimeLink } from '../../../shared/api/common.ts';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { LinkShownOnceModal } from '../../ui/link-shown-once.tsx';
import { notifyError } from '../../ui/notify.tsx';
import { useCan, useSession } from '../auth/session.ts';
import { crNumber } from './change-request-labels.tsx';
import { type ChangeRequest, createApprovalLink } from './change-requests-api.ts';
import { ClientDecisionModal } from './client-decision-modal.tsx';

export function ClientApprovalCard(props: { request: ChangeRequest }) {
  const { request } = props;
  const can = useCan();
  const [isRecording, setRecording] = useState(false);
  const [link, setLink] = useState<OneTimeLink | null>(null);
  const createLink = useMutation({
    mutationFn: () => createApprovalLink(request.id),
    onSuccess: setLink,
    onError: (error) => notifyError(error, 'Could not create the link'),
  });
  if (request.clientApproval.status === 'not_needed') return null;
  const canDecide =
    can('changes.approve') && request.status === 'requested' && request.clientApproval.status === 'pending';

  return (
    <Paper withBorder p="md" component="section" aria-label="Client approval">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={6} miw={0} style={{ flex: 1 }}>
          <Title order={2} fz="h4">
            Client approval
          </Title>
          <ApprovalStanding request={request} />
        </Stack>
        {canDecide && (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconLink size={16} />}
              loading={createLink.isPending}
              onClick={() => createLink.mutate()}
            >
              Get approval link
            </Button>
            <Button
              variant="default"
              leftSection={<IconSignature size={16} />}
              onClick={() => setRecording(true)}
            >
              Record client’s decision
            </Button>
          </Group>
        )}
      </Group>
      <ClientDecisionModal request={request} opened={isRecording} onClose={() => setRecording(false)} />
      <LinkShownOnceModal
        link={link}
        title={`Approval link for ${request.clientName}`}
        label="Approval link"
        onClose={() => setLink(null)}
      >
        {(expires) =>
          `Send it to ${request.clientName}. Whoever opens it can read ${crNumber(request)} and approve or reject it for ${request.clientName} once, without an account, until ${expires}.`
        }
      </LinkShownOnceModal>
    </Paper>
  );
}

/** The client's standing in one or two plain sentences, with an icon and a word (never colour alone). */
function ApprovalStanding(props: { request: ChangeRequest }) {
  const { request } = props;
  const { clientApproval: approval, clientName } = request;
  const session = useSession();
  const msp = session.membership.tenantName;
  const zone = browserTimeZone();

  if (approval.status === 'pending') {
    const hasMspApproved = request.status === 'requested' && request.decidedAt !== null;
    const mspDecision = [
      request.decidedByName,
      request.decidedAt && formatDateTime(request.decidedAt, zone, true),
    ]
      .filter(Boolean)
      .join(', ');
    return (
      <>
        <Standing icon={<IconHourglass size={18} />} color="yellow">
          {request.status === 'requested'
            ? `Waiting for ${clientName}’s approval`
            : `${clientName} did not decide before the request was ${changeRequestStatusLabels[request.status].toLowerCase()}`}
        </Standing>
        {request.status === 'requested' && (
          <Text size="sm" c={hasMspApproved ? undefined : 'dimmed'}>
            {hasMspApproved
              ? `Approved by ${msp}${mspDecision ? ` (${mspDecision})` : ''}. The change is approved once ${clientName} approves it too.`
              : `${clientName}’s agreement asks for its approval of vendors’ changes: the change is approved once both ${msp} and ${clientName} have approved it, in either order. A rejection by either rejects it.`}
          </Text>
        )}
      </>
    );
  }

  const how = {
    link: 'through the one-time link',
    portal: 'in the client portal',
    staff: 'recorded by staff',
  }[approval.via ?? 'staff'];
  const when = approval.decidedAt ? ` on ${formatDateTime(approval.decidedAt, zone, true)}` : '';
  const who = approval.name ?? 'someone';
  if (approval.status === 'approved') {
    return (
      <>
        <Standing icon={<IconCircleCheck size={18} />} color="teal">
          Approved for {clientName} by {who}
        </Standing>
        <Text size="sm" c="dimmed">
          {`${capitalize(how)}${when}.`}
          {request.status === 'requested' && ` The change is approved once ${msp} approves it too.`}
        </Text>
      </>
    );
  }
  return (
    <>
      <Standing icon={<IconCircleX size={18} />} color="red">
        Rejected for {clientName} by {who}
      </Standing>
      <Text size="sm" c="dimmed">{`${capitalize(how)}${when}.`}</Text>
      {approval.reason && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          <Text span fw={500}>
            Reason:{' '}
          </Text>
          {approval.reason}
        </Text>
      )}
    </>
  );
}

function Standing(props: { icon: ReactNode; color: string; children: ReactNode }) {
  return (
    <Group gap={8} wrap="nowrap" align="center">
      <ThemeIcon size={26} radius="xl" variant="light" color={props.color} aria-hidden>
        {props.icon}
      </ThemeIcon>
      <Text fw={600}>{props.children}</Text>
    </Group>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
