// A vendor raises a change request in the portal: one of the clients it is engaged at and which of its
// assets, the window in the viewer's zone, the risk and how to undo it. An emergency is declared after the
// fact. Refusals about the vendor's standing (rules not acknowledged, no Letter of Agency) say what to do.
import { Alert, Select, Stack } from '@mantine/core';
import { IconAlertTriangle, IconFileCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { EMERGENCY_DECLARE_HOURS } from '../../../shared/api/change-requests.ts';
import { ApiError } from '../../api/client.ts';
import { browserTimeZone } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { useSession } from '../auth/session.ts';
import {
  ChangeRequestFields,
  initialChangeRequestValues,
  NewChangeRequestModal,
  readChangeRequestFields,
  useChangeRequestValues,
} from '../change-requests/change-request-fields.tsx';
import {
  type PortalChangeRequest,
  type PortalEngagement,
  portalAssetsQuery,
  portalKeys,
  raiseChangeRequest,
} from './portal-api.ts';
import { needsAcknowledging } from './portal-engagements.tsx';

/** The server refused for the vendor's standing at the client, not for a field. */
type Standing = 'rules' | 'loa' | null;

export function PortalRequestFormModal(props: {
  opened: boolean;
  onClose: () => void;
  engagements: PortalEngagement[];
  onSaved?: (request: PortalChangeRequest) => void;
}) {
  return (
    <NewChangeRequestModal opened={props.opened} onClose={props.onClose}>
      <RequestForm {...props} />
    </NewChangeRequestModal>
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
  const { values, errors, setErrors, set } = useChangeRequestValues(() =>
    initialChangeRequestValues(clients.length === 1 ? (clients[0]?.value ?? null) : null, [], zone),
  );
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

  function submit(event: FormEvent) {
    event.preventDefault();
    const { problems, input } = readChangeRequestFields(values, zone);
    if (!values.clientId) problems.clientId = 'Choose the client whose systems change';
    setRefused(null);
    if (!input) return setErrors(problems);
    save.mutate(input);
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
        <ChangeRequestFields
          values={values}
          errors={errors}
          set={set}
          zone={zone}
          assetOptions={(assets.data ?? []).map((asset) => ({ value: asset.id, label: asset.name }))}
          noAssetsMessage={assets.isPending ? 'Loading…' : 'No assets'}
          windowColumns={{ base: 1, sm: 3 }}
          isSaving={save.isPending}
          onCancel={props.onClose}
          emergencyDescription={`For a change that could not wait: declared within ${EMERGENCY_DECLARE_HOURS} h after the fact (its window began no more than ${EMERGENCY_DECLARE_HOURS} hours ago), and approved afterwards. A normal request is raised before its window starts.`}
        />
      </Stack>
    </form>
  );
}
