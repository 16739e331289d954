// Deciding a plan — continue, extend to a new end date, or terminate — with the reason; the same form gives
// the MSP's recommendation on a plan about a vendor (no date there). It says who decides, on whose behalf a
// decision is recorded, and shows the API's refusal in the form, which keeps what was typed.
import { Alert, Button, Code, Group, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { RemediationDecision, RemediationDecisionInput } from '../../../shared/api/remediation.ts';
import { ApiError } from '../../api/client.ts';
import { notifySuccess } from '../../ui/notify.tsx';
import type { RemediationPlan } from './remediation-api.ts';
import { decisionChoices, decisionTitle, todayUtc } from './remediation-words.ts';

export interface DecideModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** Who decides, and in whose name it is recorded. */
  explanation: string;
  submitLabel: string;
  /** A recommendation has no new end date: it only says what the MSP would do. */
  isRecommendation?: boolean;
  onSubmit: (input: RemediationDecisionInput) => Promise<RemediationPlan>;
}

export function DecideModal(props: DecideModalProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="lg">
      {props.opened && <DecideForm {...props} />}
    </Modal>
  );
}

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

function DecideForm(props: DecideModalProps) {
  const [decision, setDecision] = useState<RemediationDecision | null>(null);
  const [reason, setReason] = useState('');
  const [extendedTo, setExtendedTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const save = useMutation({
    mutationFn: (input: RemediationDecisionInput) => props.onSubmit(input),
    onSuccess: (_plan, input) => {
      notifySuccess(
        props.isRecommendation
          ? 'Recommendation saved'
          : `Decision recorded: ${decisionTitle({ decision: input.decision, extendedTo: input.extendedTo ?? null }).toLowerCase()}`,
      );
      props.onClose();
    },
    onError: (failure) => {
      const fieldErrors = failure instanceof ApiError ? failure.fieldErrors : {};
      if (fieldErrors.reason || fieldErrors.extendedTo) return setErrors(fieldErrors);
      setRefusal(failure instanceof ApiError ? failure : new ApiError(0, 'unknown', failure.message));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!decision) problems.decision = 'Choose a decision';
    if (!reason.trim()) problems.reason = 'Give the reason';
    const isExtending = decision === 'extend' && !props.isRecommendation;
    if (isExtending && !extendedTo) problems.extendedTo = 'Give the new end date';
    else if (isExtending && extendedTo <= todayUtc()) problems.extendedTo = 'Choose a day after today';
    setErrors(problems);
    if (!decision || Object.keys(problems).length > 0) return;
    setRefusal(null);
    save.mutate({ decision, reason: reason.trim(), ...(isExtending && { extendedTo }) });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{props.explanation}</Text>
        {refusal && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title={props.isRecommendation ? 'Not saved' : 'The decision was not recorded'}
          >
            {refusal.message} {refusal.code !== 'unknown' && <Code fz="xs">{refusal.code}</Code>}
          </Alert>
        )}
        <Radio.Group
          label={props.isRecommendation ? 'Recommended decision' : 'Decision'}
          required
          value={decision}
          error={errors.decision}
          onChange={(value) => {
            setDecision(value as RemediationDecision);
            setErrors(({ decision: _, ...rest }) => rest);
          }}
        >
          <Stack gap={8} mt={6}>
            {decisionChoices.map((choice) => (
              <Radio
                key={choice.value}
                value={choice.value}
                label={choice.label}
                description={choice.description}
                color={choice.value === 'terminate' ? 'red' : undefined}
              />
            ))}
          </Stack>
        </Radio.Group>
        {decision === 'extend' && !props.isRecommendation && (
          <TextInput
            type="date"
            label="New end date"
            description="The plan runs on until this day; reminders go out again before it."
            required
            min={tomorrow()}
            value={extendedTo}
            error={errors.extendedTo}
            onChange={(event) => {
              setExtendedTo(event.currentTarget.value);
              setErrors(({ extendedTo: _, ...rest }) => rest);
            }}
          />
        )}
        <Textarea
          label="Reason"
          description="Both sides read it, and it goes into the letter."
          required
          autosize
          minRows={3}
          maxLength={4_000}
          value={reason}
          error={errors.reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setErrors(({ reason: _, ...rest }) => rest);
          }}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            color={decision === 'terminate' && !props.isRecommendation ? 'red' : undefined}
            loading={save.isPending}
          >
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
