// Log time on a ticket, or edit a logged entry: when, how long, which work type, why, and a note.
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type TimeCause, timeCauseLabels } from '../../../shared/api/time.ts';
import { ApiError } from '../../api/client.ts';
import { browserTimeZone, instantToZonedWallTime, zonedWallTimeToInstant } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { options } from './ticket-labels.ts';
import {
  allWorkTypesQuery,
  classifyDraft,
  logTime,
  type TimeEntry,
  ticketKeys,
  ticketQuery,
  updateTimeEntry,
} from './tickets-api.ts';
import { ClassificationPreview } from './time-classification.tsx';

export interface TimeEntryDraft {
  startedAt: string;
  minutes: number;
}

interface FormValues {
  startedAt: string;
  minutes: number | string;
  workTypeId: string | null;
  cause: TimeCause;
  note: string;
}

const causeOptions = options(timeCauseLabels);

export function TimeEntryFormModal(props: {
  opened: boolean;
  onClose: () => void;
  ticketId: string;
  /** Edit this entry; otherwise log a new one. */
  entry?: TimeEntry;
  /** Pre-fill for a new entry, e.g. from the timer. */
  draft?: TimeEntryDraft;
  onSaved?: (entry: TimeEntry) => void;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.entry ? 'Edit time entry' : 'Log time'}>
      {props.opened && <TimeEntryForm {...props} />}
    </Modal>
  );
}

function TimeEntryForm(props: {
  onClose: () => void;
  ticketId: string;
  entry?: TimeEntry;
  draft?: TimeEntryDraft;
  onSaved?: (entry: TimeEntry) => void;
}) {
  const { entry, draft } = props;
  const zone = browserTimeZone();
  const queryClient = useQueryClient();
  const workTypes = useQuery(allWorkTypesQuery);
  // A vendor's incident (changes outside an approved window): its time is vendor-caused unless said otherwise.
  const isVendorIncident = Boolean(useQuery(ticketQuery(props.ticketId)).data?.vendorId);
  const [values, setValues] = useState<FormValues>(() => ({
    startedAt: instantToZonedWallTime(
      Date.parse(entry?.startedAt ?? draft?.startedAt ?? new Date().toISOString()),
      zone,
    ),
    minutes: entry?.minutes ?? draft?.minutes ?? 15,
    workTypeId: entry?.workTypeId ?? null,
    cause: entry?.cause ?? (isVendorIncident ? 'vendor_caused' : 'normal'),
    note: entry?.note ?? '',
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});

  // Archived work types cannot be chosen for new time, but an entry keeps the one it has.
  const workTypeOptions = (workTypes.data ?? [])
    .filter((type) => !type.archived || type.id === entry?.workTypeId)
    .map((type) => ({ value: type.id, label: type.archived ? `${type.name} (archived)` : type.name }));
  const workTypeId =
    values.workTypeId ?? (workTypeOptions.length > 0 && !entry ? (workTypeOptions[0]?.value ?? null) : null);

  // The billing preview follows the form as it is typed (debounced on its text, so re-renders with the same
  // values never restart the wait), classified with the ticket's other time.
  const [typed] = useDebouncedValue(
    JSON.stringify({
      startedAt: zonedWallTimeToInstant(values.startedAt, zone)?.toISOString() ?? '',
      minutes: Number(values.minutes),
      workTypeId: workTypeId ?? '',
      cause: values.cause,
    }),
    300,
  );
  const preview = useQuery({
    queryKey: ['time-classification', props.ticketId, entry?.id ?? null, typed],
    queryFn: () =>
      classifyDraft(props.ticketId, { ...JSON.parse(typed), note: 'Preview', entryId: entry?.id }),
    enabled: !typed.includes('""') && !typed.includes('null'),
    placeholderData: keepPreviousData,
    retry: false,
  });

  const save = useMutation({
    mutationFn: (input: {
      startedAt: string;
      minutes: number;
      workTypeId: string;
      cause: TimeCause;
      note: string;
    }) => (entry ? updateTimeEntry(entry.id, input) : logTime(props.ticketId, input)),
    onSuccess: async (saved) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.detail(props.ticketId) }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.timeEntryHistory(saved.id) }),
      ]);
      notifySuccess(entry ? 'Time entry saved' : `${saved.minutes} min logged`);
      props.onSaved?.(saved);
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, entry ? 'Could not save the time entry' : 'Could not log the time');
    },
  });

  function set<K extends keyof FormValues>(key: K, value: FormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const startedAt = zonedWallTimeToInstant(values.startedAt, zone);
    const minutes = Number(values.minutes);
    if (!startedAt) problems.startedAt = 'Enter when the work started';
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
      problems.minutes = 'Whole minutes, from 1 to 1440';
    if (!workTypeId) problems.workTypeId = 'Choose a work type';
    if (!values.note.trim()) problems.note = 'Say what was done';
    if (Object.keys(problems).length > 0 || !startedAt || !workTypeId) return setErrors(problems);
    save.mutate({
      startedAt: startedAt.toISOString(),
      minutes,
      workTypeId,
      cause: values.cause,
      note: values.note.trim(),
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label="Started at"
            description={zone}
            type="datetime-local"
            required
            value={values.startedAt}
            error={errors.startedAt}
            onChange={(event) => set('startedAt', event.currentTarget.value)}
          />
          <NumberInput
            label="Minutes"
            description="Whole minutes, up to a day"
            required
            min={1}
            max={1440}
            allowDecimal={false}
            value={values.minutes}
            error={errors.minutes}
            onChange={(value) => set('minutes', value)}
          />
          <Select
            label="Work type"
            required
            allowDeselect={false}
            placeholder={workTypes.isPending ? 'Loading…' : 'Choose a work type'}
            data={workTypeOptions}
            value={workTypeId}
            error={errors.workTypeId}
            onChange={(value) => set('workTypeId', value)}
          />
          <Select
            label="Cause"
            allowDeselect={false}
            data={causeOptions}
            value={values.cause}
            error={errors.cause}
            onChange={(value) => value && set('cause', value as TimeCause)}
          />
        </SimpleGrid>
        <Textarea
          label="Note"
          description="What you did, for the ticket's record."
          required
          autosize
          minRows={3}
          data-autofocus
          value={values.note}
          error={errors.note}
          onChange={(event) => set('note', event.currentTarget.value)}
        />
        <ClassificationPreview
          classification={preview.data}
          isError={preview.isError || (!preview.data && !preview.isFetching)}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {entry ? 'Save entry' : 'Log time'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
