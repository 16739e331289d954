// Raise a change request: the client and which of its assets, the vendor doing it (if any), the window in
// the viewer's zone, the risk and how to undo it. An emergency is declared after the fact.
import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  type ChangeRisk,
  changeRisks,
  EMERGENCY_DECLARE_HOURS,
  MAX_WINDOW_HOURS,
} from '../../../shared/api/change-requests.ts';
import { ApiError } from '../../api/client.ts';
import { browserTimeZone, instantToZonedWallTime, zonedWallTimeToInstant } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { assetListQuery } from '../assets/assets-api.ts';
import { clientOptionsQuery } from '../clients/clients-api.ts';
import { riskLabels } from './change-request-labels.tsx';
import {
  type ChangeRequest,
  changeRequestKeys,
  createChangeRequest,
  engagedVendorsQuery,
} from './change-requests-api.ts';

interface Values {
  clientId: string | null;
  assetIds: string[];
  vendorId: string | null;
  title: string;
  windowStart: string;
  windowEnd: string;
  risk: ChangeRisk;
  description: string;
  backOutPlan: string;
  emergency: boolean;
}

const HOUR = 3_600_000;

/** Refusals that are about the vendor chosen, not the request's other fields. */
const vendorStandingCodes = new Set(['change_request.rules_not_acknowledged', 'change_request.loa_required']);

function initialValues(clientId: string | undefined, assetIds: string[], zone: string): Values {
  // Tomorrow 18:00 to 20:00 in the viewer's zone: after hours, the usual time for a change.
  const tomorrow = instantToZonedWallTime(Date.now() + 24 * HOUR, zone).slice(0, 10);
  return {
    clientId: clientId ?? null,
    assetIds,
    vendorId: null,
    title: '',
    windowStart: `${tomorrow}T18:00`,
    windowEnd: `${tomorrow}T20:00`,
    risk: 'low',
    description: '',
    backOutPlan: '',
    emergency: false,
  };
}

export function ChangeRequestFormModal(props: {
  opened: boolean;
  onClose: () => void;
  /** Preselects the client (and assets) when raised from a client's or an asset's page. */
  clientId?: string;
  assetIds?: string[];
  onSaved?: (request: ChangeRequest) => void;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="New change request" size="lg">
      {props.opened && <ChangeRequestForm {...props} />}
    </Modal>
  );
}

