// What raising a change request looks like wherever it is raised (the staff app and the vendor portal): the
// dialog, and the fields after the client (which assets, the title, the window in the viewer's zone, the risk,
// what changes, how to undo it, whether it is an emergency declared after the fact) with their first values
// and their checks before saving.
import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  type SimpleGridProps,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import {
  type ChangeRisk,
  changeRisks,
  MAX_WINDOW_HOURS,
  type VendorChangeRequestInput,
} from '../../../shared/api/change-requests.ts';
import { instantToZonedWallTime, zonedWallTimeToInstant } from '../../ui/format.ts';
import { riskLabels } from './change-request-labels.tsx';

export interface ChangeRequestFieldValues {
  clientId: string | null;
  assetIds: string[];
  title: string;
  /** Wall times ("2026-03-02T18:00") in the viewer's zone. */
  windowStart: string;
  windowEnd: string;
  risk: ChangeRisk;
  description: string;
  backOutPlan: string;
  emergency: boolean;
}

const HOUR = 3_600_000;

export function initialChangeRequestValues(
  clientId: string | null,
  assetIds: string[],
  zone: string,
): ChangeRequestFieldValues {
  // Tomorrow 18:00 to 20:00 in the viewer's zone: after hours, the usual time for a change.
  const tomorrow = instantToZonedWallTime(Date.now() + 24 * HOUR, zone).slice(0, 10);
  return {
    clientId,
    assetIds,
    title: '',
    windowStart: `${tomorrow}T18:00`,
    windowEnd: `${tomorrow}T20:00`,
    risk: 'low',
    description: '',
    backOutPlan: '',
    emergency: false,
  };
}

/** A form's values and its errors by field; changing a field clears its error. */
export function useChangeRequestValues<V extends ChangeRequestFieldValues>(initial: () => V) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  function set<K extends keyof V & string>(key: K, value: V[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }
  return { values, errors, setErrors, set };
}

/**
 * Checks the fields (all but the client, whose message differs by who raises the request) and, when they
 * pass and a client is chosen, gives what to send.
 */
export function readChangeRequestFields(
  values: ChangeRequestFieldValues,
  zone: string,
): { problems: Record<string, string>; input: VendorChangeRequestInput | null } {
  const problems: Record<string, string> = {};
  const start = zonedWallTimeToInstant(values.windowStart, zone);
  const end = zonedWallTimeToInstant(values.windowEnd, zone);
  if (values.assetIds.length === 0) problems.assetIds = 'Choose at least one asset';
  if (!values.title.trim()) problems.title = 'Name the change, e.g. “Upgrade Dentrix to 24.2”';
  if (!start) problems.windowStart = 'Choose when the window starts';
  if (!end) problems.windowEnd = 'Choose when the window ends';
  else if (start && end <= start) problems.windowEnd = 'The window must end after it starts';
  else if (start && end.getTime() - start.getTime() > MAX_WINDOW_HOURS * HOUR)
    problems.windowEnd = `A window is at most ${MAX_WINDOW_HOURS} hours`;
  if (!values.description.trim()) problems.description = 'Say what will change';
  if (!values.backOutPlan.trim()) problems.backOutPlan = 'Say how the change is undone if it goes wrong';
  if (Object.keys(problems).length > 0 || !values.clientId || !start || !end)
    return { problems, input: null };
  return {
    problems,
    input: {
      clientId: values.clientId,
      assetIds: values.assetIds,
      title: values.title.trim(),
      description: values.description.trim(),
      risk: values.risk,
      backOutPlan: values.backOutPlan.trim(),
      windowStart: start.toISOString(),
      windowEnd: end.toISOString(),
      emergency: values.emergency,
    },
  };
}

/**
 * The fields from the assets down, and the buttons; the client (and whatever the form shows with it) comes
 * before them.
 */
/** The dialog a new request is raised in; its form is made afresh each time it opens. */
export function NewChangeRequestModal(props: { opened: boolean; onClose: () => void; children: ReactNode }) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="New change request" size="lg">
      {props.opened && props.children}
    </Modal>
  );
}

export function ChangeRequestFields(props: {
  values: ChangeRequestFieldValues;
  errors: Record<string, string>;
  set<K extends keyof ChangeRequestFieldValues>(key: K, value: ChangeRequestFieldValues[K]): void;
  zone: string;
  /** The chosen client's assets. */
  assetOptions: { value: string; label: string }[];
  /** Shown in the assets list when it has none to offer. */
  noAssetsMessage?: string;
  /** Columns of the window-and-risk row. */
  windowColumns: SimpleGridProps['cols'];
  /** What an emergency is, in the words of whoever declares it. */
  emergencyDescription: string;
  isSaving: boolean;
  onCancel: () => void;
}) {
  const { values, errors, set } = props;
  return (
    <>
      <MultiSelect
        label="Assets"
        required
        searchable
        placeholder={values.clientId ? 'Choose the machines that change' : 'Choose a client first'}
        disabled={!values.clientId}
        nothingFoundMessage={props.noAssetsMessage}
        data={props.assetOptions}
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
      <SimpleGrid cols={props.windowColumns} spacing="sm">
        <TextInput
          label="Window starts"
          description={props.zone}
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
        description={props.emergencyDescription}
        checked={values.emergency}
        error={errors.emergency}
        onChange={(event) => set('emergency', event.currentTarget.checked)}
      />
      <Group justify="flex-end" gap="xs" mt="xs">
        <Button variant="default" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={props.isSaving}>
          Raise request
        </Button>
      </Group>
    </>
  );
}
