// Add or edit an asset by hand: client and site, what it is, and how much it matters to the client.
import { Button, Group, Modal, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  type AssetCriticality,
  type AssetType,
  assetCriticalities,
  assetCriticalityLabels,
  assetTypeLabels,
  assetTypes,
} from '../../../shared/api/asset-enums.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { clientOptionsQuery, sitesQuery } from '../clients/clients-api.ts';
import { type Asset, type AssetInput, assetKeys, createAsset, updateAsset } from './assets-api.ts';

interface Values {
  clientId: string | null;
  siteId: string | null;
  type: AssetType | null;
  name: string;
  serial: string;
  hostname: string;
  os: string;
  osVersion: string;
  criticality: AssetCriticality;
  isManaged: boolean;
  isStandard: boolean;
  warrantyEndsOn: string;
  notes: string;
}

function initialValues(asset: Asset | undefined, clientId: string | undefined): Values {
  return {
    clientId: asset?.clientId ?? clientId ?? null,
    siteId: asset?.siteId ?? null,
    type: asset?.type ?? null,
    name: asset?.name ?? '',
    serial: asset?.serial ?? '',
    hostname: asset?.hostname ?? '',
    os: asset?.os ?? '',
    osVersion: asset?.osVersion ?? '',
    criticality: asset?.criticality ?? 'normal',
    isManaged: asset?.isManaged ?? true,
    isStandard: asset?.isStandard ?? false,
    warrantyEndsOn: asset?.warrantyEndsOn ?? '',
    notes: asset?.notes ?? '',
  };
}

export function AssetFormModal(props: {
  opened: boolean;
  onClose: () => void;
  asset?: Asset;
  /** Preselects the client when adding (from a client's page or a filtered list). */
  clientId?: string;
  onSaved?: (asset: Asset) => void;
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.asset ? 'Edit asset' : 'Add asset'}
      size="lg"
    >
      {props.opened && <AssetForm {...props} />}
    </Modal>
  );
}

function AssetForm(props: {
  onClose: () => void;
  asset?: Asset;
  clientId?: string;
  onSaved?: (asset: Asset) => void;
}) {
  const { asset } = props;
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => initialValues(asset, props.clientId));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const clients = useQuery({ ...clientOptionsQuery({ archived: 'false', limit: 500 }), enabled: !asset });
  const sites = useQuery({ ...sitesQuery(values.clientId ?? ''), enabled: Boolean(values.clientId) });

  const save = useMutation({
    mutationFn: (input: AssetInput) => {
      if (!asset) return createAsset(input);
      const { clientId: _client, ...changes } = input;
      return updateAsset(asset.id, changes);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: assetKeys.all });
      notifySuccess(asset ? 'Asset saved' : `${saved.name} added`);
      props.onClose();
      props.onSaved?.(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not save the asset');
    },
  });

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!values.clientId) problems.clientId = 'Choose the client the asset belongs to';
    if (!values.type) problems.type = 'Choose what kind of asset it is';
    if (!values.name.trim()) problems.name = 'Name the asset, e.g. “HD-SRV01”';
    if (Object.keys(problems).length > 0 || !values.clientId || !values.type) return setErrors(problems);
    const optional = (value: string) => value.trim() || null;
    save.mutate({
      clientId: values.clientId,
      siteId: values.siteId,
      type: values.type,
      name: values.name.trim(),
      serial: optional(values.serial),
      hostname: optional(values.hostname),
      os: optional(values.os),
      osVersion: optional(values.osVersion),
      criticality: values.criticality,
      isManaged: values.isManaged,
      isStandard: values.isStandard,
      warrantyEndsOn: values.warrantyEndsOn || null,
      notes: values.notes,
    });
  }

  const clientOptions = asset ? [{ value: asset.clientId, label: asset.clientName }] : (clients.data ?? []);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label="Client"
            required
            searchable
            placeholder="Choose a client"
            // An asset stays with its client: a device that moves is added again at the new one.
            disabled={Boolean(asset)}
            data={clientOptions}
            value={values.clientId}
            error={errors.clientId}
            onChange={(clientId) => {
              set('clientId', clientId);
              set('siteId', null);
            }}
          />
          <Select
            label="Site"
            placeholder={values.clientId ? 'No particular site' : 'Choose a client first'}
            clearable
            disabled={!values.clientId}
            data={(sites.data ?? []).map((site) => ({ value: site.id, label: site.name }))}
            value={values.siteId}
            error={errors.siteId}
            onChange={(siteId) => set('siteId', siteId)}
          />
          <TextInput
            label="Name"
            required
            data-autofocus
            value={values.name}
            error={errors.name}
            onChange={(event) => set('name', event.currentTarget.value)}
          />
          <Select
            label="Type"
            required
            data={assetTypes.map((type) => ({ value: type, label: assetTypeLabels[type] }))}
            value={values.type}
            error={errors.type}
            onChange={(type) => set('type', assetTypes.find((t) => t === type) ?? null)}
          />
          <TextInput
            label="Hostname"
            value={values.hostname}
            error={errors.hostname}
            onChange={(event) => set('hostname', event.currentTarget.value)}
          />
          <TextInput
            label="Serial number"
            value={values.serial}
            error={errors.serial}
            onChange={(event) => set('serial', event.currentTarget.value)}
          />
          <TextInput
            label="Operating system"
            placeholder="e.g. Windows Server"
            value={values.os}
            error={errors.os}
            onChange={(event) => set('os', event.currentTarget.value)}
          />
          <TextInput
            label="OS version"
            placeholder="e.g. 2022"
            value={values.osVersion}
            error={errors.osVersion}
            onChange={(event) => set('osVersion', event.currentTarget.value)}
          />
          <Select
            label="Criticality"
            description="How much the client's business depends on it"
            allowDeselect={false}
            data={assetCriticalities.map((c) => ({ value: c, label: assetCriticalityLabels[c] }))}
            value={values.criticality}
            error={errors.criticality}
            onChange={(c) => set('criticality', assetCriticalities.find((x) => x === c) ?? 'normal')}
          />
          <TextInput
            label="Warranty ends"
            description="The last day of the maker's warranty"
            type="date"
            value={values.warrantyEndsOn}
            error={errors.warrantyEndsOn}
            onChange={(event) => set('warrantyEndsOn', event.currentTarget.value)}
          />
          <Switch
            mt="xs"
            label="Managed"
            description="Under your management: counted for per-device billing"
            checked={values.isManaged}
            onChange={(event) => set('isManaged', event.currentTarget.checked)}
          />
          <Switch
            mt="xs"
            label="Standard"
            description="Matches the client's standard stack"
            checked={values.isStandard}
            onChange={(event) => set('isStandard', event.currentTarget.checked)}
          />
        </SimpleGrid>
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          value={values.notes}
          error={errors.notes}
          onChange={(event) => set('notes', event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {asset ? 'Save asset' : 'Add asset'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