function ChangeRequestForm(props: {
  onClose: () => void;
  clientId?: string;
  assetIds?: string[];
  onSaved?: (request: ChangeRequest) => void;
}) {
  const zone = browserTimeZone();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => initialValues(props.clientId, props.assetIds ?? [], zone));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const clients = useQuery(clientOptionsQuery({ archived: 'false', limit: 500 }));
  const assets = useQuery({
    ...assetListQuery({ clientId: values.clientId ?? undefined, archived: 'false', limit: 500 }),
    enabled: Boolean(values.clientId),
  });
  const vendors = useQuery({
    ...engagedVendorsQuery(values.clientId ?? ''),
    enabled: Boolean(values.clientId),
  });

  const save = useMutation({
    mutationFn: createChangeRequest,
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: changeRequestKeys.all });
      notifySuccess(`CR-${saved.number} raised for approval`);
      props.onClose();
      props.onSaved?.(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      // The vendor's standing (rules not acknowledged, no signed letter) also stays beside the vendor field.
      if (error instanceof ApiError && vendorStandingCodes.has(error.code))
        setErrors({ vendorId: error.message });
      notifyError(error, 'Could not raise the change request');
    },
  });

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const start = zonedWallTimeToInstant(values.windowStart, zone);
    const end = zonedWallTimeToInstant(values.windowEnd, zone);
    if (!values.clientId) problems.clientId = 'Choose the client whose machines change';
    if (values.assetIds.length === 0) problems.assetIds = 'Choose at least one asset';
    if (!values.title.trim()) problems.title = 'Name the change, e.g. “Upgrade Dentrix to 24.2”';
    if (!start) problems.windowStart = 'Choose when the window starts';
    if (!end) problems.windowEnd = 'Choose when the window ends';
    else if (start && end <= start) problems.windowEnd = 'The window must end after it starts';
    else if (start && end.getTime() - start.getTime() > MAX_WINDOW_HOURS * HOUR)
      problems.windowEnd = `A window is at most ${MAX_WINDOW_HOURS} hours`;
    if (!values.description.trim()) problems.description = 'Say what will change';
    if (!values.backOutPlan.trim()) problems.backOutPlan = 'Say how the change is undone if it goes wrong';
    if (Object.keys(problems).length > 0 || !values.clientId || !start || !end) return setErrors(problems);
    save.mutate({
      clientId: values.clientId,
      vendorId: values.vendorId,
      assetIds: values.assetIds,
      title: values.title.trim(),
      description: values.description.trim(),
      risk: values.risk,
      backOutPlan: values.backOutPlan.trim(),
      windowStart: start.toISOString(),
      windowEnd: end.toISOString(),
      emergency: values.emergency,
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label="Client"
            required
            searchable
            placeholder="Choose a client"
            data={clients.data ?? []}
            value={values.clientId}
            error={errors.clientId}
            onChange={(clientId) => {
              set('clientId', clientId);
              set('assetIds', []);
              set('vendorId', null);
            }}
          />
          <Select
            label="Vendor"
            description="Who does the work; none for your own change"
            placeholder={values.clientId ? 'Our own change' : 'Choose a client first'}
            clearable
            disabled={!values.clientId}
            data={vendors.data ?? []}
            value={values.vendorId}
            error={errors.vendorId}
            onChange={(vendorId) => set('vendorId', vendorId)}
          />
        </SimpleGrid>
        <MultiSelect
          label="Assets"
          required
          searchable
          placeholder={values.clientId ? 'Choose the machines that change' : 'Choose a client first'}
          disabled={!values.clientId}
          data={(assets.data?.items ?? []).map((asset) => ({ value: asset.id, label: asset.name }))}
          value={values.assetIds}
          error={errors.assetIds}
          onChange={(assetIds) => set('assetIds', assetIds)}
        />
        <TextInput
          label="Title"
          required
          data-autofocus
          value={values.title}
          error={errors.title}
          onChange={(event) => set('title', event.currentTarget.value)}
        />
        <SimpleGrid cols={3} spacing="sm">
          <TextInput
            label="Window starts"
            description={zone}
            type="datetime-local"
            required
            value={values.windowStart}
            error={errors.windowStart}
            onChange={(event) => set('windowStart', event.currentTarget.value)}
          />
          <TextInput
            label="Window ends"
            description={`At most ${MAX_WINDOW_HOURS} h later`}
            type="datetime-local"
            required
            value={values.windowEnd}
            error={errors.windowEnd}
            onChange={(event) => set('windowEnd', event.currentTarget.value)}
          />
          <Select
            label="Risk"
            description="If it goes wrong"
            allowDeselect={false}
            data={changeRisks.map((risk) => ({ value: risk, label: riskLabels[risk] }))}
            value={values.risk}
            onChange={(risk) => set('risk', changeRisks.find((r) => r === risk) ?? 'low')}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          required
          autosize
          minRows={3}
          maxRows={8}
          placeholder="What will change, on which machines, and what users will notice"
          value={values.description}
          error={errors.description}
          onChange={(event) => set('description', event.currentTarget.value)}
        />
        <Textarea
          label="Back-out plan"
          required
          autosize
          minRows={2}
          maxRows={6}
          placeholder="How the change is undone if it goes wrong"
          value={values.backOutPlan}
          error={errors.backOutPlan}
          onChange={(event) => set('backOutPlan', event.currentTarget.value)}
        />
        <Checkbox
          label="Emergency change, declared after the fact"
          description={`For a change that could not wait: its window has already begun, no more than ${EMERGENCY_DECLARE_HOURS} hours ago. It is approved afterwards. A normal request is raised before its window starts.`}
          checked={values.emergency}
          error={errors.emergency}
          onChange={(event) => set('emergency', event.currentTarget.checked)}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Raise request
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
