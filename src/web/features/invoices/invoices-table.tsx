// The month's invoices: number (or Draft), client, status, amounts, due date, and a marker on drafts whose
// counts wait for approval.
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { formatDate } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { InvoiceStatusBadge, money } from './invoice-display.tsx';
import type { InvoiceSummary } from './invoices-api.ts';

const statusOrder = { draft: 0, finalized: 1, void: 2 } as const;

function Amount(props: { cents: number; currency: string; strong?: boolean; void?: boolean }) {
  return (
    <Text
      size="sm"
      className="tabular"
      fw={props.strong ? 600 : undefined}
      c={props.void ? 'dimmed' : undefined}
      td={props.void ? 'line-through' : undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      {money(props.cents, props.currency)}
    </Text>
  );
}

export function PendingCountsBadge(props: { count: number }) {
  const label = props.count === 1 ? '1 count to approve' : `${props.count} counts to approve`;
  return (
    <Tooltip label="Recurring counts changed since they were last approved; the draft cannot be finalized until they are reviewed">
      <Badge
        size="sm"
        variant="light"
        color="yellow"
        leftSection={<IconAlertTriangle size={11} aria-hidden />}
        style={{ whiteSpace: 'nowrap' }}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}

/** "3 invoices · $12,340.00" per currency, void ones left out of the sum. */
function Footer(props: { invoices: InvoiceSummary[] }) {
  const sums = new Map<string, number>();
  for (const invoice of props.invoices) {
    if (invoice.status === 'void') continue;
    sums.set(invoice.currency, (sums.get(invoice.currency) ?? 0) + invoice.totalCents);
  }
  const count = props.invoices.length;
  const totals = [...sums].map(([currency, cents]) => money(cents, currency)).join(' + ');
  const voided = props.invoices.some((invoice) => invoice.status === 'void');
  return (
    <Group
      justify="space-between"
      px="sm"
      py={8}
      style={{ borderTop: '1px solid var(--table-border-color)' }}
    >
      <Text size="sm" c="dimmed">
        {count === 1 ? '1 invoice' : `${count} invoices`}
      </Text>
      {totals && (
        <Text size="sm" className="tabular">
          Total {totals}
          {voided && (
            <Text span size="xs" c="dimmed">
              {' '}
              (void left out)
            </Text>
          )}
        </Text>
      )}
    </Group>
  );
}

export function InvoicesTable(props: { invoices: InvoiceSummary[] }) {
  const navigate = useNavigate();
  const columns: Column<InvoiceSummary>[] = [
    {
      key: 'number',
      header: 'Invoice',
      sortValue: (invoice) => invoice.number ?? '',
      render: (invoice) => (
        <Group gap={8}>
          <AnchorLink
            to="/invoices/$invoiceId"
            params={{ invoiceId: invoice.id }}
            size="sm"
            fw={500}
            c={invoice.number ? 'inherit' : 'dimmed'}
            fs={invoice.number ? undefined : 'italic'}
          >
            {invoice.number ?? 'Draft'}
          </AnchorLink>
          {invoice.pendingCountChanges > 0 && <PendingCountsBadge count={invoice.pendingCountChanges} />}
        </Group>
      ),
    },
    {
      key: 'client',
      header: 'Client',
      sortValue: (invoice) => invoice.clientName,
      render: (invoice) => (
        <AnchorLink to="/clients/$clientId" params={{ clientId: invoice.clientId }} size="sm" c="inherit">
          {invoice.clientName}
        </AnchorLink>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      width: 116,
      sortValue: (invoice) => statusOrder[invoice.status],
      render: (invoice) => <InvoiceStatusBadge status={invoice.status} />,
    },
    {
      key: 'subtotal',
      header: 'Subtotal',
      width: 120,
      align: 'right',
      sortValue: (invoice) => invoice.subtotalCents,
      render: (invoice) => (
        <Amount cents={invoice.subtotalCents} currency={invoice.currency} void={invoice.status === 'void'} />
      ),
    },
    {
      key: 'tax',
      header: 'Tax',
      width: 100,
      align: 'right',
      sortValue: (invoice) => invoice.taxCents,
      render: (invoice) => (
        <Amount cents={invoice.taxCents} currency={invoice.currency} void={invoice.status === 'void'} />
      ),
    },
    {
      key: 'total',
      header: 'Total',
      width: 124,
      align: 'right',
      sortValue: (invoice) => invoice.totalCents,
      render: (invoice) => (
        <Amount
          cents={invoice.totalCents}
          currency={invoice.currency}
          strong
          void={invoice.status === 'void'}
        />
      ),
    },
    {
      key: 'due',
      header: 'Due',
      width: 124,
      sortValue: (invoice) => invoice.dueOn,
      render: (invoice) =>
        invoice.dueOn ? (
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatDate(invoice.dueOn)}
          </Text>
        ) : (
          <Tooltip label="Set when the invoice is finalized">
            <Text size="sm" c="dimmed">
              —
            </Text>
          </Tooltip>
        ),
    },
  ];

  return (
    <DataTable
      label="Invoices"
      columns={columns}
      rows={props.invoices}
      rowKey={(invoice) => invoice.id}
      onOpen={(invoice) => void navigate({ to: '/invoices/$invoiceId', params: { invoiceId: invoice.id } })}
      footer={<Footer invoices={props.invoices} />}
    />
  );
}
