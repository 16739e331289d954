// Put an asset on coverage hold: the vendor whose changes it answers, why, the incidents to cite (the asset's
// tickets, the vendor's own ticked to start with) and what lifts it by itself. Says plainly, before the user
// confirms, what the hold does to billing.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Input,
  Modal,
  NumberInput,
  ScrollArea,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { IconAlertTriangle, IconShieldPause } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { AssetTicket } from '../../../shared/api/inventory.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { useCan } from '../auth/session.ts';
import { ticketListQuery } from '../tickets/tickets-api.ts';
import { engagementsQuery } from '../vendors/vendors-api.ts';
import { billingEffectText } from './coverage-hold-text.ts';
import {
  assetTicketsForHoldQuery,
  holdKeys,
  placeCoverageHold,
  useAssetHolds,
} from './coverage-holds-api.ts';

/** The most tickets a hold may cite (the API's limit), and the most of the vendor's tickets read. */
const TICKET_LIMIT = 100;
const VENDOR_TICKETS = 200;

export interface HoldAsset {
  id: string;
  name: string;
  clientId: string;
  clientName: string;
}

/** The header's "Put on coverage hold" for those who manage vendors, while the asset has no active hold. */
export function PutOnHoldAction(props: { asset: HoldAsset }) {
  const can = useCan();
  const holds = useAssetHolds(props.asset.id);
  const [isOpen, setOpen] = useState(false);
  if (!can('vendors.manage') || !holds.data || holds.data.active) return null;
  return (
    <>
      <Button variant="default" leftSection={<IconShieldPause size={15} />} onClick={() => setOpen(true)}>
        Put on coverage hold
      </Button>
      <CoverageHoldDialog opened={isOpen} onClose={() => setOpen(false)} asset={props.asset} />
    </>
  );
}

export function CoverageHoldDialog(props: { opened: boolean; onClose: () => void; asset: HoldAsset }) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Put on coverage hold" size="lg">
      {props.opened && <HoldForm asset={props.asset} onClose={props.onClose} />}
    </Modal>
  );
}

