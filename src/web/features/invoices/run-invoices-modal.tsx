// Runs a month's invoices for every client or chosen ones, then shows what happened to each client with
// links to the drafts. Each client is built on its own on the server, so one failure does not stop the rest.
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { InvoiceRunOutcome } from '../../../shared/api/invoices.ts';
import { ApiError } from '../../api/client.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError } from '../../ui/notify.tsx';
import { useCan } from '../auth/session.ts';
import { clientListQuery } from '../clients/clients-api.ts';
import { billingWindow, HeadCell, money, monthInWords } from './invoice-display.tsx';
import { type InvoiceRunResult, invoiceKeys, invoiceListQuery, runInvoices } from './invoices-api.ts';
import { MonthPicker } from './month-picker.tsx';

const outcomes: Record<InvoiceRunOutcome, { label: string; count: string; color: string }> = {
  created: { label: 'Draft created', count: 'created', color: 'teal' },
  rebuilt: { label: 'Draft rebuilt', count: 'rebuilt', color: 'blue' },
  already_finalized: { label: 'Already finalized', count: 'already finalized', color: 'gray' },
  nothing_to_bill: { label: 'Nothing to bill', count: 'with nothing to bill', color: 'gray' },
  failed: { label: 'Failed', count: 'failed', color: 'red' },
};

export function RunInvoicesModal(props: {
  opened: boolean;
  onClose: () => void;
  period: string;
  /** After a run, the page shows the month that was run. */
  onRan: (period: string) => void;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Run invoices" size="lg">
      {props.opened && <RunInvoices {...props} />}
    </Modal>
  );
}

