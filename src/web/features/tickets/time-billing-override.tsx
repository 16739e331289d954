// Billing's override of one entry's outcome: what the agreements make of it now, the outcome billing
// decides instead and why (kept in the entry's history), or removing an override to go back to the rules.
import { Alert, Button, Code, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type TimeOutcome, timeOutcomeLabels, timeOutcomes } from '../../../shared/api/agreements.ts';
import { ApiError } from '../../api/client.ts';
import { formatMinutes } from '../../ui/format.ts';
import { notifySuccess } from '../../ui/notify.tsx';
import { type ClassifiedTimeEntry, setTimeEntryBilling, ticketKeys } from './tickets-api.ts';
import { OutcomeBadge } from './time-classification.tsx';
import { isOverrideChange, overrideSummary } from './time-entry-billing.ts';

const outcomeHints: Record<TimeOutcome, string> = {
  covered: 'Included in the agreement: not charged, counted as covered work.',
  billable: 'Charged at the agreement’s rate on the next invoice.',
  absorbed: 'Not charged and not counted as covered: the cost is yours.',
};

export function TimeBillingOverrideModal(props: { entry: ClassifiedTimeEntry | null; onClose: () => void }) {
  return (
    <Modal opened={props.entry !== null} onClose={props.onClose} title="Override billing" size="lg">
      {props.entry && <OverrideForm entry={props.entry} onClose={props.onClose} />}
    </Modal>
  );
}

function OverrideForm(props: { entry: ClassifiedTimeEntry; onClose: () => void }) {
  const { entry } = props;
  const c = entry.classification;
  const current = entry.billingOverride;
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<TimeOutcome>(
    current?.outcome ?? (c.computedOutcome === 'billable' ? 'absorbed' : 'billable'),
  );
  const [reason, setReason] = useState(current?.reason ?? '');
  const [reasonError, setReasonError] = useState<string | undefined>();

  const save = useMutation({
    mutationFn: (override: { outcome: TimeOutcome; reason: string } | null) =>
      setTimeEntryBilling(entry.id, { override }),
    onSuccess: async (_, override) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.timeEntries(entry.ticketId) }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.timeEntryHistory(entry.id) }),
      ]);
      notifySuccess(override ? 'Billing override saved' : 'Billing override removed');
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fieldErrors['override.reason']) {
        setReasonError(error.fieldErrors['override.reason']);
      }
    },
  });
  const refusal = save.error instanceof ApiError ? save.error : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setReasonError('Say why the classification is overridden');
    save.mutate({ outcome, reason: reason.trim() });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Stack gap={4} aria-label="What the entry comes to now" component="section">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            Under the agreements
          </Text>
          <Text size="sm">
            {formatMinutes(entry.minutes)} of {entry.workTypeName} by {entry.staffName}
          </Text>
          <Group gap={6}>
            <OutcomeBadge outcome={c.computedOutcome} />
            <Text size="sm" c="dimmed">
              {current ? 'computed by the rules' : 'as computed now'}
            </Text>
          </Group>
          {!current && <Text size="sm">{c.clause}</Text>}
          {current && (
            <Text size="sm" fw={500}>
              {overrideSummary(current)}
            </Text>
          )}
        </Stack>
        <Radio.Group
          label="Bill it as"
          required
          value={outcome}
          onChange={(value) => setOutcome(value as TimeOutcome)}
        >
          <Stack gap={8} mt={6}>
            {timeOutcomes.map((value) => (
              <Radio
                key={value}
                value={value}
                label={
                  value === c.computedOutcome
                    ? `${timeOutcomeLabels[value]} (as the rules say)`
                    : timeOutcomeLabels[value]
                }
                description={outcomeHints[value]}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label="Reason"
          description="Kept in the entry's history, with your name."
          required
          autosize
          minRows={2}
          maxLength={1000}
          data-autofocus
          value={reason}
          error={reasonError}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setReasonError(undefined);
          }}
        />
        {refusal && !refusal.fieldErrors['override.reason'] && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="Not saved"
            role="alert"
          >
            <Text size="sm">
              {refusal.message} <Code fz="xs">{refusal.code}</Code>
            </Text>
          </Alert>
        )}
        {save.error && !refusal && (
          <Text size="sm" c="red" role="alert">
            {save.error.message}
          </Text>
        )}
        <Group justify="space-between" gap="xs">
          <div>
            {current && (
              <Button
                variant="subtle"
                color="red"
                loading={save.isPending && save.variables === null}
                onClick={() => save.mutate(null)}
              >
                Remove override
              </Button>
            )}
          </div>
          <Group gap="xs">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={save.isPending && save.variables !== null}
              disabled={!isOverrideChange(current, { outcome, reason })}
            >
              Save override
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
