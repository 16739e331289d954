// A month's invoices (this month unless the URL says otherwise), filtered by status and client; the invoice
// run starts here. Filters live in the URL so a view can be bookmarked and shared.
import { ActionIcon, Button, Group, Menu, SegmentedControl, Select, Text } from '@mantine/core';
import { IconChevronDown, IconFileInvoice, IconFileSpreadsheet, IconPlayerPlay } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { type InvoiceStatus, invoiceStatuses, invoiceStatusLabels } from '../../../shared/api/invoices.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { clientListQuery } from '../clients/clients-api.ts';
import { creditNoteExportUrl } from './credit-notes-api.ts';
import {
  billingWindow,
  currentPeriod,
  dayBefore,
  dayLabel,
  monthInWords,
  NoInvoiceAccess,
  periodParam,
} from './invoice-display.tsx';
import { invoiceExportUrl, invoiceListQuery } from './invoices-api.ts';
import { InvoicesTable } from './invoices-table.tsx';
import { MonthPicker } from './month-picker.tsx';
import { RunInvoicesModal } from './run-invoices-modal.tsx';

const route = getRouteApi('/app/invoices');

export interface InvoicesSearch {
  /** YYYY-MM; this month when absent. */
  period?: string;
  status?: InvoiceStatus;
  clientId?: string;
}

export function InvoicesPage() {
  const can = useCan();
  return can('invoices.read') ? <InvoicesList /> : <NoInvoiceAccess />;
}

function InvoicesList() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const can = useCan();
  const canManage = can('billing.manage');
  const period = search.period ?? currentPeriod();
  const [isRunning, setRunning] = useState(false);
  const invoices = useQuery(invoiceListQuery({ period, status: search.status, clientId: search.clientId }));
  const clients = useQuery({
    ...clientListQuery({ archived: 'any', limit: 500 }),
    enabled: can('clients.read'),
  });

  const setSearch = (patch: Partial<InvoicesSearch>) =>
    void navigate({ search: (current) => ({ ...current, ...patch }) });
  const runButton = canManage && (
    <Button leftSection={<IconPlayerPlay size={16} />} onClick={() => setRunning(true)}>
      Run invoices
    </Button>
  );
  const isFiltered = Boolean(search.status || search.clientId);

  return (
    <>
      <PageHeader
        title="Invoices"
        description="One invoice per client a month: recurring fees for the month in advance, work before it in arrears."
        actions={
          <>
            <ExportMenu period={period} />
            {runButton}
          </>
        }
      />
      <Group mb="md" gap="sm" justify="space-between" align="flex-end">
        <Group gap="sm" align="center">
          <MonthPicker
            aria-label="Month"
            size="xs"
            value={period}
            onChange={(next) => setSearch({ period: periodParam(next) })}
          />
          <Text size="xs" c="dimmed">
            {billingWindow(period)}
          </Text>
        </Group>
        <Group gap="sm">
          <SegmentedControl
            size="xs"
            aria-label="Status"
            value={search.status ?? 'any'}
            onChange={(value) =>
              setSearch({ status: value === 'any' ? undefined : (value as InvoiceStatus) })
            }
            data={[
              { value: 'any', label: 'All' },
              ...invoiceStatuses.map((value) => ({ value, label: invoiceStatusLabels[value] })),
            ]}
          />
          <Select
            aria-label="Client"
            placeholder="All clients"
            searchable
            clearable
            w={220}
            size="xs"
            data={(clients.data?.items ?? []).map((client) => ({ value: client.id, label: client.name }))}
            value={search.clientId ?? null}
            onChange={(clientId) => setSearch({ clientId: clientId ?? undefined })}
          />
        </Group>
      </Group>
      {invoices.isPending ? (
        <TableSkeleton columns={7} rows={6} />
      ) : invoices.isError ? (
        <Text c="red">{invoices.error.message}</Text>
      ) : invoices.data.length === 0 ? (
        <EmptyState
          icon={<IconFileInvoice size={24} />}
          title={
            isFiltered ? 'No invoices match these filters' : `No invoices for ${monthInWords(period)} yet`
          }
          description={
            isFiltered
              ? 'Try another status or client, or another month.'
              : `Running invoices for ${monthInWords(period)} builds a draft for each client with an agreement in force or unbilled time: the month's recurring fees in advance, and work done up to ${dayLabel(dayBefore(`${period}-01`), period)} in arrears. Review the drafts, approve changed counts, then finalize them.`
          }
          action={isFiltered ? undefined : runButton || undefined}
        />
      ) : (
        <InvoicesTable invoices={invoices.data} />
      )}
      <RunInvoicesModal
        opened={isRunning}
        onClose={() => setRunning(false)}
        period={period}
        onRan={(ran) => setSearch({ period: periodParam(ran) })}
      />
    </>
  );
}

/**
 * The month's CSV files, as plain links the browser downloads: the invoices' plain file one click away, and
 * the accounting formats and the month's credit notes in the menu beside it.
 */
function ExportMenu(props: { period: string }) {
  const { period } = props;
  const item = (label: string, href: string) => (
    <Menu.Item component="a" href={href} leftSection={<IconFileSpreadsheet size={15} />}>
      {label}
    </Menu.Item>
  );
  return (
    <Group gap={0} wrap="nowrap">
      <Button
        component="a"
        href={invoiceExportUrl(period)}
        variant="default"
        leftSection={<IconFileSpreadsheet size={16} />}
        style={{ borderTopRightRadius: 0, borderBottomRightRadius: 0 }}
      >
        Export CSV
      </Button>
      <Menu position="bottom-end" shadow="md" width={290}>
        <Menu.Target>
          <ActionIcon
            variant="default"
            size={36}
            aria-label={`More exports for ${monthInWords(period)}`}
            style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0, borderLeft: 0 }}
          >
            <IconChevronDown size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Invoices, {monthInWords(period)}</Menu.Label>
          {item('Invoices — Xero CSV', invoiceExportUrl(period, 'xero'))}
          {item('Invoices — QuickBooks CSV', invoiceExportUrl(period, 'quickbooks'))}
          {item('Invoices — plain CSV', invoiceExportUrl(period, 'plain'))}
          <Menu.Divider />
          <Menu.Label>Credit notes issued in {monthInWords(period)}</Menu.Label>
          {item('Credit notes — Xero CSV', creditNoteExportUrl(period, 'xero'))}
          {item('Credit notes — plain CSV', creditNoteExportUrl(period, 'plain'))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
