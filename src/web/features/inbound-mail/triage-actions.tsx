// The three ways to place a mail from triage: open a ticket for a client, add it to a ticket as the
// client's reply, or dismiss it (with everything else open from the same sender).
import { Button, Checkbox, Group, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBan, IconTextPlus, IconTicket } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type Priority, priorities } from '../../../shared/api/sla-policies.ts';
import { clientListQuery, contactsQuery } from '../clients/clients-api.ts';
import { priorityLabels } from '../tickets/ticket-labels.ts';
import { type Ticket, ticketListQuery } from '../tickets/tickets-api.ts';
import type { InboundEmailDetail } from './inbound-mail-api.ts';

export type TriageAction =
  | {
      kind: 'create-ticket';
      clientId: string;
      contactId: string | null;
      saveSenderAsContact: boolean;
      title: string;
      priority?: Priority;
    }
  | { kind: 'attach'; ticketId: string; saveSenderAsContact: boolean }
  | { kind: 'dismiss'; allFromSender: boolean };

interface ActionProps {
  mail: InboundEmailDetail;
  isPending: boolean;
  errors: Record<string, string>;
  onAction: (action: TriageAction) => void;
}

/** The ticket the mail names: the one the server matched, else a "[#1042]" in its subject. */
function namedTicket(mail: InboundEmailDetail): string {
  if (mail.ticketNumber) return String(mail.ticketNumber);
  return /\[#(\d+)\]/.exec(mail.subject)?.[1] ?? '';
}

export function TriageActions(props: ActionProps) {
  // A mail that answers a ticket most likely belongs on it.
  const isReply = props.mail.reason === 'sender_not_on_ticket' || namedTicket(props.mail) !== '';
  return (
    <Tabs defaultValue={isReply ? 'attach' : 'create'} keepMounted={false} variant="outline">
      <Tabs.List>
        <Tabs.Tab value="create" leftSection={<IconTicket size={14} />}>
          Create ticket
        </Tabs.Tab>
        <Tabs.Tab value="attach" leftSection={<IconTextPlus size={14} />}>
          Add to ticket
        </Tabs.Tab>
        <Tabs.Tab value="dismiss" leftSection={<IconBan size={14} />}>
          Dismiss
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="create" pt="sm">
        <CreateTicketForm {...props} />
      </Tabs.Panel>
      <Tabs.Panel value="attach" pt="sm">
        <AttachForm {...props} />
      </Tabs.Panel>
      <Tabs.Panel value="dismiss" pt="sm">
        <DismissForm {...props} />
      </Tabs.Panel>
    </Tabs>
  );
}

function CreateTicketForm(props: ActionProps) {
  const { mail, errors } = props;
  const [clientId, setClientId] = useState<string | null>(mail.clientId);
  const [contactId, setContactId] = useState<string | null>(null);
  const [saveSender, setSaveSender] = useState(false);
  const [title, setTitle] = useState(mail.subject.trim() || `Mail from ${mail.fromAddress}`);
  const [priority, setPriority] = useState<Priority | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const clients = useQuery(clientListQuery({ archived: 'false', limit: 500 }));
  const contacts = useQuery({ ...contactsQuery(clientId ?? ''), enabled: Boolean(clientId) });
  const sender = mail.fromAddress.toLowerCase();
  const senderContact = contacts.data?.find((contact) => contact.email?.toLowerCase() === sender);

  function chooseClient(id: string | null) {
    setClientId(id);
    setContactId(null);
    setProblem(null);
  }

  function submit() {
    if (!clientId) {
      setProblem('Pick the client this mail is from');
      return;
    }
    props.onAction({
      kind: 'create-ticket',
      clientId,
      contactId: saveSender ? null : (contactId ?? senderContact?.id ?? null),
      saveSenderAsContact: saveSender,
      title: title.trim(),
      ...(priority ? { priority } : {}),
    });
  }

  return (
    <Stack gap="sm">
      <Select
        label="Client"
        placeholder={clients.isPending ? 'Loading clients…' : 'Search clients'}
        searchable
        withAsterisk
        nothingFoundMessage="No client by that name"
        data={(clients.data?.items ?? []).map((client) => ({ value: client.id, label: client.name }))}
        value={clientId}
        error={problem ?? errors.clientId}
        onChange={chooseClient}
      />
      <Select
        label="Contact"
        placeholder={clientId ? 'Who sent it (optional)' : 'Pick the client first'}
        searchable
        clearable
        disabled={!clientId || saveSender}
        nothingFoundMessage="No contact by that name"
        data={(contacts.data ?? []).map((contact) => ({
          value: contact.id,
          label: contact.email ? `${contact.name} · ${contact.email}` : contact.name,
        }))}
        value={saveSender ? null : (contactId ?? senderContact?.id ?? null)}
        error={errors.contactId}
        onChange={setContactId}
      />
      <Checkbox
        label={`Add the sender (${mail.fromAddress}) as a new contact`}
        description="Their next mail then opens tickets by itself."
        disabled={!clientId || Boolean(senderContact)}
        checked={saveSender}
        onChange={(event) => setSaveSender(event.currentTarget.checked)}
      />
      <TextInput
        label="Title"
        maxLength={300}
        value={title}
        error={errors.title}
        onChange={(event) => setTitle(event.currentTarget.value)}
      />
      <Select
        label="Priority"
        placeholder="The mailbox's default"
        clearable
        data={priorities.map((p) => ({ value: p, label: `${p} · ${priorityLabels[p]}` }))}
        value={priority}
        error={errors.priority}
        onChange={(value) => setPriority(value as Priority | null)}
      />
      <Group justify="flex-end">
        <Button loading={props.isPending} onClick={submit} disabled={!title.trim()}>
          Create ticket
        </Button>
      </Group>
    </Stack>
  );
}

const ticketLabel = (ticket: Ticket) => `#${ticket.number} · ${ticket.title} · ${ticket.clientName}`;

function AttachForm(props: ActionProps) {
  const { mail, errors } = props;
  const [search, setSearch] = useState(() => namedTicket(mail));
  const [typed, setTyped] = useState(search);
  const [q] = useDebouncedValue(typed.replace(/^#/, '').trim(), 250);
  const [chosen, setChosen] = useState<Ticket | null>(null);
  const [saveSender, setSaveSender] = useState(false);
  const tickets = useQuery(ticketListQuery({ q: q || undefined, sort: 'updated', limit: 20 }));
  const found = tickets.data?.items ?? [];
  // The chosen ticket stays an option while the list shows another search.
  const listed = chosen && !found.some((ticket) => ticket.id === chosen.id) ? [chosen, ...found] : found;
  const named = namedTicket(mail);

  // The ticket the mail names is chosen as soon as the search finds it (once: a cleared choice stays clear).
  const [isPreselected, setPreselected] = useState(false);
  useEffect(() => {
    if (isPreselected || !named) return;
    const match = found.find((ticket) => String(ticket.number) === named);
    if (match) {
      setChosen(match);
      setSearch(ticketLabel(match));
      setPreselected(true);
    }
  }, [found, named, isPreselected]);

  return (
    <Stack gap="sm">
      <Select
        label="Ticket"
        description="Search by number or title; the mail is added as the client's reply."
        placeholder="#1042 or words from the title"
        searchable
        withAsterisk
        // The API searched already; show what it found.
        filter={({ options }) => options}
        searchValue={search}
        onSearchChange={(value) => {
          setSearch(value);
          // Picking an option writes its label into the box: that is not a new search.
          if (!chosen || value !== ticketLabel(chosen)) setTyped(value);
        }}
        nothingFoundMessage={
          tickets.isFetching || typed.replace(/^#/, '').trim() !== q ? 'Searching…' : 'No ticket found'
        }
        data={listed.map((ticket) => ({ value: ticket.id, label: ticketLabel(ticket) }))}
        value={chosen?.id ?? null}
        error={errors.ticketId}
        onChange={(id) => setChosen(listed.find((ticket) => ticket.id === id) ?? null)}
      />
      <Checkbox
        label={`Save the sender (${mail.fromAddress}) as a contact of ${chosen?.clientName ?? "the ticket's client"}`}
        checked={saveSender}
        onChange={(event) => setSaveSender(event.currentTarget.checked)}
      />
      <Group justify="flex-end">
        <Button
          loading={props.isPending}
          disabled={!chosen}
          onClick={() =>
            chosen && props.onAction({ kind: 'attach', ticketId: chosen.id, saveSenderAsContact: saveSender })
          }
        >
          Add to ticket
        </Button>
      </Group>
    </Stack>
  );
}

function DismissForm(props: ActionProps) {
  const [allFromSender, setAllFromSender] = useState(false);
  return (
    <Stack gap="sm">
      <Text fz="sm" c="dimmed">
        Takes the mail off the triage list; it stays in the log of received mail.
      </Text>
      <Checkbox
        label={`Also dismiss all open mail from ${props.mail.fromAddress}`}
        checked={allFromSender}
        onChange={(event) => setAllFromSender(event.currentTarget.checked)}
      />
      <Group justify="flex-end">
        <Button
          color="red"
          variant="light"
          loading={props.isPending}
          onClick={() => props.onAction({ kind: 'dismiss', allFromSender })}
        >
          Dismiss
        </Button>
      </Group>
    </Stack>
  );
}
