// The client's details at a glance, with the calendar and SLA policy names resolved.
import { Anchor, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DetailField } from '../../ui/detail-field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useCan } from '../auth/session.ts';
import { calendarsQuery, slaPoliciesQuery } from '../settings/settings-api.ts';
import type { Client } from './clients-api.ts';

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
            <DetailField label="Email domains">{client.emailDomains.join(', ')}</DetailField>
            <DetailField label="Phone">{client.phone}</DetailField>
            <DetailField label="Website">
              {website && (
                <Anchor href={website} target="_blank" rel="noreferrer" size="sm">
                  {client.website}
                </Anchor>
              )}
            </DetailField>
            <DetailField label="Business calendar">
              {client.defaultCalendarId && (calendarName ?? 'Assigned')}
            </DetailField>
            <DetailField label="SLA policy">
              {client.defaultSlaPolicyId && (policyName ?? 'Assigned')}
            </DetailField>
            <DetailField label="Added">{formatDateTime(client.createdAt)}</DetailField>
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
