// Filing a remediation plan in the staff app: the client (unless filed from its page), which of the three
// kinds of plan it is (each explained in a line), the vendor for a vendor plan (one engaged at the client),
// the title, the concern, its evidence (the client's tickets and change requests), and the terms under
// "More options". The API's field problems land on their fields; the form keeps what was typed.
import { Button, Group, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { RemediationDirection } from '../../../shared/api/remediation.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { changeRequestListQuery, engagedVendorsQuery } from '../change-requests/change-requests-api.ts';
import { clientOptionsQuery } from '../clients/clients-api.ts';
import { ticketListQuery } from '../tickets/tickets-api.ts';
import {
  ConcernFields,
  defaultTerms,
  type EvidenceGroup,
  EvidencePicker,
  evidenceOf,
  evidenceValue,
  type PlanTerms,
  PlanTermsFields,
} from './plan-form-fields.tsx';
import { fileRemediationPlan, type RemediationPlan, remediationKeys } from './remediation-api.ts';
import { directionChoices } from './remediation-words.ts';

export function FilePlanModal(props: {
  opened: boolean;
  onClose: () => void;
  /** Preset when filed from the client's page. */
  clientId?: string;
  onFiled: (plan: RemediationPlan) => void;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="File a remediation plan" size="lg">
      {props.opened && <FilePlanForm {...props} />}
    </Modal>
  );
}

function useEvidenceGroups(clientId: string | null) {
  const enabled = Boolean(clientId);
  const tickets = useQuery({
    ...ticketListQuery({ clientId: clientId ?? undefined, sort: 'updated', limit: 200 }),
    enabled,
  });
  const requests = useQuery({
    ...changeRequestListQuery({ clientId: clientId ?? undefined, limit: 200 }),
    enabled,
  });
  const groups: EvidenceGroup[] = [
    {
      group: 'Tickets',
      items: (tickets.data?.items ?? []).map((ticket) => ({
        value: evidenceValue('ticket', ticket.id),
        label: `#${ticket.number} ${ticket.title}`,
      })),
    },
    {
      group: 'Change requests',
      items: (requests.data?.items ?? []).map((request) => ({
        value: evidenceValue('change_request', request.id),
        label: `CR-${request.number} ${request.title}`,
      })),
    },
  ];
  return { groups, isLoading: enabled && (tickets.isPending || requests.isPending) };
}

function FilePlanForm(props: {
  onClose: () => void;
  clientId?: string;
  onFiled: (plan: RemediationPlan) => void;
}) {
  const queryClient = useQueryClient();
  const [clientId, setClientId] = useState<string | null>(props.clientId ?? null);
  const [direction, setDirection] = useState<RemediationDirection>('client_to_msp');
  const [vendorId, setVendorId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [concern, setConcern] = useState('');
  const [evidence, setEvidence] = useState<string[]>([]);
  const [terms, setTerms] = useState<PlanTerms>(defaultTerms);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const clients = useQuery({
    ...clientOptionsQuery({ archived: 'false', limit: 500 }),
    enabled: !props.clientId,
  });
  const vendors = useQuery({ ...engagedVendorsQuery(clientId ?? ''), enabled: Boolean(clientId) });
  const evidenceGroups = useEvidenceGroups(clientId);
  const isAboutVendor = direction !== 'client_to_msp';

  const file = useMutation({
    mutationFn: fileRemediationPlan,
    onSuccess: async (plan) => {
      queryClient.setQueryData(remediationKeys.detail(plan.id), plan);
      await queryClient.invalidateQueries({ queryKey: ['remediation-plans', 'list'] });
      notifySuccess(`Plan filed: ${plan.title}`);
      props.onClose();
      props.onFiled(plan);
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not file the plan');
    },
  });

  const clear = (field: string) => setErrors(({ [field]: _, ...rest }) => rest);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!clientId) problems.clientId = 'Choose the client';
    if (isAboutVendor && !vendorId) problems.vendorId = 'Choose the vendor';
    if (!title.trim()) problems.title = 'Name the concern';
    if (!concern.trim()) problems.concern = 'Describe the concern';
    setErrors(problems);
    if (!clientId || Object.keys(problems).length > 0) return;
    file.mutate({
      clientId,
      direction,
      vendorId: isAboutVendor ? vendorId : null,
      title: title.trim(),
      concern: concern.trim(),
      evidence: evidenceOf(evidence),
      ...terms,
    });
  }

  const noVendors = Boolean(clientId) && vendors.isSuccess && vendors.data.length === 0;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          A formal, time-boxed plan that ends in a recorded decision. The other side answers with items;
          notices are counted from objective events against a limit both sides see.
        </Text>
        {!props.clientId && (
          <Select
            label="Client"
            required
            searchable
            placeholder="Choose a client"
            data={clients.data ?? []}
            value={clientId}
            error={errors.clientId}
            onChange={(value) => {
              setClientId(value);
              setVendorId(null);
              setEvidence([]);
              clear('clientId');
            }}
          />
        )}
        <Radio.Group
          label="What is the concern?"
          required
          value={direction}
          onChange={(value) => {
            setDirection(value as RemediationDirection);
            clear('vendorId');
          }}
        >
          <Stack gap={8} mt={6}>
            {directionChoices.map((choice) => (
              <Radio
                key={choice.value}
                value={choice.value}
                label={choice.label}
                description={choice.description}
              />
            ))}
          </Stack>
        </Radio.Group>
        {isAboutVendor && (
          <Select
            label="Vendor"
            required
            description={
              noVendors
                ? 'No vendor is engaged at this client yet: engage one on the client’s Vendors tab first.'
                : 'One of the vendors engaged at the client'
            }
            placeholder={clientId ? 'Choose a vendor' : 'Choose a client first'}
            disabled={!clientId || noVendors}
            data={vendors.data ?? []}
            value={vendorId}
            error={errors.vendorId}
            onChange={(value) => {
              setVendorId(value);
              clear('vendorId');
            }}
          />
        )}
        <ConcernFields
          whose="The"
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
        />
        <EvidencePicker
          groups={evidenceGroups.groups}
          isLoading={evidenceGroups.isLoading}
          disabled={!clientId}
          description="The client’s tickets and change requests that show it"
          value={evidence}
          error={errors.evidence}
          onChange={(value) => {
            setEvidence(value);
            clear('evidence');
          }}
        />
        <PlanTermsFields
          terms={terms}
          onChange={setTerms}
          errors={errors}
          withResponseDays
          answerer={
            direction === 'msp_to_client'
              ? 'the client'
              : direction === 'msp_to_vendor'
                ? 'the vendor'
                : 'your team'
          }
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={file.isPending}>
            File plan
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
