// The client portal's first page: the open tickets, those waiting on the company's answer and the changes
// waiting for its approval, each with a way to them; the work the MSP began unasked (when it shows the
// company its covered work); and raising a ticket.
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconChecklist, IconDownload, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { formatDate, formatMinutes } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { clientPortalOverviewQuery, type PortalOverview } from './portal-api.ts';
import { portalExportUrl } from './portal-remediation-api.ts';
import { RaiseTicketModal } from './raise-ticket-modal.tsx';

export function ClientPortalOverviewPage() {
  const overview = useQuery(clientPortalOverviewQuery);
  const navigate = useNavigate();
  const [isRaising, setRaising] = useState(false);

  if (overview.isPending) return <PageSkeleton />;
  if (overview.isError) return <Text c="red">{overview.error.message}</Text>;
  const data = overview.data;
  // "Dr. Maria Alvarez" is greeted as Maria.
  const firstName = data.name.split(/\s+/).find((word) => !word.endsWith('.')) ?? data.name;
  const isAdmin = data.role === 'client_admin';
  const scope = isAdmin ? `${data.clientName}’s` : 'your';

  return (
    <>
      <PageHeader
        title={`Hello, ${firstName}`}
        description={`${data.clientName}’s support from ${data.mspName}`}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setRaising(true)}>
            Raise a ticket
          </Button>
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: isAdmin ? 3 : 2 }} spacing="md">
          <CountCard label="Open tickets" value={data.openTickets}>
            {data.openTickets === 0 ? (
              `None of ${scope} tickets is open.`
            ) : (
              <AnchorLink to="/portal/tickets" size="sm">
                See {scope} open tickets
              </AnchorLink>
            )}
          </CountCard>
          <CountCard label="Waiting on you" value={data.awaitingYou}>
            {data.awaitingYou === 0 ? (
              `${data.mspName} is not waiting for an answer.`
            ) : (
              <AnchorLink to="/portal/tickets" search={{ state: 'waiting' }} size="sm">
                {data.awaitingYou === 1 ? 'A ticket needs' : 'Tickets need'} your answer
              </AnchorLink>
            )}
          </CountCard>
          {isAdmin && (
            <CountCard label="Approvals waiting" value={data.approvalsWaiting}>
              {data.approvalsWaiting === 0 ? (
                'No vendor change waits for your approval.'
              ) : (
                <AnchorLink to="/portal/approvals" size="sm">
                  Review the {data.approvalsWaiting === 1 ? 'change' : 'changes'}
                </AnchorLink>
              )}
            </CountCard>
          )}
        </SimpleGrid>
        {data.proactiveWork && <ProactiveWork work={data.proactiveWork} mspName={data.mspName} />}
        {data.approvalsWaiting > 0 && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconChecklist size={18} />}
            title="Your approval is asked"
          >
            {data.approvalsWaiting === 1
              ? 'A vendor asks to change your systems.'
              : `${data.approvalsWaiting} vendor changes wait for your approval.`}{' '}
            {data.mspName} lets them go ahead only once {data.clientName} has approved.{' '}
            <AnchorLink to="/portal/approvals" size="sm" fw={600}>
              Review and decide
            </AnchorLink>
          </Alert>
        )}
        <Paper withBorder p="md" component="section" aria-labelledby="portal-help">
          {isAdmin ? <AdminHelp mspName={data.mspName} /> : <UserHelp mspName={data.mspName} />}
        </Paper>
      </Stack>
      <RaiseTicketModal
        opened={isRaising}
        onClose={() => setRaising(false)}
        mspName={data.mspName}
        onRaised={(ticket) => navigate({ to: '/portal/tickets/$ticketId', params: { ticketId: ticket.id } })}
      />
    </>
  );
}

function UserHelp(props: { mspName: string }) {
  return (
    <>
      <Title order={2} fz="h4" id="portal-help" mb={4}>
        What you can do here
      </Title>
      <Text size="sm" c="dimmed">
        Raise a ticket when something does not work, and follow{' '}
        <AnchorLink to="/portal/tickets" size="sm">
          your tickets
        </AnchorLink>{' '}
        and the conversation with {props.mspName}. Each shows by when {props.mspName} aims to answer and to
        resolve it.
      </Text>
    </>
  );
}

function AdminHelp(props: { mspName: string }) {
  return (
    <>
      <Title order={2} fz="h4" id="portal-help" mb={4}>
        What you can do here
      </Title>
      <Text size="sm" c="dimmed">
        Raise a ticket and follow the conversation with {props.mspName};{' '}
        <AnchorLink to="/portal/agreements" size="sm">
          read your agreements
        </AnchorLink>{' '}
        and how the promised response times were kept each month; download{' '}
        <AnchorLink to="/portal/invoices" size="sm">
          your invoices
        </AnchorLink>
        ; approve or reject your vendors’ changes; see{' '}
        <AnchorLink to="/portal/vendors" size="sm">
          how your vendors work with {props.mspName}
        </AnchorLink>
        ; and, when the service is not what was agreed,{' '}
        <AnchorLink to="/portal/plans" size="sm">
          raise a concern as a formal plan
        </AnchorLink>
        .
      </Text>
      <Group gap="xs" mt="sm">
        <Text size="sm" c="dimmed">
          Your data is yours:
        </Text>
        <Anchor href={portalExportUrl} size="sm" fw={500}>
          <Group gap={4} wrap="nowrap" component="span">
            <IconDownload size={14} /> Download all your data
          </Group>
        </Anchor>
      </Group>
    </>
  );
}

/** What the MSP did without being asked, over the last 30 days: "how do I know you're working for me?". */
function ProactiveWork(props: { work: NonNullable<PortalOverview['proactiveWork']>; mspName: string }) {
  const { work } = props;
  const since = formatDate(work.since.slice(0, 10));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="portal-proactive">
      <Title order={2} fz="h4" id="portal-proactive" mb={2}>
        Work done without you asking
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Over the last 30 days, since {since}: what the monitoring caught and the changes {props.mspName}{' '}
        planned, before anyone had to call.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Stat label="Alerts caught" value={String(work.alertsCaught)}>
          {work.alertsCaught === 0
            ? 'The monitoring raised no alert.'
            : `${work.alertsResolved} of them resolved`}
        </Stat>
        <Stat label="Time on those alerts" value={formatMinutes(work.alertMinutes, '0 h')}>
          The technicians’ time spent on them
        </Stat>
        <Stat label="Planned changes made" value={String(work.changesMade)}>
          In windows agreed beforehand
        </Stat>
      </SimpleGrid>
    </Paper>
  );
}

function Stat(props: { label: string; value: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {props.label}
      </Text>
      <Text fz={22} fw={700} className="tabular" lh={1.3}>
        {props.value}
      </Text>
      <Text size="sm" c="dimmed">
        {props.children}
      </Text>
    </div>
  );
}

function CountCard(props: { label: string; value: number; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={props.label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {props.label}
      </Text>
      <Text fz={30} fw={700} className="tabular" lh={1.3}>
        {props.value}
      </Text>
      <Text size="sm" c="dimmed" component="div">
        {props.children}
      </Text>
    </Paper>
  );
}
