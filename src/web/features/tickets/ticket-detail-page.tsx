// One ticket: the timeline with the composer on the left, the side panel (status, people, SLA clocks,
// time) on the right, and the time entries in their own tab. A ticket outside the user's client scope
// answers 404 like a missing one and shows the same not-found page.
import { Badge, Box, Button, Grid, Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowLeft, IconClockPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { formatMinutes } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { useCan, useSession } from '../auth/session.ts';
import { TicketComposer } from './ticket-composer.tsx';
import { priorityColors, statusColors, statusLabels } from './ticket-labels.ts';
import { TicketSidePanel } from './ticket-side-panel.tsx';
import { TicketTimeline } from './ticket-timeline.tsx';
import { TicketTitle } from './ticket-title.tsx';
import { assigneesQuery, boardsQuery, ticketQuery, timeEntriesQuery } from './tickets-api.ts';
import { TimeEntries } from './time-entries.tsx';
import { type TimeEntryDraft, TimeEntryFormModal } from './time-entry-form.tsx';
import { useTicketTimer } from './timer.ts';

const route = getRouteApi('/app/tickets/$ticketId');

type LogForm = { draft?: TimeEntryDraft; fromTimer: boolean } | null;

export function TicketDetailPage() {
  const { ticketId } = route.useParams();
  const session = useSession();
  const can = useCan();
  const ticket = useQuery(ticketQuery(ticketId));
  const time = useQuery(timeEntriesQuery(ticketId));
  const assignees = useQuery({ ...assigneesQuery, enabled: can('tickets.work') });
  const boards = useQuery(boardsQuery);
  const timer = useTicketTimer(session.membership.id, ticketId);
  const [tab, setTab] = useState<string | null>('timeline');
  const [logForm, setLogForm] = useState<LogForm>(null);

  if (ticket.isPending) return <TicketSkeleton />;
  if (ticket.isError) {
    if (isApiError(ticket.error, 404) || isApiError(ticket.error, 400)) {
      return (
        <NotFoundPage
          title="Ticket not found"
          message="This ticket does not exist, or it belongs to a client you do not have access to."
          action={
            <ButtonLink to="/tickets" variant="default">
              Back to tickets
            </ButtonLink>
          }
        />
      );
    }
    return <NotFoundPage title="Could not load the ticket" message={ticket.error.message} />;
  }
  const data = ticket.data;
  const canWork = can('tickets.work');
  const names = {
    person: (id: unknown) =>
      assignees.data?.find((person) => person.id === id)?.name ??
      (id === data.assigneeId ? (data.assigneeName ?? 'a colleague') : 'a colleague'),
    board: (id: unknown) => boards.data?.find((board) => board.id === id)?.name ?? 'other',
  };
  const logButton = canWork && (
    <Button leftSection={<IconClockPlus size={16} />} onClick={() => setLogForm({ fromTimer: false })}>
      Log time
    </Button>
  );

  return (
    <>
      <Stack gap={4} mb="md">
        <AnchorLink to="/tickets" size="sm" c="dimmed">
          <Group gap={4} wrap="nowrap">
            <IconArrowLeft size={14} /> Tickets
          </Group>
        </AnchorLink>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Box miw={0} style={{ flex: 1 }}>
            <TicketTitle ticket={data} canEdit={canWork} />
          </Box>
          {logButton}
        </Group>
        <Group gap="xs">
          <Badge variant="light" color={statusColors[data.status]}>
            {statusLabels[data.status]}
          </Badge>
          <Badge variant="outline" color={priorityColors[data.priority]}>
            {data.priority}
          </Badge>
          <Text size="sm" c="dimmed">
            {data.clientName} · {data.boardName} board · opened
          </Text>
          <RelativeTime value={data.openedAt} />
          {data.assigneeName && (
            <Text size="sm" c="dimmed">
              · {data.assigneeName}
            </Text>
          )}
        </Group>
      </Stack>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="timeline">Timeline</Tabs.Tab>
              <Tabs.Tab
                value="time"
                rightSection={
                  time.data && time.data.totalMinutes > 0 ? (
                    <Badge size="xs" variant="light" color="gray" className="tabular">
                      {formatMinutes(time.data.totalMinutes)}
                    </Badge>
                  ) : undefined
                }
              >
                Time
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="timeline">
              <Stack gap="md">
                <TicketTimeline ticket={data} names={names} />
                {canWork && <TicketComposer ticketId={data.id} />}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="time">
              <TimeEntries ticketId={data.id} logButton={logButton} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TicketSidePanel
            ticket={data}
            timer={timer}
            onTimerStop={(draft) => setLogForm({ draft, fromTimer: true })}
            onLogTime={() => setLogForm({ fromTimer: false })}
          />
        </Grid.Col>
      </Grid>

      <TimeEntryFormModal
        opened={logForm !== null}
        onClose={() => setLogForm(null)}
        ticketId={data.id}
        draft={logForm?.draft}
        onSaved={() => {
          // The timer's time is now an entry; a cancelled form leaves the timer paused to log later.
          if (logForm?.fromTimer) timer.discard();
        }}
      />
    </>
  );
}

function TicketSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading">
      <Skeleton height={12} width={80} />
      <Skeleton height={26} width={420} />
      <Skeleton height={14} width={300} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            <Skeleton height={28} width={200} />
            <Skeleton height={90} />
            <Skeleton height={16} width="60%" />
            <Skeleton height={90} />
            <Skeleton height={120} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="sm">
            <Skeleton height={260} />
            <Skeleton height={160} />
            <Skeleton height={90} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