function HoldForm(props: { asset: HoldAsset; onClose: () => void }) {
  const { asset } = props;
  const queryClient = useQueryClient();
  const engagements = useQuery(engagementsQuery({ clientId: asset.clientId }));
  const assetTickets = useQuery(assetTicketsForHoldQuery(asset.id));
  const vendors = [...new Map((engagements.data ?? []).map((e) => [e.vendorId, e.vendorName]))];

  const [vendorId, setVendorId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  // null: the vendor's own tickets, until the user ticks or unticks one.
  const [pickedTicketIds, setPickedTicketIds] = useState<string[] | null>(null);
  const [loaSigned, setLoaSigned] = useState(true);
  const [rulesAcknowledged, setRulesAcknowledged] = useState(true);
  const [cleanDays, setCleanDays] = useState<number | string>(30);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const chosenVendorId = vendorId ?? (vendors.length === 1 ? vendors[0]![0] : null);
  const vendorName = vendors.find(([id]) => id === chosenVendorId)?.[1] ?? null;
  // The asset's tickets say nothing of a vendor; the client's tickets filtered by the vendor do.
  const vendorTickets = useQuery({
    ...ticketListQuery({ clientId: asset.clientId, vendorId: chosenVendorId ?? '', limit: VENDOR_TICKETS }),
    enabled: chosenVendorId !== null,
  });
  // Another vendor's list, kept while this one loads, must not tick anything.
  const isCurrent = chosenVendorId !== null && !vendorTickets.isPlaceholderData;
  const vendorTicketIds = new Set(isCurrent ? (vendorTickets.data?.items ?? []).map((t) => t.id) : []);
  const tickets = (assetTickets.data?.items ?? []).slice(0, TICKET_LIMIT);
  const ticketIds =
    pickedTicketIds ?? tickets.filter((ticket) => vendorTicketIds.has(ticket.id)).map((ticket) => ticket.id);
  const conditions = {
    loaSigned,
    rulesAcknowledged,
    cleanDays: typeof cleanDays === 'number' ? cleanDays : 0,
  };

  const place = useMutation({
    mutationFn: () =>
      placeCoverageHold({
        assetId: asset.id,
        vendorId: chosenVendorId!,
        reason: reason.trim(),
        ticketIds,
        conditions,
      }),
    onSuccess: async (hold) => {
      await queryClient.invalidateQueries({ queryKey: holdKeys.all });
      notifySuccess(`${hold.assetName} is on coverage hold`);
      props.onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not put the asset on hold');
      // Someone else placed one meanwhile: the page shows it behind the dialog.
      if (error instanceof ApiError && error.code === 'coverage_hold.exists') {
        await queryClient.invalidateQueries({ queryKey: holdKeys.all });
      }
    },
  });

  function chooseVendor(id: string | null) {
    setVendorId(id);
    setPickedTicketIds(null);
    setErrors(({ vendorId: _, ...rest }) => rest);
  }

  function toggleTicket(id: string, isChecked: boolean) {
    setPickedTicketIds(isChecked ? [...ticketIds, id] : ticketIds.filter((other) => other !== id));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!chosenVendorId) problems.vendorId = 'Choose the vendor whose changes the hold answers';
    if (!reason.trim()) problems.reason = 'Say why the asset comes off managed service';
    if (typeof cleanDays !== 'number' || cleanDays < 0 || cleanDays > 365) {
      problems['conditions.cleanDays'] = 'Between 0 and 365 days';
    }
    if (Object.keys(problems).length > 0) return setErrors(problems);
    place.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label="Vendor"
          required
          placeholder={
            engagements.isPending
              ? 'Loading the client’s vendors…'
              : vendors.length === 0
                ? 'No vendor is engaged at this client'
                : 'Choose a vendor'
          }
          data={vendors.map(([value, label]) => ({ value, label }))}
          value={chosenVendorId}
          error={errors.vendorId}
          onChange={chooseVendor}
        />
        <Textarea
          label="Reason"
          description="Printed as written in the letter to the client: say what the records show"
          required
          autosize
          minRows={3}
          maxRows={8}
          value={reason}
          error={errors.reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setErrors(({ reason: _, ...rest }) => rest);
          }}
        />
        <Input.Wrapper
          label="Incidents to cite"
          description={`The tickets about ${asset.name}. Those attributed to ${vendorName ?? 'the vendor'} are ticked to start with.`}
          error={errors.ticketIds}
        >
          <IncidentList
            tickets={tickets}
            isLoading={assetTickets.isPending}
            vendorName={vendorName}
            vendorTicketIds={vendorTicketIds}
            selected={ticketIds}
            onToggle={toggleTicket}
          />
        </Input.Wrapper>
        <Input.Wrapper
          label="Lifts itself when"
          description="All the conditions ticked are met. With none, the hold stays until lifted by hand."
        >
          <Stack gap={8} mt={8}>
            <Checkbox
              label={`${vendorName ?? 'The vendor'} holds a signed Letter of Agency`}
              checked={loaSigned}
              onChange={(event) => setLoaSigned(event.currentTarget.checked)}
            />
            <Checkbox
              label={`${vendorName ?? 'The vendor'} has acknowledged the rules of engagement`}
              checked={rulesAcknowledged}
              onChange={(event) => setRulesAcknowledged(event.currentTarget.checked)}
            />
            <NumberInput
              label="Clean days"
              description={`Days without changes outside an approved window on ${asset.name}; 0 for none`}
              min={0}
              max={365}
              allowDecimal={false}
              allowNegative={false}
              w={440}
              value={cleanDays}
              error={errors['conditions.cleanDays']}
              onChange={(value) => {
                setCleanDays(value);
                setErrors(({ 'conditions.cleanDays': _, ...rest }) => rest);
              }}
            />
          </Stack>
        </Input.Wrapper>
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title="What the hold does"
        >
          {billingEffectText({ assetName: asset.name, clientName: asset.clientName, vendorName, conditions })}
        </Alert>
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" color="orange" loading={place.isPending} disabled={vendors.length === 0}>
            Put on hold
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function IncidentList(props: {
  tickets: AssetTicket[];
  isLoading: boolean;
  vendorName: string | null;
  /** The tickets attributed to the chosen vendor. */
  vendorTicketIds: Set<string>;
  selected: string[];
  onToggle: (id: string, isChecked: boolean) => void;
}) {
  if (props.isLoading || props.tickets.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="xs">
        {props.isLoading
          ? 'Loading the asset’s tickets…'
          : 'No tickets about this asset. You can still put it on hold; the letter then cites none.'}
      </Text>
    );
  }
  return (
    <ScrollArea.Autosize mah={180} type="auto" offsetScrollbars mt={6}>
      <Stack gap={6} role="group" aria-label="Incidents to cite">
        {props.tickets.map((ticket) => (
          <Checkbox
            key={ticket.id}
            checked={props.selected.includes(ticket.id)}
            onChange={(event) => props.onToggle(ticket.id, event.currentTarget.checked)}
            label={`#${ticket.number} ${ticket.title}`}
            description={
              props.vendorName && props.vendorTicketIds.has(ticket.id)
                ? `Attributed to ${props.vendorName}`
                : undefined
            }
          />
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}
