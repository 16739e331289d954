// The company's issued invoices, newest first: number, month, when issued and due, and the total; each opens
// the invoice with its lines, what credit notes took off it, and its PDF.
import { Badge, Group, Text } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { formatDate } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { money, monthInWords } from '../invoices/invoice-display.tsx';
import { clientPortalOverviewQuery, type PortalInvoice, portalInvoicesQuery } from './portal-api.ts';

const numeric = { whiteSpace: 'nowrap' } as const;

export function PortalInvoicesPage() {
  const invoices = useQuery(portalInvoicesQuery);
  const overview = useQuery(clientPortalOverviewQuery);
  const navigate = useNavigate();
  const mspName = overview.data?.mspName ?? 'your IT provider';

  return (
    <>
      <PageHeader title="Invoices" description={`The invoices ${mspName} has issued to you`} />
      {!invoices.isSuccess ? (
        <QueryState query={invoices} height={240} />
      ) : invoices.data.length === 0 ? (
        <EmptyState
          icon={<IconReceipt size={24} />}
          title="No invoices yet"
          description={`Each invoice ${mspName} issues appears here, with its lines and a PDF to download.`}
        />
      ) : (
        <DataTable
          label="Invoices"
          columns={columns}
          rows={invoices.data}
          rowKey={(invoice) => invoice.id}
          initialSort={{ key: 'issued', direction: 'desc' }}
          onOpen={(invoice) =>
            navigate({ to: '/portal/invoices/$invoiceId', params: { invoiceId: invoice.id } })
          }
        />
      )}
    </>
  );
}

const columns: Column<PortalInvoice>[] = [
  {
    key: 'number',
    header: 'Invoice',
    sortValue: (invoice) => invoice.number,
    render: (invoice) => (
      <Group gap={6} wrap="nowrap">
        <AnchorLink
          to="/portal/invoices/$invoiceId"
          params={{ invoiceId: invoice.id }}
          size="sm"
          fw={500}
          className="tabular"
        >
          {invoice.number ?? 'Invoice'}
        </AnchorLink>
        {invoice.status === 'void' && (
          <Badge size="xs" variant="light" color="red">
            Void
          </Badge>
        )}
      </Group>
    ),
  },
  {
    key: 'period',
    header: 'Period',
    sortValue: (invoice) => invoice.period,
    render: (invoice) => <Text size="sm">{monthInWords(invoice.period)}</Text>,
  },
  {
    key: 'issued',
    header: 'Issued',
    width: 150,
    sortValue: (invoice) => invoice.issuedOn,
    render: (invoice) => <Text size="sm">{invoice.issuedOn ? formatDate(invoice.issuedOn) : '—'}</Text>,
  },
  {
    key: 'due',
    header: 'Due',
    width: 150,
    sortValue: (invoice) => invoice.dueOn,
    render: (invoice) => <Text size="sm">{invoice.dueOn ? formatDate(invoice.dueOn) : '—'}</Text>,
  },
  {
    key: 'total',
    header: 'Total',
    width: 140,
    align: 'right',
    sortValue: (invoice) => invoice.totalCents,
    render: (invoice) => (
      <Text size="sm" fw={500} className="tabular" style={numeric}>
        {money(invoice.totalCents, invoice.currency)}
      </Text>
    ),
  },
];
