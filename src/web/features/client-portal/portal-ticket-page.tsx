// One of the company's tickets: where it stands and its targets, what was asked, the public conversation
// with the MSP (its people, you, your colleagues told apart) and a reply box that keeps what was typed.
import { Alert, Button, Grid, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconMessageQuestion, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { BackLink, ButtonLink } from '../../ui/links.tsx';
import { RecordPageFallback } from '../../ui/not-found.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import {
  clientPortalKeys,
  clientPortalOverviewQuery,
  type PortalTicketDetail,
  portalTicketQuery,
  replyOnPortalTicket,
} from './portal-api.ts';
import { PortalConversation } from './portal-conversation.tsx';
import { BEST_EFFORT_HINT, PortalPriority, PortalStatusBadge, PortalTargets } from './ticket-badges.tsx';

const route = getRouteApi('/portal/tickets/$ticketId');

export function PortalTicketPage() {
  const { ticketId } = route.useParams();
  const ticket = useQuery(portalTicketQuery(ticketId));
  if (!ticket.isSuccess)
    return (
      <RecordPageFallback
        query={ticket}
        notFoundTitle="Ticket not found"
        notFoundMessage="This ticket does not exist, or it is not one you can see."
        notFoundAction={
          <ButtonLink to="/portal/tickets" variant="default">
            Back to tickets
          </ButtonLink>
        }
        failedTitle="Could not load the ticket"
      />
    );
  return <TicketView ticket={ticket.data} />;
}

function TicketView(props: { ticket: PortalTicketDetail }) {
  const { ticket } = props;
  const overview = useQuery(clientPortalOverviewQuery);
  const mspName = overview.data?.mspName ?? 'Your IT provider';
  const raisedBy = ticket.isYours ? 'you' : (ticket.contactName ?? 'a colleague');

  return (
    <>
      <PageHeader
        eyebrow={<BackLink link={{ to: '/portal/tickets' }}>Tickets</BackLink>}
        title={ticket.title}
        description={`#${ticket.number} · raised by ${raisedBy} on ${formatDateTime(ticket.openedAt, browserTimeZone())}`}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-label="What was asked">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3} mb={4}>
                What was asked
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {ticket.description.trim() || 'No details were given.'}
              </Text>
            </Paper>
            <section aria-labelledby="conversation">
              <Title order={2} fz="h4" id="conversation" mb="xs">
                Conversation
              </Title>
              <PortalConversation
                messages={ticket.messages}
                mspName={mspName}
                clientName={overview.data?.clientName ?? null}
              />
            </section>
            <ReplyForm ticket={ticket} mspName={mspName} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Paper withBorder p="md" component="aside" aria-label="Where it stands">
            <Stack gap="sm">
              <Fact label="Status">
                <PortalStatusBadge status={ticket.status} />
              </Fact>
              <Fact label="Priority">
                <PortalPriority priority={ticket.priority} />
              </Fact>
              <Fact label="Targets">
                <PortalTargets ticket={ticket} />
                {ticket.basis === 'best_effort' && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {BEST_EFFORT_HINT}
                  </Text>
                )}
              </Fact>
              {ticket.resolvedAt && (
                <Fact label="Resolved">{formatDateTime(ticket.resolvedAt, browserTimeZone(), true)}</Fact>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {props.label}
      </Text>
      <Text size="sm" component="div">
        {props.children}
      </Text>
    </Stack>
  );
}

function ReplyForm(props: { ticket: PortalTicketDetail; mspName: string }) {
  const { ticket } = props;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [body, setBody] = useState('');
  const isDone = ticket.status === 'resolved' || ticket.status === 'closed';
  const [error, setError] = useState<string | null>(null);
  const reply = useMutation({
    mutationFn: () => replyOnPortalTicket(ticket.id, body.trim()),
    onSuccess: async (updated) => {
      queryClient.setQueryData(clientPortalKeys.ticket(updated.id), updated);
      setBody('');
      await queryClient.invalidateQueries({ queryKey: clientPortalKeys.all });
      // Long after it was resolved, a reply opens a new ticket linked to this one: go where it is answered.
      if (updated.id !== ticket.id) {
        notifySuccess(`Your reply opened ticket #${updated.number}`);
        await navigate({ to: '/portal/tickets/$ticketId', params: { ticketId: updated.id } });
      } else {
        notifySuccess(isDone ? 'Reply sent: the ticket is open again' : 'Reply sent');
      }
    },
    onError: (failure) => {
      if (failure instanceof ApiError) setError(failure.fieldErrors.body ?? null);
      notifyError(failure, 'Could not send the reply');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return setError('Write your reply');
    reply.mutate();
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Reply">
      <Stack gap="xs">
        {ticket.status === 'pending_client' && (
          <Alert color="orange" variant="light" icon={<IconMessageQuestion size={18} />}>
            {props.mspName} is waiting for your answer; the resolution target is paused until you reply.
          </Alert>
        )}
        <Textarea
          label="Your reply"
          description={
            isDone
              ? `Not fixed after all? Replying reopens the ticket (or, a while after it was resolved, opens a new one linked to it).`
              : `${props.mspName} sees it on the ticket`
          }
          autosize
          minRows={3}
          maxRows={14}
          value={body}
          error={error}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            setError(null);
          }}
        />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconSend size={16} />} loading={reply.isPending}>
            Send reply
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
