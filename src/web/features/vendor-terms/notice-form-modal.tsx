// Give a client notice about a vendor: which vendor, the tickets that show its changes outside approved
// windows, and the letter. Says plainly, before the user confirms, what the notice does to billing.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Input,
  Modal,
  ScrollArea,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { defaultVendorNoticeText } from '../../../shared/vendor-letter-text.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { useSession } from '../auth/session.ts';
import { type Ticket, ticketListQuery } from '../tickets/tickets-api.ts';
import { engagementsQuery } from '../vendors/vendors-api.ts';
import { evidenceCandidates } from './terms-status.ts';
import { giveVendorNotice, termsKeys } from './vendor-terms-api.ts';

/** The most tickets a notice may cite (the API's limit), and so the most offered. */
const TICKET_LIMIT = 100;

export function NoticeFormModal(props: { opened: boolean; onClose: () => void; clientId: string }) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Give vendor notice" size="xl">
      {props.opened && <NoticeForm clientId={props.clientId} onClose={props.onClose} />}
    </Modal>
  );
}

function NoticeForm(props: { clientId: string; onClose: () => void }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const engagements = useQuery(engagementsQuery({ clientId: props.clientId, archived: 'any' }));
  const tickets = useQuery(
    ticketListQuery({ clientId: props.clientId, sort: 'updated', limit: TICKET_LIMIT }),
  );
  const vendors = [...new Map((engagements.data ?? []).map((e) => [e.vendorId, e.vendorName]))];
  const clientName = engagements.data?.[0]?.clientName ?? '';
  const [vendorId, setVendorId] = useState<string | null>(null);
  // null: the vendor's own tickets, until the user ticks or unticks one.
  const [pickedTicketIds, setPickedTicketIds] = useState<string[] | null>(null);
  const [showOthers, setShowOthers] = useState(false);
  // The letter follows the vendor and the tickets cited until the user writes in it.
  const [editedText, setEditedText] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const chosenVendorId = vendorId ?? (vendors.length === 1 ? vendors[0]![0] : null);
  const vendorName = vendors.find(([id]) => id === chosenVendorId)?.[1] ?? '';
  // The vendor's incidents however old, and the client's recent tickets for the other incidents.
  const vendorTickets = useQuery({
    ...ticketListQuery({
      clientId: props.clientId,
      vendorId: chosenVendorId ?? undefined,
      sort: 'updated',
      limit: TICKET_LIMIT,
    }),
    enabled: chosenVendorId !== null,
  });
  const candidates = chosenVendorId
    ? evidenceCandidates(
        [...(vendorTickets.data?.items ?? []), ...(tickets.data?.items ?? [])],
        chosenVendorId,
      )
    : { attributed: [], otherIncidents: [] };
  const ticketIds = pickedTicketIds ?? candidates.attributed.map((ticket) => ticket.id);
  const text =
    editedText ??
    (chosenVendorId
      ? defaultVendorNoticeText({
          mspName: session.membership.tenantName,
          clientName,
          vendorName,
          incidentCount: ticketIds.length,
          minutes: 0,
        })
      : '');

  const give = useMutation({
    mutationFn: () =>
      giveVendorNotice({ clientId: props.clientId, vendorId: chosenVendorId!, text: text.trim(), ticketIds }),
    onSuccess: async (notice) => {
      await queryClient.invalidateQueries({ queryKey: termsKeys.all });
      notifySuccess(`Notice about ${notice.vendorName} given to ${notice.clientName}`);
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not give the notice');
    },
  });

  function chooseVendor(id: string | null) {
    setVendorId(id);
    setPickedTicketIds(null);
    setErrors({});
  }

  function toggleTicket(id: string, isChecked: boolean) {
    setPickedTicketIds(isChecked ? [...ticketIds, id] : ticketIds.filter((other) => other !== id));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!chosenVendorId) problems.vendorId = 'Choose the vendor the notice is about';
    if (!text.trim()) problems.text = 'Write the letter';
    if (Object.keys(problems).length > 0) return setErrors(problems);
    give.mutate();
  }

  const listed = showOthers
    ? [...candidates.attributed, ...candidates.otherIncidents]
    : candidates.attributed;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title="What this notice does"
        >
          From the moment you give it, time logged as vendor-caused on {vendorName || 'the vendor'}’s incident
          tickets at {clientName || 'this client'} is billable under an agreement whose vendor clause is
          graduated. Time already worked is not affected. A notice given by mistake can be withdrawn, with a
          reason.
        </Alert>
        <Select
          label="Vendor"
          required
          placeholder={vendors.length === 0 ? 'No vendor is engaged at this client' : 'Choose a vendor'}
          data={vendors.map(([value, label]) => ({ value, label }))}
          value={chosenVendorId}
          error={errors.vendorId}
          onChange={chooseVendor}
        />
        <Input.Wrapper
          label="Evidence"
          description={`The tickets the letter cites. ${vendorName || 'The vendor'}’s incidents at ${clientName || 'the client'} are ticked to start with.`}
          error={errors.ticketIds}
        >
          <Stack gap={6} mt={6}>
            <EvidenceList
              tickets={listed}
              isLoading={tickets.isPending}
              vendorId={chosenVendorId}
              selected={ticketIds}
              onToggle={toggleTicket}
            />
            <Switch
              size="xs"
              label="Also show the client’s other incidents"
              checked={showOthers}
              disabled={!chosenVendorId}
              onChange={(event) => setShowOthers(event.currentTarget.checked)}
            />
          </Stack>
        </Input.Wrapper>
        <Textarea
          label="Letter"
          description="Starts from the standard wording; edit it as you see fit"
          required
          autosize
          minRows={6}
          maxRows={12}
          disabled={!chosenVendorId}
          value={text}
          error={errors.text}
          onChange={(event) => {
            setEditedText(event.currentTarget.value);
            setErrors(({ text: _, ...rest }) => rest);
          }}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={give.isPending} disabled={vendors.length === 0}>
            Give notice
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EvidenceList(props: {
  tickets: Ticket[];
  isLoading: boolean;
  vendorId: string | null;
  selected: string[];
  onToggle: (id: string, isChecked: boolean) => void;
}) {
  if (!props.vendorId || props.isLoading || props.tickets.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="xs">
        {!props.vendorId
          ? 'Choose the vendor first.'
          : props.isLoading
            ? 'Loading the client’s tickets…'
            : 'No tickets to cite. You can still give the notice, or show the client’s other incidents.'}
      </Text>
    );
  }
  return (
    <ScrollArea.Autosize mah={200} type="auto" offsetScrollbars>
      <Stack gap={6} role="group" aria-label="Evidence tickets">
        {props.tickets.map((ticket) => (
          <Checkbox
            key={ticket.id}
            checked={props.selected.includes(ticket.id)}
            onChange={(event) => props.onToggle(ticket.id, event.currentTarget.checked)}
            label={`#${ticket.number} ${ticket.title}`}
            description={
              ticket.vendorId === props.vendorId
                ? undefined
                : ticket.vendorId
                  ? 'Attributed to another vendor'
                  : 'Not attributed to a vendor'
            }
          />
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}
