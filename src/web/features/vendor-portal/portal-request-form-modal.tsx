// A vendor raises a change request in the portal: one of the clients it is engaged at and which of its
// assets, the window in the viewer's zone, the risk and how to undo it. An emergency is declared after the
// fact. Refusals about the vendor's standing (rules not acknowledged, no Letter of Agency) say what to do.
import {
  Alert,
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
import { IconAlertTriangle, IconFileCheck } from '@tabler/icons-react';
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
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { useSession } from '../auth/session.ts';
import { riskLabels } from '../change-requests/change-request-labels.tsx';
import {
  type PortalChangeRequest,
  type PortalEngagement,
  portalAssetsQuery,
  portalKeys,
  raiseChangeRequest,
} from './portal-api.ts';
import { needsAcknowledging } from './portal-engagements.tsx';

interface Values {
  clientId: string | null;
  assetIds: string[];
  title: string;
  windowStart: string;
  windowEnd: string;
  risk: ChangeRisk;
  description: string;
  backOutPlan: string;
  emergency: boolean;
}

const HOUR = 3_600_000;

/** The server refused for the vendor's standing at the client, not for a field. */
type Standing = 'rules' | 'loa' | null;

function initialValues(clientId: string | null, zone: string): Values {
  // Tomorrow 18:00 to 20:00 in the viewer's zone: after hours, the usual time for a change.
  const tomorrow = instantToZonedWallTime(Date.now() + 24 * HOUR, zone).slice(0, 10);
  return {
    clientId,
    assetIds: [],
    title: '',
    windowStart: `${tomorrow}T18:00`,
    windowEnd: `${tomorrow}T20:00`,
    risk: 'low',
    description: '',
    backOutPlan: '',
    emergency: false,
  };
}

export function PortalRequestFormModal(props: {
  opened: boolean;
  onClose: () => void;
  engagements: PortalEngagement[];
  onSaved?: (request: PortalChangeRequest) => void;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="New change request" size="lg">
      {props.opened && <RequestForm {...props} />}
    </Modal>
  );
}

function RequestForm(props: {
  onClose: () => void;
  engagements: PortalEngagement[];
  onSaved?: (request: PortalChangeRequest) => void;
}) {
  const zone = browserTimeZone();
  const queryClient = useQueryClient();
  const msp = useSession().membership.tenantName;
  const clients = [
    ...new Map(
      props.engagements.map((e) => [e.clientId, { value: e.clientId, label: e.clientName }]),
    ).values(),
  ].sort((a, b) => a.label.localeCompare(b.label));
  const [values, setValues] = useState(() =>
    initialValues(clients.length === 1 ? (clients[0]?.value ?? null) : null, zone),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<Standing>(null);
  const assets = useQuery({
    ...portalAssetsQuery(values.clientId ?? ''),
    enabled: Boolean(values.clientId),
  });
  const atClient = props.engagements.filter((engagement) => engagement.clientId === values.clientId);
  const unacknowledged = atClient.find(needsAcknowledging);
  const clientName = atClient[0]?.clientName ?? 'the client';

  const save = useMutation({
    mutationFn: raiseChangeRequest,
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: portalKeys.all });
      notifySuccess(`CR-${saved.number} raised for ${msp}’s approval`);
      props.onClose();
      props.onSaved?.(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        if (error.code === 'change_request.rules_not_acknowledged') setRefused('rules');
        if (error.code === 'change_request.loa_required') setRefused('loa');
      }
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
    if (!values.clientId) problems.clientId = 'Choose the client whose systems change';
    if (values.assetIds.length === 0) problems.assetIds = 'Choose at least one asset';
    if (!values.title.trim()) problems.title = 'Name the change, e.g. “Upgrade Dentrix to 24.2”';
    if (!start) problems.windowStart = 'Choose when the window starts';
    if (!end) problems.windowEnd = 'Choose when the window ends';
    else if (start && end <= start) problems.windowEnd = 'The window must end after it starts';
    else if (start && end.getTime() - start.getTime() > MAX_WINDOW_HOURS * HOUR)
      problems.windowEnd = `A window is at most ${MAX_WINDOW_HOURS} hours`;
    if (!values.description.trim()) problems.description = 'Say what will change';
    if (!values.backOutPlan.trim()) problems.backOutPlan = 'Say how the change is undone if it goes wrong';
    setRefused(null);
    if (Object.keys(problems).length > 0 || !values.clientId || !start || !end) return setErrors(problems);
    save.mutate({
      clientId: values.clientId,
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
        <Select
          label="Client"
          required
          searchable
          placeholder="Choose a client"
          data={clients}
          value={values.clientId}
          error={errors.clientId}
          onChange={(clientId) => {
            set('clientId', clientId);
            set('assetIds', []);
            setRefused(null);
          }}
        />
        {(unacknowledged || refused === 'rules') && (
          <Alert color="orange" variant="light" icon={<IconFileCheck size={18} />} title="Rules first">
            {msp} accepts requests at {clientName} once you have acknowledged the rules of engagement in force
            there.{' '}
            {unacknowledged && (
              <AnchorLink
                to="/vendor/rules/$engagementId"
                params={{ engagementId: unacknowledged.id }}
                size="sm"
                fw={600}
              >
                Read and acknowledge the rules
              </AnchorLink>
            )}
          </Alert>
        )}
        {refused === 'loa' && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Letter of Agency needed"
          >
            {clientName}’s agreement asks for a signed Letter of Agency before {msp} accepts your changes
            there, and none is in force. Ask {msp} for one; your request is kept in this form meanwhile.
          </Alert>
        )}
        <MultiSelect
          label="Assets"
          required
          searchable
          placeholder={values.clientId ? 'Choose the machines that change' : 'Choose a client first'}
          disabled={!values.clientId}
          nothingFoundMessage={assets.isPending ? 'Loading…' : 'No assets'}
          data={(assets.data ?? []).map((asset) => ({ value: asset.id, label: asset.name }))}
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
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
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
          description={`For a change that could not wait: declared within ${EMERGENCY_DECLARE_HOURS} h after the fact (its window began no more than ${EMERGENCY_DECLARE_HOURS} hours ago), and approved afterwards. A normal request is raised before its window starts.`}
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
