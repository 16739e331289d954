// The rules of engagement in force at one of the vendor's clients (the MSP's rules and the client's
// addendum), and acknowledging them as the signed-in person; once acknowledged, who did and when.
import { Alert, Button, Checkbox, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconFileOff } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { BackLink, ButtonLink } from '../../ui/links.tsx';
import { RecordPageFallback } from '../../ui/not-found.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useSession } from '../auth/session.ts';
import { RulesAndAddendum } from '../vendor-terms/rules-text.tsx';
import { StandingBadge } from '../vendor-terms/terms-badges.tsx';
import {
  acknowledgeRules,
  type PortalRules,
  portalKeys,
  portalOverviewQuery,
  portalRulesQuery,
} from './portal-api.ts';

const route = getRouteApi('/vendor/rules/$engagementId');

export function PortalRulesPage() {
  const { engagementId } = route.useParams();
  const msp = useSession().membership.tenantName;
  const rules = useQuery(portalRulesQuery(engagementId));
  const overview = useQuery(portalOverviewQuery);
  const engagement = overview.data?.engagements.find((candidate) => candidate.id === engagementId);

  if (!rules.isSuccess)
    return (
      <RecordPageFallback
        query={rules}
        notFoundTitle="Engagement not found"
        notFoundMessage="This engagement does not exist, or it is not one of yours."
        notFoundAction={
          <ButtonLink to="/vendor" variant="default">
            Back to the overview
          </ButtonLink>
        }
        failedTitle="Could not load the rules"
      />
    );
  const data = rules.data;

  return (
    <>
      <PageHeader
        eyebrow={<BackLink link={{ to: '/vendor' }}>Overview</BackLink>}
        title={`Rules of engagement at ${data.clientName}`}
        badges={<StandingBadge rules={{ status: data.status, acknowledgements: [] }} />}
        description={
          engagement
            ? `For your work on ${engagement.product}. ${msp}’s rules, with ${data.clientName}’s own addendum where it has one.`
            : `${msp}’s rules, with ${data.clientName}’s own addendum where it has one.`
        }
      />
      {data.rules === null ? (
        <EmptyState
          icon={<IconFileOff size={24} />}
          title="No rules published yet"
          description={`${msp} has published no rules of engagement yet, so there is nothing to acknowledge.`}
        />
      ) : (
        <Stack gap="lg" maw={860}>
          <RulesAndAddendum
            mspName={msp}
            clientName={data.clientName}
            rules={data.rules}
            addendum={data.addendum}
          />
          {data.status === 'acknowledged' ? (
            <Acknowledged rules={data} />
          ) : (
            <AcknowledgeForm rules={data} vendorName={overview.data?.vendor.name ?? 'your company'} />
          )}
        </Stack>
      )}
    </>
  );
}

function Acknowledged(props: { rules: PortalRules }) {
  const { rules } = props;
  const when = rules.acknowledgedAt ? formatDateTime(rules.acknowledgedAt, browserTimeZone(), true) : null;
  return (
    <Paper withBorder p="md" component="section" aria-label="Acknowledgement">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon size={30} radius="xl" variant="light" color="teal" aria-hidden>
          <IconCircleCheck size={18} />
        </ThemeIcon>
        <Stack gap={2}>
          <Text fw={600}>Acknowledged</Text>
          {(rules.acknowledgedBy || when) && (
            <Text size="sm">
              {[rules.acknowledgedBy && `By ${rules.acknowledgedBy}`, when && `on ${when}`]
                .filter(Boolean)
                .join(' ')}
              .
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {rules.addendum
              ? `It covers the rules, version ${rules.rules?.version}, with ${rules.clientName}’s addendum, version ${rules.addendum.version}: the versions in force.`
              : `It covers the rules, version ${rules.rules?.version}: the version in force.`}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

function AcknowledgeForm(props: { rules: PortalRules; vendorName: string }) {
  const { rules } = props;
  const queryClient = useQueryClient();
  const [agrees, setAgrees] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const acknowledge = useMutation({
    mutationFn: () => acknowledgeRules(rules.engagementId),
    onSuccess: async (updated) => {
      queryClient.setQueryData(portalKeys.rules(updated.engagementId), updated);
      await queryClient.invalidateQueries({ queryKey: portalKeys.overview });
      notifySuccess(`Rules at ${updated.clientName} acknowledged`);
    },
    onError: (failure) => notifyError(failure, 'Could not record your acknowledgement'),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!agrees) return setError('Tick the box to acknowledge the rules');
    acknowledge.mutate();
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label="Acknowledge">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          Acknowledge
        </Title>
        {rules.status === 'outdated' && (
          <Alert color="orange" variant="light">
            The rules in force have changed since {props.vendorName} last acknowledged them. Please read this
            version and acknowledge it.
          </Alert>
        )}
        <Checkbox
          label={`I acknowledge these rules on behalf of ${props.vendorName}`}
          checked={agrees}
          error={error}
          onChange={(event) => {
            setAgrees(event.currentTarget.checked);
            setError(null);
          }}
        />
        <Button type="submit" loading={acknowledge.isPending} style={{ alignSelf: 'flex-start' }}>
          Acknowledge rules
        </Button>
        <Text size="xs" c="dimmed">
          Recorded under your name, with the date and the versions above.
        </Text>
      </Stack>
    </Paper>
  );
}