function RunInvoices(props: { onClose: () => void; period: string; onRan: (period: string) => void }) {
  const queryClient = useQueryClient();
  const can = useCan();
  const [period, setPeriod] = useState(props.period);
  const [scope, setScope] = useState<'all' | 'chosen'>('all');
  const [clientIds, setClientIds] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const clients = useQuery({
    ...clientListQuery({ archived: 'false', limit: 500 }),
    enabled: can('clients.read'),
  });
  const currencyOf = new Map((clients.data?.items ?? []).map((client) => [client.id, client.currency]));

  const run = useMutation({
    mutationFn: () => runInvoices({ period, clientIds: scope === 'chosen' ? clientIds : undefined }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
      props.onRan(result.period);
    },
    onError: (failure) => {
      if (failure instanceof ApiError) setError(failure.fieldErrors.clientIds ?? failure.fieldErrors.period);
      notifyError(failure, 'Could not run invoices');
    },
  });

  if (run.data) {
    return (
      <RunResults result={run.data} currencyOf={currencyOf} onClose={props.onClose} onAgain={run.reset} />
    );
  }

  const canRun = scope === 'all' || clientIds.length > 0;
  return (
    <Stack gap="md">
      <MonthPicker label="Month to run" value={period} onChange={setPeriod} disabled={run.isPending} />
      <Text size="sm" c="dimmed">
        {billingWindow(period)}. Each client gets one draft for the month, built from its agreements and its
        unbilled time; running again rebuilds the drafts and leaves finalized invoices alone.
      </Text>
      <SegmentedControl
        aria-label="Clients to run"
        value={scope}
        onChange={(value) => setScope(value as 'all' | 'chosen')}
        disabled={run.isPending}
        data={[
          { value: 'all', label: 'All clients' },
          { value: 'chosen', label: 'Chosen clients' },
        ]}
        w="fit-content"
      />
      {scope === 'chosen' && (
        <MultiSelect
          label="Clients"
          placeholder={clientIds.length === 0 ? 'Choose clients' : undefined}
          searchable
          clearable
          disabled={run.isPending}
          nothingFoundMessage={clients.isPending ? 'Loading clients…' : 'No such client'}
          data={(clients.data?.items ?? []).map((client) => ({ value: client.id, label: client.name }))}
          value={clientIds}
          error={error}
          onChange={(ids) => {
            setClientIds(ids);
            setError(undefined);
          }}
        />
      )}
      {scope === 'all' && (
        <Text size="sm">
          Every client with an agreement in force in {monthInWords(period)} or unbilled time before it.
        </Text>
      )}
      {run.isPending && (
        <Stack gap={4} aria-live="polite">
          <Progress value={100} animated striped aria-label="Running invoices" />
          <Text size="xs" c="dimmed">
            Building each client's invoice for {monthInWords(period)}…
          </Text>
        </Stack>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={props.onClose} disabled={run.isPending}>
          Cancel
        </Button>
        <Button onClick={() => run.mutate()} loading={run.isPending} disabled={!canRun}>
          Run {monthInWords(period)}
        </Button>
      </Group>
    </Stack>
  );
}

function RunResults(props: {
  result: InvoiceRunResult;
  currencyOf: Map<string, string>;
  onClose: () => void;
  onAgain: () => void;
}) {
  const { results } = props.result;
  // The results carry no currency: the month's invoices have it, the client list is the fallback.
  const invoices = useQuery(invoiceListQuery({ period: props.result.period }));
  const currencyOf = (result: InvoiceRunResult['results'][number]) =>
    invoices.data?.find((invoice) => invoice.id === result.invoiceId)?.currency ??
    props.currencyOf.get(result.clientId) ??
    'USD';
  const counts = new Map<InvoiceRunOutcome, number>();
  for (const result of results) counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
  const failed = counts.get('failed') ?? 0;

  return (
    <Stack gap="md">
      <Text size="sm">
        {monthInWords(props.result.period)}: {results.length === 1 ? '1 client' : `${results.length} clients`}
        {'. '}
        <Text span size="sm" c="dimmed">
          {billingWindow(props.result.period)}.
        </Text>
      </Text>
      {results.length === 0 ? (
        <Text size="sm" c="dimmed">
          No client had anything to bill: no agreement in force in {monthInWords(props.result.period)} and no
          unbilled time before it.
        </Text>
      ) : (
        <>
          <Group gap={6}>
            {[...counts].map(([outcome, count]) => (
              <Badge key={outcome} variant="light" color={outcomes[outcome].color}>
                {count} {outcomes[outcome].count}
              </Badge>
            ))}
          </Group>
          {failed > 0 && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />}>
              {failed === 1 ? 'One client' : `${failed} clients`} could not be billed; the others were. Fix
              what the message says and run again: it only rebuilds drafts.
            </Alert>
          )}
          <Table.ScrollContainer minWidth={480} mah={360}>
            <Table stickyHeader aria-label="Run results">
              <Table.Thead>
                <Table.Tr>
                  <HeadCell>Client</HeadCell>
                  <HeadCell>Outcome</HeadCell>
                  <HeadCell align="right">Total</HeadCell>
                  <HeadCell />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.map((result) => (
                  <Table.Tr key={result.clientId}>
                    <Table.Td>
                      <Text size="sm">{result.clientName}</Text>
                      {result.message && (
                        <Text size="xs" c="red">
                          {result.message}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={outcomes[result.outcome].color}
                        style={{ whiteSpace: 'nowrap' }}
                      >
                        {outcomes[result.outcome].label}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                      {result.totalCents === null ? '—' : money(result.totalCents, currencyOf(result))}
                    </Table.Td>
                    <Table.Td ta="right">
                      {result.invoiceId && (
                        <AnchorLink
                          to="/invoices/$invoiceId"
                          params={{ invoiceId: result.invoiceId }}
                          size="sm"
                          onClick={props.onClose}
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          {result.outcome === 'already_finalized' ? 'Open invoice' : 'Open draft'}
                        </AnchorLink>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={props.onAgain}>
          Run another
        </Button>
        <Button onClick={props.onClose}>Done</Button>
      </Group>
    </Stack>
  );
}
