// One of the company's invoices: its month, when it was issued and is due, its lines under a heading for each
// part (covered work shows as a $0 line with what it is worth), the totals after any credit notes, and the PDF.
import { Alert, Badge, Box, Button, Divider, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconBan, IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Fragment, type ReactNode } from 'react';
import { type InvoiceLineKind, invoiceLineKindLabels } from '../../../shared/api/invoices.ts';
import { valueShownKinds } from '../../../shared/billing/invoice-text.ts';
import { formatDate } from '../../ui/format.ts';
import { BackLink, ButtonLink } from '../../ui/links.tsx';
import { RecordPageFallback } from '../../ui/not-found.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import {
  formatQuantity,
  HeadCell,
  type LineGroup,
  lineGroup,
  money,
  monthInWords,
  perUnit,
} from '../invoices/invoice-display.tsx';
import { TotalRow } from '../invoices/invoice-totals.tsx';
import { type PortalInvoiceDetail, portalInvoicePdfUrl, portalInvoiceQuery } from './portal-api.ts';

const route = getRouteApi('/portal/invoices/$invoiceId');

type Line = PortalInvoiceDetail['lines'][number];

/** Kinds obvious from their group need no badge; the rest say what they are. */
const plainKinds = new Set<InvoiceLineKind>(['recurring', 'labour']);

export function PortalInvoicePage() {
  const { invoiceId } = route.useParams();
  const invoice = useQuery(portalInvoiceQuery(invoiceId));
  if (!invoice.isSuccess)
    return (
      <RecordPageFallback
        query={invoice}
        notFoundTitle="Invoice not found"
        notFoundMessage="This invoice does not exist, or it is not one of your company’s."
        notFoundAction={
          <ButtonLink to="/portal/invoices" variant="default">
            Back to invoices
          </ButtonLink>
        }
        failedTitle="Could not load the invoice"
      />
    );
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

function InvoiceView(props: { invoice: PortalInvoiceDetail }) {
  const { invoice } = props;
  return (
    <>
      <PageHeader
        eyebrow={<BackLink link={{ to: '/portal/invoices' }}>Invoices</BackLink>}
        title={invoice.number ?? 'Invoice'}
        badges={
          invoice.status === 'void' && (
            <Badge variant="light" color="red">
              Void
            </Badge>
          )
        }
        description={`Invoice for ${monthInWords(invoice.period)}`}
        actions={
          <Button
            component="a"
            href={portalInvoicePdfUrl(invoice.id)}
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            Download PDF
          </Button>
        }
      />
      {invoice.status === 'void' && (
        <Alert color="red" variant="light" icon={<IconBan size={16} />} mb="md" title="Void">
          This invoice was cancelled: you do not owe it.
        </Alert>
      )}
      <Paper withBorder p="md" mb="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" verticalSpacing="sm">
          <Field label="Period">{monthInWords(invoice.period)}</Field>
          <Field label="Issued">{invoice.issuedOn ? formatDate(invoice.issuedOn) : '—'}</Field>
          <Field label="Due">{invoice.dueOn ? formatDate(invoice.dueOn) : '—'}</Field>
          <Field label="Total">
            <Text fw={600} className="tabular" inherit>
              {money(invoice.totalCents, invoice.currency)}
            </Text>
          </Field>
        </SimpleGrid>
      </Paper>
      <Stack gap="md">
        <LinesTable invoice={invoice} />
        <Totals invoice={invoice} />
      </Stack>
    </>
  );
}

function groupTitle(group: LineGroup, invoice: PortalInvoiceDetail): string {
  if (group === 'fees') return `Fees for ${monthInWords(invoice.period)}`;
  if (group === 'work') return 'Work';
  return 'Credits';
}

function LineRow(props: { line: Line; currency: string }) {
  const { line, currency } = props;
  const isValueLine = valueShownKinds.has(line.kind) && line.amountCents === 0;
  const isCredit = line.amountCents < 0;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {line.description}
          {!plainKinds.has(line.kind) && (
            <Badge
              size="xs"
              variant="light"
              color={isCredit ? 'teal' : 'gray'}
              ml={6}
              style={{ verticalAlign: 'text-bottom' }}
            >
              {invoiceLineKindLabels[line.kind]}
            </Badge>
          )}
        </Text>
        {line.detail && (
          <Text size="xs" c="dimmed">
            {line.detail}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
        {formatQuantity(line.quantity, line.unit)}
      </Table.Td>
      <Table.Td ta="right" className="tabular">
        {isValueLine && line.unitPriceCents === 0 ? (
          <Text size="sm" c="dimmed" span>
            —
          </Text>
        ) : (
          <>
            {money(line.unitPriceCents, currency)}{' '}
            <Text span size="xs" c="dimmed">
              {perUnit(line.unit)}
            </Text>
          </>
        )}
      </Table.Td>
      <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" fw={500} c={isCredit ? 'teal.8' : undefined}>
          {money(line.amountCents, currency)}
        </Text>
        {isValueLine && line.valueCents !== 0 && (
          <Text size="xs" c="dimmed">
            worth {money(line.valueCents, currency)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function LinesTable(props: { invoice: PortalInvoiceDetail }) {
  const { invoice } = props;
  if (invoice.lines.length === 0) {
    return (
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed">
          This invoice has no lines.
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="sm" style={{ overflow: 'clip' }}>
      <Box style={{ overflowX: 'auto' }}>
        <Table aria-label="Invoice lines" verticalSpacing={8} layout="fixed" miw={560}>
          <Table.Thead>
            <Table.Tr>
              <HeadCell>Description</HeadCell>
              <HeadCell w={110} align="right">
                Quantity
              </HeadCell>
              <HeadCell w={130} align="right">
                Unit price
              </HeadCell>
              <HeadCell w={140} align="right">
                Amount
              </HeadCell>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoice.lines.map((line, index) => {
              const group = lineGroup(line.kind);
              const previous = invoice.lines[index - 1];
              const isNewGroup = !previous || lineGroup(previous.kind) !== group;
              return (
                <Fragment key={line.id}>
                  {isNewGroup && (
                    <Table.Tr bg="var(--mantine-color-default-hover)">
                      <Table.Th colSpan={4} scope="colgroup">
                        <Text size="xs" fw={600}>
                          {groupTitle(group, invoice)}
                        </Text>
                      </Table.Th>
                    </Table.Tr>
                  )}
                  <LineRow line={line} currency={invoice.currency} />
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Box>
    </Paper>
  );
}

function Totals(props: { invoice: PortalInvoiceDetail }) {
  const { invoice } = props;
  const format = (cents: number) => money(cents, invoice.currency);
  return (
    <Paper withBorder p="md" w={{ base: '100%', sm: 400 }} ml="auto" component="section" aria-label="Totals">
      <Stack gap={6}>
        <TotalRow label="Subtotal" value={format(invoice.subtotalCents)} />
        <TotalRow label="Tax" value={format(invoice.taxCents)} />
        <Divider my={2} />
        <TotalRow label="Total" value={format(invoice.totalCents)} strong />
        {invoice.creditedCents > 0 && (
          <>
            <TotalRow label="Credited" value={format(-invoice.creditedCents)} color="teal.8" />
            <Divider my={2} />
            <TotalRow
              label="Balance after credits"
              value={format(invoice.totalCents - invoice.creditedCents)}
              strong
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
