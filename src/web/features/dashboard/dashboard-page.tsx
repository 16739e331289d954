// The landing page: a greeting, the technician's tickets (their own queue, what is at risk or breached) and,
// until the basics exist, the next steps to get an MSP running.
import { Badge, Grid, Group, Paper, Progress, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconBuildingSkyscraper,
  IconCalendarTime,
  IconCircleCheckFilled,
  IconCircleDashed,
  IconClockShield,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { useCan, useSession } from '../auth/session.ts';
import { clientListQuery } from '../clients/clients-api.ts';
import { calendarsQuery, slaPoliciesQuery, usersQuery } from '../settings/settings-api.ts';
import { AtRiskPanel, MyQueuePanel } from './ticket-panels.tsx';

interface Step {
  key: string;
  title: string;
  description: string;
  icon: ReactNode;
  to: string;
  action: string;
  isDone: boolean | undefined;
}

function greeting(hour: number): string {
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

function Stat(props: {
  label: string;
  value: number | undefined;
  to: '/clients' | '/settings/calendars' | '/settings/sla-policies';
}) {
  return (
    <AnchorLink to={props.to} underline="never" c="inherit" display="block">
      <Paper withBorder p="md">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
          {props.label}
        </Text>
        {props.value === undefined ? (
          <Skeleton height={28} width={48} mt={6} />
        ) : (
          <Text fz={26} fw={600} className="tabular" mt={2}>
            {props.value}
          </Text>
        )}
      </Paper>
    </AnchorLink>
  );
}

export function DashboardPage() {
  const session = useSession();
  const can = useCan();
  const clients = useQuery({ ...clientListQuery({ limit: 1 }), enabled: can('clients.read') });
  const calendars = useQuery({ ...calendarsQuery, enabled: can('calendars.read') });
  const policies = useQuery({ ...slaPoliciesQuery, enabled: can('calendars.read') });
  const users = useQuery({ ...usersQuery, enabled: can('users.read') });

  const steps: Step[] = [
    {
      key: 'calendar',
      title: 'Set your business hours',
      description: 'A business calendar (time zone, weekly hours, holidays) is what SLA clocks run on.',
      icon: <IconCalendarTime size={18} />,
      to: '/settings/calendars/new',
      action: 'Create a calendar',
      isDone: calendars.data && calendars.data.length > 0,
    },
    {
      key: 'sla',
      title: 'Define an SLA policy',
      description: 'First-response and resolution targets for P1 to P4, in business minutes.',
      icon: <IconClockShield size={18} />,
      to: '/settings/sla-policies/new',
      action: 'Create a policy',
      isDone: policies.data && policies.data.length > 0,
    },
    {
      key: 'client',
      title: 'Add your first client',
      description: 'Clients hold sites, contacts and tickets; assets and agreements follow.',
      icon: <IconBuildingSkyscraper size={18} />,
      to: '/clients',
      action: 'Go to clients',
      isDone: clients.data && clients.data.total > 0,
    },
    {
      key: 'team',
      title: 'Invite your team',
      description: 'Give dispatchers, technicians and billing staff their own sign-in and client scope.',
      icon: <IconUsersGroup size={18} />,
      to: '/settings/users',
      action: 'Add a user',
      isDone: users.data && users.data.length > 1,
    },
  ].filter((step) =>
    step.key === 'team' ? can('users.manage') : step.key === 'client' || can('calendars.manage'),
  );

  const doneCount = steps.filter((step) => step.isDone).length;
  const firstName = session.identity.name.split(/\s+/)[0];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} fz="h2">
          {greeting(new Date().getHours())}, {firstName}
        </Title>
        <Text c="dimmed" size="sm">
          {session.membership.tenantName} · signed in as {session.membership.role}
        </Text>
      </div>

      {steps.length > 0 && doneCount < steps.length && (
        <Paper withBorder p="lg">
          <Group justify="space-between" mb="xs">
            <div>
              <Title order={2} fz="h3">
                Getting started
              </Title>
              <Text size="sm" c="dimmed">
                A few steps and Accord is ready for your first tickets.
              </Text>
            </div>
            <Badge variant="light" size="lg">
              {doneCount} of {steps.length} done
            </Badge>
          </Group>
          <Progress value={(doneCount / steps.length) * 100} size="sm" mb="md" aria-label="Setup progress" />
          <Stack gap={0}>
            {steps.map((step) => (
              <Group
                key={step.key}
                justify="space-between"
                wrap="nowrap"
                py="sm"
                style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
              >
                <Group gap="md" wrap="nowrap">
                  <ThemeIcon variant="light" color={step.isDone ? 'teal' : 'gray'} size={34} radius="md">
                    {step.icon}
                  </ThemeIcon>
                  <div>
                    <Group gap={6}>
                      <Text fw={600} size="sm" c={step.isDone ? 'dimmed' : undefined}>
                        {step.title}
                      </Text>
                      {step.isDone ? (
                        <IconCircleCheckFilled
                          size={16}
                          color="var(--mantine-color-teal-6)"
                          aria-label="Done"
                        />
                      ) : (
                        <IconCircleDashed size={16} opacity={0.4} aria-label="Not done yet" />
                      )}
                    </Group>
                    <Text size="sm" c="dimmed">
                      {step.description}
                    </Text>
                  </div>
                </Group>
                {!step.isDone && (
                  <ButtonLink to={step.to} variant="default" size="xs">
                    {step.action}
                  </ButtonLink>
                )}
              </Group>
            ))}
          </Stack>
        </Paper>
      )}

      {can('tickets.read') && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <MyQueuePanel />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <AtRiskPanel />
          </Grid.Col>
        </Grid>
      )}

      <Grid gap="md">
        {can('clients.read') && (
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Stat label="Clients" value={clients.data?.total} to="/clients" />
          </Grid.Col>
        )}
        {can('calendars.read') && (
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Stat label="Business calendars" value={calendars.data?.length} to="/settings/calendars" />
          </Grid.Col>
        )}
        {can('calendars.read') && (
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Stat label="SLA policies" value={policies.data?.length} to="/settings/sla-policies" />
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}
