// The ticket's billing: the agreement its time is billed under, the service it is about, and the client's
// recorded request for after-hours work (without which after-hours work never bills at a tier).
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { browserTimeZone, instantToZonedWallTime, zonedWallTimeToInstant } from '../../ui/format.ts';
import { agreementListQuery } from '../agreements/agreements-api.ts';
import { useCan } from '../auth/session.ts';
import { catalogItemsQuery } from '../settings/catalog-api.ts';
import { useTicketAction } from './ticket-actions.ts';
import { inlineField } from './ticket-status-control.tsx';
import { type TicketDetail, updateTicket } from './tickets-api.ts';

export function TicketBillingFields(props: { ticket: TicketDetail }) {
  const { ticket } = props;
  const can = useCan();
  const canWork = can('tickets.work');
  const agreements = useQuery({
    ...agreementListQuery({ clientId: ticket.clientId }),
    enabled: can('billing.read'),
  });
  const services = useQuery({ ...catalogItemsQuery, enabled: can('billing.read') });
  const [recording, setRecording] = useState(false);
  const update = useTicketAction(
    ticket.id,
    (input: Parameters<typeof updateTicket>[1]) => updateTicket(ticket.id, input),
    { errorTitle: 'Could not change the ticket' },
  );

  const agreementOptions = (agreements.data ?? []).map((a) => ({
    value: a.id,
    label: a.status === 'active' ? a.name : `${a.name} (${a.status})`,
  }));
  if (ticket.agreementId && !agreementOptions.some((o) => o.value === ticket.agreementId)) {
    agreementOptions.unshift({
      value: ticket.agreementId,
      label: ticket.agreementName ?? 'Current agreement',
    });
  }
  const serviceOptions = (services.data ?? [])
    .filter((item) => !item.archived || item.id === ticket.serviceId)
    .map((item) => ({ value: item.id, label: item.name }));
  if (ticket.serviceId && !serviceOptions.some((o) => o.value === ticket.serviceId)) {
    serviceOptions.unshift({ value: ticket.serviceId, label: ticket.serviceName ?? 'Current service' });
  }
  const request = ticket.afterHoursRequest;

  return (
    <Stack gap={6}>
      <Select
        {...inlineField}
        label="Agreement"
        placeholder="No agreement"
        clearable
        disabled={!canWork || update.isPending}
        data={agreementOptions}
        value={ticket.agreementId}
        nothingFoundMessage="This client has no agreements"
        onChange={(id) => id !== ticket.agreementId && update.mutate({ agreementId: id })}
      />
      <Select
        {...inlineField}
        label="Service"
        placeholder="Not set"
        clearable
        searchable
        disabled={!canWork || update.isPending}
        data={serviceOptions}
        value={ticket.serviceId}
        onChange={(id) => id !== ticket.serviceId && update.mutate({ serviceId: id })}
      />
      <Group gap={8} wrap="nowrap" align="flex-start">
        <Text size="xs" fw={500} c="dimmed" w={74} style={{ flexShrink: 0 }}>
          After hours
        </Text>
        <Stack gap={2}>
          <Text size="xs" data-testid="after-hours-request">
            {request
              ? `Requested by ${request.requestedBy}, ${new Date(request.requestedAt).toLocaleString()}`
              : 'No client request recorded'}
          </Text>
          {canWork && (
            <Group gap={4}>
              <Button variant="subtle" size="compact-xs" onClick={() => setRecording(true)}>
                {request ? 'Change' : 'Record request'}
              </Button>
              {request && (
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-xs"
                  onClick={() => update.mutate({ afterHoursRequest: null })}
                >
                  Withdraw
                </Button>
              )}
            </Group>
          )}
        </Stack>
      </Group>
      <Modal
        opened={recording}
        onClose={() => setRecording(false)}
        title="Client's request for after-hours work"
      >
        {recording && (
          <AfterHoursRequestForm
            onCancel={() => setRecording(false)}
            onSave={async (value) => {
              await update.mutateAsync({ afterHoursRequest: value });
              setRecording(false);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function AfterHoursRequestForm(props: {
  onCancel: () => void;
  onSave: (value: { requestedBy: string; requestedAt: string }) => Promise<void>;
}) {
  const zone = browserTimeZone();
  const [requestedBy, setRequestedBy] = useState('');
  const [at, setAt] = useState(() => instantToZonedWallTime(Date.now(), zone));
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const instant = zonedWallTimeToInstant(at, zone);
    const problems: Record<string, string> = {};
    if (!requestedBy.trim()) problems.requestedBy = 'Say who at the client asked';
    if (!instant) problems.requestedAt = 'Enter when they asked';
    if (!instant || Object.keys(problems).length > 0) return setErrors(problems);
    void props.onSave({ requestedBy: requestedBy.trim(), requestedAt: instant.toISOString() });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          After-hours work is billed at the agreement's after-hours rates only from the moment the client
          asked for it. Record who asked and when; it stays on the ticket's timeline.
        </Text>
        <TextInput
          label="Requested by"
          placeholder="Dana Lee, office manager"
          required
          data-autofocus
          value={requestedBy}
          error={errors.requestedBy}
          onChange={(event) => setRequestedBy(event.currentTarget.value)}
        />
        <TextInput
          label="Requested at"
          description={zone}
          type="datetime-local"
          required
          value={at}
          error={errors.requestedAt}
          onChange={(event) => setAt(event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit">Record request</Button>
        </Group>
      </Stack>
    </form>
  );
}
