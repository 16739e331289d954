// The "SLA statements" section of an agreement's page: its months, newest first, each with how the SLA's
// targets fared, linking to the month's statement; and the recompute check of the closed months.
import { Alert, Button, Code, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconChecks,
  IconCircleCheck,
  IconInfoCircle,
  IconReportAnalytics,
} from '@tabler/icons-react';
import { type UseQueryResult, useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError } from '../../ui/notify.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import type { Agreement } from '../agreements/agreements-api.ts';
import { useCan } from '../auth/session.ts';
import {
  checkSlaStatements,
  type StatementCheck,
  type StatementList,
  type StatementListItem,
  slaStatementListQuery,
} from './sla-statements-api.ts';
import { StatementStatusBadge } from './statement-badges.tsx';
import { formatPercent, monthInWords } from './statement-format.ts';

export const SLA_STATEMENTS_ANCHOR = 'sla-statements';

/** Shown to those who read tickets: the statements count the agreement's tickets. */
export function AgreementSlaStatements(props: { agreement: Agreement }) {
  const can = useCan();
  if (!can('tickets.read')) return null;
  return <StatementsSection agreement={props.agreement} />;
}

function StatementsSection(props: { agreement: Agreement }) {
  const { agreement } = props;
  const statements = useQuery(slaStatementListQuery(agreement.id));
  const hasNoPolicy = statements.data?.slaPolicyName === null;
  const check = useMutation({
    mutationFn: () => checkSlaStatements(agreement.id),
    onError: (error) => notifyError(error, 'Could not check the figures'),
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={SLA_STATEMENTS_ANCHOR} mt="md">
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <div>
          <Title order={2} fz="h3" mb={2} id={SLA_STATEMENTS_ANCHOR} style={{ scrollMarginTop: 72 }}>
            SLA statements
          </Title>
          <Text size="sm" c="dimmed">
            {statements.data?.slaPolicyName
              ? `How the targets of ${statements.data.slaPolicyName} fared, month by month.`
              : 'How the SLA targets fared, month by month.'}{' '}
            Open months are provisional; closing one freezes its figures for the client.
          </Text>
        </div>
        {!hasNoPolicy && (
          <Button
            variant="default"
            leftSection={<IconChecks size={16} />}
            loading={check.isPending}
            disabled={statements.isPending}
            onClick={() => check.mutate()}
          >
            Check figures
          </Button>
        )}
      </Group>
      {check.data && <CheckResult checks={check.data} onClose={check.reset} />}
      <StatementsBody agreement={agreement} hasNoPolicy={hasNoPolicy} statements={statements} />
    </Paper>
  );
}

function StatementsBody(props: {
  agreement: Agreement;
  hasNoPolicy: boolean;
  statements: UseQueryResult<StatementList>;
}) {
  const { agreement, statements } = props;
  if (props.hasNoPolicy) {
    return (
      <EmptyState
        icon={<IconReportAnalytics size={24} />}
        title="No SLA policy"
        description={`Tickets under this agreement are not measured against targets, so there is nothing to report. Choose an SLA policy above, or give ${agreement.clientName} a default one.`}
      />
    );
  }
  if (statements.isPending) return <TableSkeleton columns={6} rows={3} />;
  if (statements.isError) return <Text c="red">{statements.error.message}</Text>;
  if (statements.data.items.length === 0) {
    return (
      <EmptyState
        icon={<IconReportAnalytics size={24} />}
        title="No months yet"
        description={`The first statement covers ${monthInWords(agreement.startsOn.slice(0, 7))}, the month the agreement starts.`}
      />
    );
  }
  return <StatementsTable agreementId={agreement.id} items={statements.data.items} />;
}

function StatementsTable(props: { agreementId: string; items: StatementListItem[] }) {
  const navigate = useNavigate();
  const { agreementId } = props;
  const figure = (value: ReactNode) => (
    <Text size="sm" className="tabular" component="span">
      {value}
    </Text>
  );
  const count = (value: number) =>
    value === 0 ? (
      <Text size="sm" c="dimmed" component="span">
        0
      </Text>
    ) : (
      figure(value)
    );
  const columns: Column<StatementListItem>[] = [
    {
      key: 'month',
      header: 'Month',
      sortValue: (item) => item.month,
      render: (item) => (
        <AnchorLink
          to="/agreements/$agreementId/sla-statements/$month"
          params={{ agreementId, month: item.month }}
          size="sm"
          fw={500}
          c="inherit"
        >
          {monthInWords(item.month)}
        </AnchorLink>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      width: 110,
      render: (item) => <StatementStatusBadge status={item.status} />,
    },
    {
      key: 'firstResponse',
      header: 'First response',
      width: 140,
      align: 'right',
      sortValue: (item) => item.compliance.firstResponse,
      render: (item) => figure(formatPercent(item.compliance.firstResponse)),
    },
    {
      key: 'resolution',
      header: 'Resolution',
      width: 130,
      align: 'right',
      sortValue: (item) => item.compliance.resolution,
      render: (item) => figure(formatPercent(item.compliance.resolution)),
    },
    {
      key: 'breaches',
      header: 'Breaches',
      width: 110,
      align: 'right',
      sortValue: (item) => item.breaches,
      render: (item) => count(item.breaches),
    },
    {
      key: 'corrections',
      header: 'Corrections',
      width: 120,
      align: 'right',
      sortValue: (item) => item.corrections,
      render: (item) => count(item.corrections),
    },
  ];
  return (
    <Stack gap={6}>
      <DataTable
        label="SLA statements"
        columns={columns}
        rows={props.items}
        rowKey={(item) => item.month}
        keyboardNavigation={false}
        onOpen={(item) =>
          void navigate({
            to: '/agreements/$agreementId/sla-statements/$month',
            params: { agreementId, month: item.month },
          })
        }
      />
      <Text size="xs" c="dimmed">
        Compliance counts guaranteed targets only: met of those met or missed. A dash means none was decided.
      </Text>
    </Stack>
  );
}

function CheckResult(props: { checks: StatementCheck[]; onClose: () => void }) {
  const { checks } = props;
  const differing = checks.filter((check) => !check.matches);
  const common = { withCloseButton: true, onClose: props.onClose, mb: 'md', closeButtonLabel: 'Dismiss' };
  if (checks.length === 0) {
    return (
      <Alert {...common} color="gray" icon={<IconInfoCircle size={16} />} title="Nothing to check yet">
        The check recomputes each closed month as of its close and compares it with what was stored. No month
        is closed yet.
      </Alert>
    );
  }
  if (differing.length === 0) {
    return (
      <Alert {...common} color="teal" icon={<IconCircleCheck size={16} />} title="All figures match">
        {checks.length === 1 ? 'The closed month' : `All ${checks.length} closed months`}, recomputed from the
        ticket history as of {checks.length === 1 ? 'its close, matches' : 'each close, match'} what was
        stored.
      </Alert>
    );
  }
  return (
    <Alert
      {...common}
      color="orange"
      icon={<IconAlertTriangle size={16} />}
      title={`${differing.length} of ${checks.length} closed ${checks.length === 1 ? 'month differs' : 'months differ'}`}
    >
      <Text size="sm" mb={6}>
        Recomputed as of its close, each of these no longer matches what was stored, at these places:
      </Text>
      <List size="sm" spacing={4} aria-label="Months that differ">
        {differing.map((check) => (
          <List.Item key={check.month}>
            <Text span size="sm" fw={600}>
              {monthInWords(check.month)}:
            </Text>{' '}
            {check.differences.map((path, index) => (
              <span key={path}>
                {index > 0 && ' '}
                <Code fz="xs">{path}</Code>
              </span>
            ))}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
