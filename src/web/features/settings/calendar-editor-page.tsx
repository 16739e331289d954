// Create or edit a business calendar, with a live due-time preview of the saved version beside the form.
import { Badge, Button, Grid, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowLeft, IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ApiError, isApiError } from '../../api/client.ts';
import { browserTimeZone } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { TimeZoneSelect } from '../../ui/time-zone-select.tsx';
import { useCan } from '../auth/session.ts';
import { officeHours, summarizeHours } from './calendar-hours.ts';
import { CalendarVersions } from './calendar-versions.tsx';
import { DuePreview } from './due-preview.tsx';
import { HolidaysEditor } from './holidays-editor.tsx';
import {
  type Calendar,
  type CalendarInput,
  calendarQuery,
  createCalendar,
  settingsKeys,
  updateCalendar,
} from './settings-api.ts';
import { WeeklyHoursEditor } from './weekly-hours-editor.tsx';

const route = getRouteApi('/app/settings/calendars/$calendarId');

export function CalendarEditorPage() {
  const { calendarId } = route.useParams();
  const isNew = calendarId === 'new';
  const calendar = useQuery({ ...calendarQuery(calendarId), enabled: !isNew });

  if (isNew) return <CalendarEditor key="new" />;
  if (calendar.isPending) return <PageSkeleton />;
  if (calendar.isError) {
    return isApiError(calendar.error, 404) || isApiError(calendar.error, 400) ? (
      <NotFoundPage title="Calendar not found" message="This calendar does not exist in your organization." />
    ) : (
      <NotFoundPage title="Could not load the calendar" message={calendar.error.message} />
    );
  }
  // Keyed by version so a save that creates a new version restarts the form from it.
  return <CalendarEditor key={`${calendar.data.id}:${calendar.data.version}`} calendar={calendar.data} />;
}

function toInput(calendar: Calendar): CalendarInput {
  return {
    name: calendar.name,
    timeZone: calendar.timeZone,
    weeklyHours: calendar.weeklyHours,
    holidays: calendar.holidays,
  };
}

function CalendarEditor(props: { calendar?: Calendar }) {
  const { calendar } = props;
  const can = useCan();
  const canManage = can('calendars.manage');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<CalendarInput>(() =>
    calendar
      ? toInput(calendar)
      : { name: '', timeZone: browserTimeZone(), weeklyHours: officeHours(), holidays: [] },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const isDirty = !calendar || JSON.stringify(values) !== JSON.stringify(toInput(calendar));

  const save = useMutation({
    mutationFn: (input: CalendarInput) =>
      calendar ? updateCalendar(calendar.id, input) : createCalendar(input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(settingsKeys.calendar(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: settingsKeys.calendars });
      if (!calendar) {
        notifySuccess(`Calendar ${saved.name} created`);
        await navigate({
          to: '/settings/calendars/$calendarId',
          params: { calendarId: saved.id },
          replace: true,
        });
      } else {
        notifySuccess(
          saved.version > calendar.version ? `Saved as version ${saved.version}` : 'Calendar saved',
        );
      }
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not save the calendar');
    },
  });

  function set<K extends keyof CalendarInput>(key: K, value: CalendarInput[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) =>
      Object.fromEntries(
        Object.entries(current).filter(([path]) => path !== key && !path.startsWith(`${key}.`)),
      ),
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.name.trim()) return setErrors({ name: 'Name the calendar, e.g. “UK office hours”' });
    save.mutate({ ...values, name: values.name.trim() });
  }

  return (
    <form onSubmit={submit} noValidate>
      <PageHeader
        eyebrow={
          <AnchorLink to="/settings/calendars" size="sm" c="dimmed">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={14} /> Business calendars
            </Group>
          </AnchorLink>
        }
        title={calendar ? calendar.name : 'New calendar'}
        badges={
          calendar && (
            <Badge variant="light" color="gray">
              Version {calendar.version}
            </Badge>
          )
        }
        description={summarizeHours(values.weeklyHours)}
        actions={
          canManage && (
            <Button
              type="submit"
              loading={save.isPending}
              leftSection={<IconDeviceFloppy size={16} />}
              disabled={!isDirty}
            >
              {calendar ? 'Save changes' : 'Create calendar'}
            </Button>
          )
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <fieldset disabled={!canManage} style={{ border: 0, padding: 0, margin: 0 }}>
            <Stack gap="md">
              <Group grow align="flex-start">
                <TextInput
                  label="Calendar name"
                  required
                  value={values.name}
                  error={errors.name}
                  onChange={(event) => set('name', event.currentTarget.value)}
                />
                <TimeZoneSelect
                  label="Time zone"
                  value={values.timeZone}
                  error={errors.timeZone}
                  onChange={(zone) => set('timeZone', zone)}
                />
              </Group>
              <WeeklyHoursEditor
                value={values.weeklyHours}
                errors={errors}
                onChange={(hours) => set('weeklyHours', hours)}
              />
              <HolidaysEditor
                value={values.holidays}
                error={Object.entries(errors).find(([path]) => path.startsWith('holidays'))?.[1]}
                onChange={(dates) => set('holidays', dates)}
              />
            </Stack>
          </fieldset>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md" style={{ position: 'sticky', top: 64 }}>
            {calendar ? (
              <DuePreview
                calendarId={calendar.id}
                timeZone={calendar.timeZone}
                version={calendar.version}
                isDirty={isDirty}
              />
            ) : (
              <Paper withBorder p="md">
                <Text fw={600} size="sm" mb={4}>
                  Due-time preview
                </Text>
                <Text size="sm" c="dimmed">
                  Create the calendar to try it out: pick a start and a number of business minutes and see
                  when a target would fall due.
                </Text>
              </Paper>
            )}
            {calendar && <CalendarVersions calendarId={calendar.id} timeZone={calendar.timeZone} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </form>
  );
}
