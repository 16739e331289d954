// A company admin raises the company's concern about its IT provider as a remediation plan: a title, the
// concern, the tickets that show it, and (under "More options") the time box and the notice limit with their
// defaults. The modal says plainly how the plan runs, so the rules are known before it starts.
import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { RemediationPlan } from '../../../shared/api/remediation.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import {
  ConcernFields,
  defaultTerms,
  EvidencePicker,
  evidenceOf,
  evidenceValue,
  type PlanTerms,
  PlanTermsFields,
} from '../remediation/plan-form-fields.tsx';
import { portalTicketListQuery } from './portal-api.ts';
import { portalPlanKeys, raiseConcern } from './portal-remediation-api.ts';

export function RaiseConcernModal(props: {
  opened: boolean;
  onClose: () => void;
  mspName: string;
  onRaised: (plan: RemediationPlan) => void;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Raise a concern" size="lg">
      {props.opened && <RaiseConcernForm {...props} />}
    </Modal>
  );
}

function RaiseConcernForm(props: {
  onClose: () => void;
  mspName: string;
  onRaised: (plan: RemediationPlan) => void;
}) {
  const { mspName } = props;
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [concern, setConcern] = useState('');
  const [evidence, setEvidence] = useState<string[]>([]);
  const [terms, setTerms] = useState<PlanTerms>(defaultTerms);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const tickets = useQuery(portalTicketListQuery({ state: 'all', limit: 200, offset: 0 }));

  const raise = useMutation({
    mutationFn: () =>
      raiseConcern({
        title: title.trim(),
        concern: concern.trim(),
        evidence: evidenceOf(evidence),
        timeBoxDays: terms.timeBoxDays,
        noticeLimit: terms.noticeLimit,
      }),
    onSuccess: async (plan) => {
      queryClient.setQueryData(portalPlanKeys.detail(plan.id), plan);
      await queryClient.invalidateQueries({ queryKey: portalPlanKeys.list });
      notifySuccess(`Concern raised: ${plan.title}`);
      props.onClose();
      props.onRaised(plan);
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not raise the concern');
    },
  });

  const clear = (field: string) => setErrors(({ [field]: _, ...rest }) => rest);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!title.trim()) problems.title = 'Name the concern';
    if (!concern.trim()) problems.concern = 'Describe the concern';
    setErrors(problems);
    if (Object.keys(problems).length === 0) raise.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <div>
          <Text size="sm">How a plan runs:</Text>
          <List size="sm" spacing={2} mt={4}>
            <List.Item>
              {mspName} answers within {terms.responseDays} days with items: each issue, what will be done,
              who owns it and by when.
            </List.Item>
            <List.Item>
              Notices are counted automatically from objective events — a new P1 target missed, an item’s date
              missed, the answer late — the same for both sides.
            </List.Item>
            <List.Item>
              When the time box ends, or the notices reach the limit, you decide: continue, extend the plan,
              or end the relationship.
            </List.Item>
          </List>
        </div>
        <ConcernFields
          whose="Your"
          title={title}
          concern={concern}
          errors={errors}
          onTitle={(value) => {
            setTitle(value);
            clear('title');
          }}
          onConcern={(value) => {
            setConcern(value);
            clear('concern');
          }}
          isAutofocused
        />
        <EvidencePicker
          groups={[
            {
              group: 'Your tickets',
              items: (tickets.data?.items ?? []).map((ticket) => ({
                value: evidenceValue('ticket', ticket.id),
                label: `#${ticket.number} ${ticket.title}`,
              })),
            },
          ]}
          isLoading={tickets.isPending}
          description="The tickets that show it (optional)"
          value={evidence}
          error={errors.evidence}
          onChange={(value) => {
            setEvidence(value);
            clear('evidence');
          }}
        />
        <PlanTermsFields terms={terms} onChange={setTerms} errors={errors} answerer={mspName} />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={raise.isPending}>
            Raise concern
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
