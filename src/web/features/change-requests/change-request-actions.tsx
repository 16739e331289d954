// The decision buttons a change request offers the viewer, by permission and by its status; rejecting and
// cancelling ask for the reason in the same click. Where the client must approve a vendor's change too, the
// MSP's approval leaves the request waiting for the client, and says so.
import { Button, Group, Modal } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Permission } from '../../../shared/permissions.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { useCan, useSession } from '../auth/session.ts';
import { isAwaitingClient } from './change-request-labels.tsx';
import {
  actOnChangeRequest,
  type ChangeRequest,
  type ChangeRequestAction,
  type ChangeRequestStatus,
  changeRequestKeys,
} from './change-requests-api.ts';
import { ReasonForm } from './reason-form.tsx';

interface ActionButton {
  action: ChangeRequestAction;
  label: string;
  permission: Permission;
  from: ChangeRequestStatus[];
  variant: 'filled' | 'default' | 'light';
  color?: string;
  needsReason?: boolean;
}

// The order they show in; the server's transitions table is the authority.
const buttons: ActionButton[] = [
  {
    action: 'approve',
    label: 'Approve',
    permission: 'changes.approve',
    from: ['requested'],
    variant: 'filled',
  },
  {
    action: 'start',
    label: 'Mark started',
    permission: 'changes.request',
    from: ['approved'],
    variant: 'filled',
  },
  {
    action: 'complete',
    label: 'Mark completed',
    permission: 'changes.request',
    from: ['in_progress'],
    variant: 'filled',
  },
  {
    action: 'reject',
    label: 'Reject',
    permission: 'changes.approve',
    from: ['requested'],
    variant: 'light',
    color: 'red',
    needsReason: true,
  },
  {
    action: 'cancel',
    label: 'Cancel request',
    permission: 'changes.request',
    from: ['requested', 'approved'],
    variant: 'default',
    needsReason: true,
  },
];

const done: Record<ChangeRequestAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  start: 'marked started',
  complete: 'marked completed',
  cancel: 'cancelled',
};

export function ChangeRequestActions(props: { request: ChangeRequest }) {
  const { request } = props;
  const can = useCan();
  const msp = useSession().membership.tenantName;
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<ActionButton | null>(null);
  const act = useMutation({
    mutationFn: (input: { action: ChangeRequestAction; reason?: string }) =>
      actOnChangeRequest(request.id, input.action, input.reason),
    onSuccess: async (updated, input) => {
      await queryClient.invalidateQueries({ queryKey: changeRequestKeys.all });
      notifySuccess(
        input.action === 'approve' && isAwaitingClient(updated)
          ? `CR-${updated.number} approved by ${msp}, waiting for ${updated.clientName}’s approval`
          : `CR-${updated.number} ${done[input.action]}`,
      );
      setAsking(null);
    },
    onError: (error) => notifyError(error, 'Could not change the request'),
  });
  // Approved by the MSP while the client's approval is awaited: there is nothing more for the MSP to approve.
  const hasMspApproved = request.status === 'requested' && request.decidedAt !== null;
  const shown = buttons.filter(
    (b) =>
      can(b.permission) && b.from.includes(request.status) && !(b.action === 'approve' && hasMspApproved),
  );
  if (shown.length === 0) return null;
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        {shown.map((b) => (
          <Button
            key={b.action}
            variant={b.variant}
            color={b.color}
            loading={act.isPending && act.variables?.action === b.action && !b.needsReason}
            onClick={() => (b.needsReason ? setAsking(b) : act.mutate({ action: b.action }))}
          >
            {b.label}
          </Button>
        ))}
      </Group>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={asking?.action === 'reject' ? `Reject CR-${request.number}?` : `Cancel CR-${request.number}?`}
        size="md"
      >
        {asking && (
          <ReasonForm
            missingMessage="Say why; the requester and the audit trail will see it"
            submitLabel={asking.action === 'reject' ? 'Reject' : 'Cancel request'}
            submitColor={asking.action === 'reject' ? 'red' : undefined}
            isBusy={act.isPending}
            onCancel={() => setAsking(null)}
            onSubmit={(reason) => act.mutate({ action: asking.action, reason })}
          />
        )}
      </Modal>
    </>
  );
}
