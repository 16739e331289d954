// What a client sees behind a one-time link, without signing in: who asks, which vendor will change what and
// when (in the viewer's own time), how risky it is and how it is undone, and a form to approve or reject it
// on the client's behalf.
import { Alert, Grid, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { browserTimeZone } from '../../ui/format.ts';
import { LinkCannotBeUsed, LinkPageFact, LinkPageLoading } from '../../ui/link-page-states.tsx';
import { PublicFrame } from '../../ui/public-frame.tsx';
import { crNumber, formatWindow, RiskBadge } from './change-request-labels.tsx';
import { type PublicChangeRequest, publicChangeRequestQuery } from './change-requests-api.ts';
import { type GivenDecision, PublicDecisionForm } from './public-decision-form.tsx';

const route = getRouteApi('/approve-change/$token');
const WIDTH = 760;

export function ApproveChangePage() {
  const { token } = route.useParams();
  const request = useQuery(publicChangeRequestQuery(token));
  const [given, setGiven] = useState<GivenDecision | null>(null);
  const [isSpent, setSpent] = useState(false);

  if (request.isError || isSpent)
    return <LinkCannotBeUsed error={isSpent ? null : request.error} width={WIDTH} />;
  if (!request.data) return <LinkPageLoading title="Change approval" width={WIDTH} />;
  const data = request.data;
  if (given) return <Decided request={data} given={given} />;

  const doer = data.vendorName ?? data.mspName;
  return (
    <PublicFrame
      title={`Approve a change to ${data.clientName}’s systems`}
      description={`${data.mspName} asks ${data.clientName} to approve or reject a change ${doer} plans to make.`}
      width={WIDTH}
    >
      <Stack gap="lg">
        {data.emergency && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Emergency change, declared after the fact"
          >
            This change was urgent and may already have been made. {data.mspName} asks for your approval
            afterwards; if you reject it, say why, and {data.mspName} will follow up.
          </Alert>
        )}
        <Facts request={data} />
        <TextSection title="What will change" text={data.description} />
        <TextSection title="Back-out plan" text={data.backOutPlan} />
        <PublicDecisionForm token={token} request={data} onDone={setGiven} onSpent={() => setSpent(true)} />
      </Stack>
    </PublicFrame>
  );
}

function Facts(props: { request: PublicChangeRequest }) {
  const { request } = props;
  const zone = browserTimeZone();
  return (
    <Grid gap="xs">
      <LinkPageFact label="Asked by">{request.mspName}</LinkPageFact>
      <LinkPageFact label="Client">{request.clientName}</LinkPageFact>
      <LinkPageFact label="Vendor">{request.vendorName ?? `${request.mspName} itself`}</LinkPageFact>
      <LinkPageFact label="Change">
        {crNumber(request)}: {request.title}
      </LinkPageFact>
      <LinkPageFact label="Window">
        <Text span size="sm" fw={500} className="tabular">
          {formatWindow(request.windowStart, request.windowEnd, zone)}
        </Text>
        <Text size="xs" c="dimmed">
          Your local time ({zone})
        </Text>
      </LinkPageFact>
      <LinkPageFact label="Systems">{request.assets.map((asset) => asset.name).join(', ')}</LinkPageFact>
      <LinkPageFact label="Risk">
        <RiskBadge risk={request.risk} />
      </LinkPageFact>
    </Grid>
  );
}

function TextSection(props: { title: string; text: string }) {
  return (
    <Stack gap="xs" component="section" aria-label={props.title}>
      <Title order={2} fz="h4">
        {props.title}
      </Title>
      <Paper withBorder p="sm" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {props.text}
        </Text>
      </Paper>
    </Stack>
  );
}

function Decided(props: { request: PublicChangeRequest; given: GivenDecision }) {
  const { request, given } = props;
  const isApproved = given.decision === 'approve';
  return (
    <PublicFrame title="Thank you" width={WIDTH}>
      <Stack gap="sm" align="flex-start">
        <ThemeIcon size={44} radius="xl" variant="light" color={isApproved ? 'teal' : 'red'}>
          {isApproved ? <IconCircleCheck size={26} /> : <IconCircleX size={26} />}
        </ThemeIcon>
        <Text>
          {request.mspName} has your decision, {given.name}: you {isApproved ? 'approved' : 'rejected'}{' '}
          {crNumber(request)}, “{request.title}”, for {request.clientName}.
        </Text>
        <Text size="sm">
          {isApproved
            ? `The change goes ahead in its window once ${request.mspName} has approved it as well, if it has not already.`
            : 'The change will not go ahead as planned.'}
        </Text>
        <Text size="sm" c="dimmed">
          You can close this page. The link has been used and no longer opens.
        </Text>
      </Stack>
    </PublicFrame>
  );
}
