// Re-judging a detected change: staff pick its outcome (a vendor one names a vendor engaged at the change's
// client) and say why; the reason replaces Accord's and the change shows as re-judged.
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { describeChange } from '../assets/change-sentences.ts';
import { engagedVendorsQuery } from '../change-requests/change-requests-api.ts';
import {
  type ChangeOutcome,
  changeOutcomeHints,
  changeOutcomeLabels,
  changeOutcomes,
} from './change-outcomes.ts';
import { type AssetChange, type ChangeJudgement, judgeChange } from './detected-changes-api.ts';

export function JudgeChangeModal(props: { change: AssetChange | null; onClose: () => void }) {
  return (
    <Modal opened={props.change !== null} onClose={props.onClose} title="Judge this change" size="lg">
      {props.change && <JudgeForm key={props.change.id} change={props.change} onDone={props.onClose} />}
    </Modal>
  );
}

function JudgeForm(props: { change: AssetChange; onDone: () => void }) {
  const { change } = props;
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<ChangeOutcome>(change.outcome ?? 'unattributed');
  const [vendorId, setVendorId] = useState<string | null>(change.vendorId);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const vendors = useQuery({ ...engagedVendorsQuery(change.clientId), enabled: outcome === 'vendor' });
  const judge = useMutation({
    mutationFn: (input: ChangeJudgement) => judgeChange(change.id, input),
    onSuccess: async (judged) => {
      // The triage list, the asset's timeline and tickets' "changes on this asset" all show the outcome.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['asset-changes'] }),
        queryClient.invalidateQueries({ queryKey: ['assets', 'changes'] }),
        queryClient.invalidateQueries({ queryKey: ['tickets'] }),
      ]);
      notifySuccess(`Judged ${judged.outcome ? changeOutcomeLabels[judged.outcome].toLowerCase() : ''}`);
      props.onDone();
    },
    onError: (error) => {
      if (isApiError(error, 400)) setErrors(error.fieldErrors);
      notifyError(error, 'Could not judge the change');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!reason.trim()) found.reason = 'Say why; it replaces the reason Accord gave and is kept';
    if (outcome === 'vendor' && !vendorId) found.vendorId = 'Name the vendor the change is attributed to';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    judge.mutate({ outcome, vendorId: outcome === 'vendor' ? vendorId : null, reason: reason.trim() });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Stack gap={2}>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {describeChange(change)}
          </Text>
          <Text size="xs" c="dimmed">
            {`On ${change.assetName}${change.outcomeReason ? ` · now: ${change.outcomeReason}` : ''}`}
          </Text>
        </Stack>
        <Radio.Group
          label="Outcome"
          value={outcome}
          onChange={(value) => {
            setOutcome(value as ChangeOutcome);
            setErrors({});
          }}
        >
          <Stack gap="xs" mt={6}>
            {changeOutcomes.map((value) => (
              <Radio
                key={value}
                value={value}
                label={changeOutcomeLabels[value]}
                description={changeOutcomeHints[value]}
              />
            ))}
          </Stack>
        </Radio.Group>
        {outcome === 'vendor' && (
          <Select
            label="Vendor"
            placeholder={vendors.isPending ? 'Loading vendors…' : 'Pick the vendor'}
            required
            searchable
            data={vendors.data ?? []}
            value={vendorId}
            disabled={vendors.data?.length === 0}
            onChange={(value) => {
              setVendorId(value);
              setErrors((prev) => ({ ...prev, vendorId: '' }));
            }}
            error={errors.vendorId || (vendors.isError ? vendors.error.message : undefined)}
            description={
              vendors.data?.length === 0
                ? 'No vendor is engaged at this client: add the engagement on the client’s Vendors tab first'
                : 'Only vendors engaged at this change’s client'
            }
          />
        )}
        {outcome === 'authorized' && !change.changeRequestId && (
          <Alert color="gray" variant="light" p="xs">
            <Text size="xs">
              No change request covers it: it will read as authorized on your word, with your reason.
            </Text>
          </Alert>
        )}
        <Textarea
          label="Reason"
          required
          autosize
          minRows={3}
          data-autofocus
          value={reason}
          error={errors.reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setErrors((prev) => ({ ...prev, reason: '' }));
          }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={judge.isPending}>
            Judge
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
