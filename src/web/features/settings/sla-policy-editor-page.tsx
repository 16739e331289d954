// Create or edit an SLA policy: a default calendar, P1-P4 targets, and a preview for a ticket opened now.
import { Alert, Badge, Button, Grid, Group, Select, Stack, TextInput } from '@mantine/core';
import { IconArrowLeft, IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import type { SlaTargets } from '../../../shared/api/sla-policies.ts';
import { ApiError, isApiError } from '../../api/client.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import {
  type Calendar,
  calendarsQuery,
  createSlaPolicy,
  type SlaPolicy,
  type SlaPolicyInput,
  settingsKeys,
  slaPolicyQuery,
  updateSlaPolicy,
} from './settings-api.ts';
import { SlaPreview } from './sla-preview.tsx';
import { priorities, SlaTargetsTable } from './sla-targets-table.tsx';

const route = getRouteApi('/app/settings/sla-policies/$policyId');

/** A sensible starting point: P1 answered in 15 minutes and fixed within 4 business hours, and so on. */
const defaultTargets: SlaTargets = {
  P1: { firstResponseMinutes: 15, resolutionMinutes: 240 },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  P4: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
};

export function SlaPolicyEditorPage() {
  const { policyId } = route.useParams();
  const isNew = policyId === 'new';
  const policy = useQuery({ ...slaPolicyQuery(policyId), enabled: !isNew });
  const calendars = useQuery(calendarsQuery);

  if (calendars.isPending || (!isNew && policy.isPending)) return <PageSkeleton />;
  if (!isNew && policy.isError) {
    return isApiError(policy.error, 404) || isApiError(policy.error, 400) ? (
      <NotFoundPage title="SLA policy not found" message="This policy does not exist in your organization." />
    ) : (
      <NotFoundPage title="Could not load the policy" message={policy.error.message} />
    );
  }
  const saved = isNew ? undefined : policy.data;
  return (
    <SlaPolicyEditor
      key={saved ? `${saved.id}:${saved.version}` : 'new'}
      policy={saved}
      calendars={calendars.data ?? []}
    />
  );
}

function SlaPolicyEditor(props: { policy?: SlaPolicy; calendars: Calendar[] }) {
  const { policy, calendars } = props;
  const can = useCan();
  const canManage = can('calendars.manage');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<{ name: string; calendarId: string | null; targets: SlaTargets }>(
    () => ({
      name: policy?.name ?? '',
      calendarId: policy?.calendarId ?? calendars[0]?.id ?? null,
      targets: policy?.targets ?? defaultTargets,
    }),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const isDirty =
    !policy ||
    JSON.stringify(values) !==
      JSON.stringify({ name: policy.name, calendarId: policy.calendarId, targets: policy.targets });

  const save = useMutation({
    mutationFn: (input: SlaPolicyInput) =>
      policy ? updateSlaPolicy(policy.id, input) : createSlaPolicy(input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(settingsKeys.slaPolicy(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: settingsKeys.slaPolicies });
      if (!policy) {
        notifySuccess(`SLA policy ${saved.name} created`);
        await navigate({
          to: '/settings/sla-policies/$policyId',
          params: { policyId: saved.id },
          replace: true,
        });
      } else {
        notifySuccess(
          saved.version > policy.version ? `Saved as version ${saved.version}` : 'SLA policy saved',
        );
      }
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not save the SLA policy');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!values.name.trim()) problems.name = 'Name the policy, e.g. “Managed Gold”';
    if (!values.calendarId) problems.calendarId = 'Pick the calendar targets are counted on';
    for (const priority of priorities) {
      const target = values.targets[priority];
      if (target.firstResponseMinutes < 1)
        problems[`targets.${priority}.firstResponseMinutes`] = 'At least 1';
      if (target.resolutionMinutes < target.firstResponseMinutes) {
        problems[`targets.${priority}.resolutionMinutes`] = 'Shorter than first response';
      }
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !values.calendarId) return;
    save.mutate({ name: values.name.trim(), calendarId: values.calendarId, targets: values.targets });
  }

  if (calendars.length === 0) {
    return (
      <Alert color="yellow" icon={<IconInfoCircle size={16} />} title="Create a business calendar first">
        SLA targets are counted in business minutes, so a policy needs a calendar.{' '}
        <AnchorLink to="/settings/calendars/$calendarId" params={{ calendarId: 'new' }}>
          Create a calendar
        </AnchorLink>
      </Alert>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <PageHeader
        eyebrow={
          <AnchorLink to="/settings/sla-policies" size="sm" c="dimmed">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={14} /> SLA policies
            </Group>
          </AnchorLink>
        }
        title={policy ? policy.name : 'New SLA policy'}
        badges={
          policy && (
            <Badge variant="light" color="gray">
              Version {policy.version}
            </Badge>
          )
        }
        description="Targets are business minutes on the chosen calendar; a priority may use its own calendar."
        actions={
          canManage && (
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!isDirty}
              leftSection={<IconDeviceFloppy size={16} />}
            >
              {policy ? 'Save changes' : 'Create policy'}
            </Button>
          )
        }
      />
      <fieldset disabled={!canManage} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="md">
          <Group grow align="flex-start" maw={640}>
            <TextInput
              label="Policy name"
              required
              value={values.name}
              error={errors.name}
              onChange={(event) => {
                const name = event.currentTarget.value;
                setValues((current) => ({ ...current, name }));
              }}
            />
            <Select
              label="Business calendar"
              allowDeselect={false}
              data={calendars.map((calendar) => ({
                value: calendar.id,
                label: `${calendar.name} (${calendar.timeZone})`,
              }))}
              value={values.calendarId}
              error={errors.calendarId}
              onChange={(calendarId) => setValues((current) => ({ ...current, calendarId }))}
            />
          </Group>
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <SlaTargetsTable
                value={values.targets}
                calendars={calendars}
                errors={errors}
                onChange={(targets) => setValues((current) => ({ ...current, targets }))}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <SlaPreview targets={values.targets} calendarId={values.calendarId} calendars={calendars} />
            </Grid.Col>
          </Grid>
        </Stack>
      </fieldset>
    </form>
  );
}
