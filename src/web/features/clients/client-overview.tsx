// The client's details at a glance, with the calendar and SLA policy names resolved.
import { Anchor, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../ui/format.ts';
import { useCan } from '../auth/session.ts';
import { calendarsQuery, slaPoliciesQuery } from '../settings/settings-api.ts';
import type { Client } from './clients-api.ts';

function Field(props: { label: string; children: ReactNode }) {
  return (
    <Grid gap="xs">
      <Grid.Col span={4}>
        <Text size="sm" c="dimmed">
          {props.label}
        </Text>
      </Grid.Col>
      <Grid.Col span={8}>
        <Text size="sm" component="div">
          {props.children || <Text c="dimmed">—</Text>}
        </Text>
      </Grid.Col>
    </Grid>
  );
}

export function ClientOverview(props: { client: Client }) {
  const { client } = props;
  const can = useCan();
  const calendars = useQuery({
    ...calendarsQuery,
    enabled: can('calendars.read') && !!client.defaultCalendarId,
  });
  const policies = useQuery({
    ...slaPoliciesQuery,
    enabled: can('calendars.read') && !!client.defaultSlaPolicyId,
  });
  const calendarName = calendars.data?.find((calendar) => calendar.id === client.defaultCalendarId)?.name;
  const policyName = policies.data?.find((policy) => policy.id === client.defaultSlaPolicyId)?.name;
  const website =
    client.website && (/^https?:\/\//.test(client.website) ? client.website : `https://${client.website}`);

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Paper withBorder p="md">
          <Title order={2} fz="h4" mb="sm">
            Details
          </Title>
          <Stack gap={6}>
            <Field label="Email domains">{client.emailDomains.join(', ')}</Field>
            <Field label="Phone">{client.phone}</Field>
            <Field label="Website">
              {website && (
                <Anchor href={website} target="_blank" rel="noreferrer" size="sm">
                  {client.website}
                </Anchor>
              )}
            </Field>
            <Field label="Business calendar">
              {client.defaultCalendarId && (calendarName ?? 'Assigned')}
            </Field>
            <Field label="SLA policy">{client.defaultSlaPolicyId && (policyName ?? 'Assigned')}</Field>
            <Field label="Added">{formatDateTime(client.createdAt)}</Field>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder p="md" h="100%">
          <Title order={2} fz="h4" mb="sm">
            Notes
          </Title>
          <Text size="sm" c={client.notes ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
            {client.notes ||
              'No notes yet. Edit the client to add access instructions, quirks or contacts to call first.'}
          </Text>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
