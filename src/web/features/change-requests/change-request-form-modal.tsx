// Raise a change request: the client and which of its assets, the vendor doing it (if any), the window in
// the viewer's zone, the risk and how to undo it. An emergency is declared after the fact.
import { Select, SimpleGrid, Stack } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { EMERGENCY_DECLARE_HOURS } from '../../../shared/api/change-requests.ts';
import { ApiError } from '../../api/client.ts';
import { browserTimeZone } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { assetListQuery } from '../assets/assets-api.ts';
import { clientOptionsQuery } from '../clients/clients-api.ts';
import {
  ChangeRequestFields,
  type ChangeRequestFieldValues,
  initialChangeRequestValues,
  NewChangeRequestModal,
  readChangeRequestFields,
  useChangeRequestValues,
} from './change-request-fields.tsx';
import {
  type ChangeRequest,
  changeRequestKeys,
  createChangeRequest,
  engagedVendorsQuery,
} from './change-requests-api.ts';

interface Values extends ChangeRequestFieldValues {
  vendorId: string | null;
}

/** Refusals that are about the vendor chosen, not the request's other fields. */
const vendorStandingCodes = new Set(['change_request.rules_not_acknowledged', 'change_request.loa_required']);

export function ChangeRequestFormModal(props: {
  opened: boolean;
  onClose: () => void;
  /** Preselects the client (and assets) when raised from a client's or an asset's page. */
  clientId?: string;
  assetIds?: string[];
  onSaved?: (request: ChangeRequest) => void;
}) {
  return (
    <NewChangeRequestModal opened={props.opened} onClose={props.onClose}>
      <ChangeRequestForm {...props} />
    </NewChangeRequestModal>
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
  const { values, errors, setErrors, set } = useChangeRequestValues<Values>(() => ({
    ...initialChangeRequestValues(props.clientId ?? null, props.assetIds ?? [], zone),
    vendorId: null,
  }));
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

  function submit(event: FormEvent) {
    event.preventDefault();
    const { problems, input } = readChangeRequestFields(values, zone);
    if (!values.clientId) problems.clientId = 'Choose the client whose machines change';
    if (!input) return setErrors(problems);
    save.mutate({ ...input, vendorId: values.vendorId });
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
        <ChangeRequestFields
          values={values}
          errors={errors}
          set={set}
          zone={zone}
          assetOptions={(assets.data?.items ?? []).map((asset) => ({ value: asset.id, label: asset.name }))}
          windowColumns={3}
          isSaving={save.isPending}
          onCancel={props.onClose}
          emergencyDescription={`For a change that could not wait: its window has already begun, no more than ${EMERGENCY_DECLARE_HOURS} hours ago. It is approved afterwards. A normal request is raised before its window starts.`}
        />
      </Stack>
    </form>
  );
}
