// One invoice: who and what month it bills, its status and dates, the counts waiting for approval, its
// lines and totals, the credit notes against it, and what can be done with it. An invoice of a client
// outside the user's scope answers 404 like a missing one and shows the same page.
import { Alert, Flex, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconBan } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { isApiError } from '../../api/client.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { CountChangesPanel } from './count-changes-panel.tsx';
import { InvoiceActions } from './invoice-actions.tsx';
import { InvoiceCreditNotes } from './invoice-credit-notes.tsx';
import {
  billingWindow,
  InvoiceStatusBadge,
  monthInWords,
  NoInvoiceAccess,
  periodParam,
} from './invoice-display.tsx';
import { InvoiceLinesTable } from './invoice-lines-table.tsx';
import { InvoiceTotals } from './invoice-totals.tsx';
import { type Invoice, invoiceQuery } from './invoices-api.ts';
import { PendingCountsBadge } from './invoices-table.tsx';

const route = getRouteApi('/app/invoices/$invoiceId');

const backToList = (
  <ButtonLink to="/invoices" variant="default">
    Back to invoices
  </ButtonLink>
);

export function InvoicePage() {
  const can = useCan();
  return can('invoices.read') ? <InvoiceLoader /> : <NoInvoiceAccess />;
}

function InvoiceLoader() {
  const { invoiceId } = route.useParams();
  const invoice = useQuery(invoiceQuery(invoiceId));

  if (invoice.isPending) return <PageSkeleton />;
  if (invoice.isError) {
    if (isApiError(invoice.error, 404) || isApiError(invoice.error, 400)) {
      return (
        <NotFoundPage
          title="Invoice not found"
          message="This invoice does not exist (a deleted draft, perhaps), or its client is outside the clients you have access to."
          action={backToList}
        />
      );
    }
    return <NotFoundPage title="Could not load the invoice" message={invoice.error.message} />;
  }
  return <InvoiceView invoice={invoice.data} />;
}

function Field(props: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>
        {props.label}
      </Text>
      <Text size="sm" component="div">
        {props.children}
      </Text>
    </Stack>
  );
}

function paymentTerms(days: number): string {
  return days === 0 ? 'Due on receipt' : `Net ${days} (due ${days} days after issue)`;
}

function InvoiceView(props: { invoice: Invoice }) {
  const { invoice } = props;
  const can = useCan();
  const isDraft = invoice.status === 'draft';

  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/invoices" search={{ period: periodParam(invoice.period) }} size="sm" c="dimmed">
            <IconArrowLeft size={13} style={{ verticalAlign: -2 }} /> Invoices for{' '}
            {monthInWords(invoice.period)}
          </AnchorLink>
        }
        title={invoice.number ?? 'Draft invoice'}
        badges={
          <>
            <InvoiceStatusBadge status={invoice.status} />
            {invoice.pendingCountChanges > 0 && <PendingCountsBadge count={invoice.pendingCountChanges} />}
          </>
        }
        description={
          <>
            <AnchorLink to="/clients/$clientId" params={{ clientId: invoice.clientId }} size="sm" fw={500}>
              {invoice.clientName}
            </AnchorLink>
            {' · '}
            {billingWindow(invoice.period, invoice.labourThrough)}
          </>
        }
        actions={<InvoiceActions invoice={invoice} />}
      />

      {invoice.status === 'void' && (
        <Alert color="red" variant="light" icon={<IconBan size={16} />} mb="md" title="Void">
          {invoice.voidedAt && `Voided ${formatDateTime(invoice.voidedAt)}. `}
          Reason: {invoice.voidReason ?? 'none given'}
        </Alert>
      )}

      <Paper withBorder p="md" mb="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md" verticalSpacing="sm">
          <Field label="Period">{monthInWords(invoice.period)}</Field>
          <Field label="Issued">
            {invoice.issuedOn ? (
              formatDate(invoice.issuedOn)
            ) : (
              <Text c="dimmed" inherit>
                When finalized
              </Text>
            )}
          </Field>
          <Field label="Due">
            {invoice.dueOn ? (
              formatDate(invoice.dueOn)
            ) : (
              <Text c="dimmed" inherit>
                —
              </Text>
            )}
          </Field>
          <Field label="Payment terms">{paymentTerms(invoice.paymentTermsDays)}</Field>
          {isDraft ? (
            <Field label="Built">
              <RelativeTime value={invoice.builtAt} />
            </Field>
          ) : (
            <Field label="Finalized">
              {invoice.finalizedAt ? <RelativeTime value={invoice.finalizedAt} /> : '—'}
              {invoice.finalizedByName && (
                <Text size="xs" c="dimmed">
                  by {invoice.finalizedByName}
                </Text>
              )}
            </Field>
          )}
        </SimpleGrid>
      </Paper>

      {isDraft && invoice.countChanges.length > 0 && (
        <CountChangesPanel key={invoice.builtAt} invoice={invoice} canApprove={can('billing.manage')} />
      )}

      <Stack gap="md">
        <InvoiceLinesTable invoice={invoice} />
        <Flex
          direction={{ base: 'column', md: 'row' }}
          gap="md"
          align={{ base: 'stretch', md: 'flex-start' }}
        >
          {invoice.creditNotes.length > 0 && <InvoiceCreditNotes invoice={invoice} />}
          <InvoiceTotals invoice={invoice} />
        </Flex>
      </Stack>
    </>
  );
}
