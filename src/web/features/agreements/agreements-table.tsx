// The agreements table of the Agreements page and of a client's Agreements tab (which leaves out the client).
import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconReceiptRefund, IconStarFilled } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import {
  AgreementStatusBadge,
  AgreementTypeBadge,
  describePenaltySchedule,
  formatPeriod,
  money,
  monthlyRecurringCents,
} from './agreement-display.tsx';
import type { Agreement } from './agreements-api.ts';

const statusOrder = { active: 0, upcoming: 1, ended: 2 } as const;

export function AgreementsTable(props: { agreements: Agreement[]; showClient: boolean; label: string }) {
  const navigate = useNavigate();
  const columns: Column<Agreement>[] = [];
  if (props.showClient) {
    columns.push({
      key: 'client',
      header: 'Client',
      sortValue: (agreement) => agreement.clientName,
      render: (agreement) => (
        <AnchorLink
          to="/clients/$clientId"
          params={{ clientId: agreement.clientId }}
          search={{ tab: 'agreements' }}
          size="sm"
          c="inherit"
        >
          {agreement.clientName}
        </AnchorLink>
      ),
    });
  }
  columns.push(
    {
      key: 'name',
      header: 'Agreement',
      sortValue: (agreement) => agreement.name,
      render: (agreement) => (
        <Stack gap={0}>
          <Group gap={6} wrap="nowrap">
            <AnchorLink
              to="/agreements/$agreementId"
              params={{ agreementId: agreement.id }}
              size="sm"
              fw={500}
              c="inherit"
            >
              {agreement.name}
            </AnchorLink>
            {agreement.isClientDefault && (
              <Tooltip label="New tickets of this client get this agreement">
                <Badge
                  size="xs"
                  variant="outline"
                  color="yellow"
                  leftSection={<IconStarFilled size={9} aria-hidden />}
                >
                  Default
                </Badge>
              </Tooltip>
            )}
            {agreement.penaltySchedule && (
              <Tooltip
                multiline
                w={360}
                label={describePenaltySchedule(agreement.penaltySchedule, agreement.currency).join(' ')}
              >
                <Badge
                  size="xs"
                  variant="light"
                  color="teal"
                  leftSection={<IconReceiptRefund size={9} aria-hidden />}
                >
                  Service credits
                </Badge>
              </Tooltip>
            )}
          </Group>
          {agreement.fallbackAgreementName && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              Falls back to {agreement.fallbackAgreementName}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'type',
      header: 'Type',
      width: 150,
      sortValue: (agreement) => agreement.type,
      render: (agreement) => <AgreementTypeBadge type={agreement.type} />,
    },
    {
      key: 'period',
      header: 'Period',
      width: 240,
      sortValue: (agreement) => agreement.startsOn,
      render: (agreement) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatPeriod(agreement.startsOn, agreement.endsOn)}
        </Text>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      width: 124,
      sortValue: (agreement) => statusOrder[agreement.status],
      render: (agreement) => <AgreementStatusBadge status={agreement.status} />,
    },
    {
      key: 'monthly',
      header: 'Monthly',
      width: 130,
      align: 'right',
      sortValue: (agreement) => monthlyRecurringCents(agreement),
      render: (agreement) => {
        const cents = monthlyRecurringCents(agreement);
        // Block hours and projects bill up front, not monthly: a dash reads better than a zero.
        return cents === 0 ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <Text size="sm" className="tabular">
            {money(cents, agreement.currency)}
          </Text>
        );
      },
    },
  );

  return (
    <DataTable
      label={props.label}
      columns={columns}
      rows={props.agreements}
      rowKey={(agreement) => agreement.id}
      onOpen={(agreement) =>
        void navigate({ to: '/agreements/$agreementId', params: { agreementId: agreement.id } })
      }
    />
  );
}
