// An agreement's SLA statements in the portal: its months, newest first, with how the targets fared and
// whether the month is final, each opening the month's statement.
import { Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { isApiError } from '../../api/client.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import type { StatementListItem } from '../sla-statements/sla-statements-api.ts';
import { StatementStatusBadge } from '../sla-statements/statement-badges.tsx';
import { formatPercent, monthInWords } from '../sla-statements/statement-format.ts';
import { type PortalAgreement, portalStatementListQuery } from './portal-api.ts';

export function PortalAgreementStatements(props: { agreement: PortalAgreement }) {
  const { agreement } = props;
  const hasTargets = Boolean(agreement.targets?.length);
  const statements = useQuery({ ...portalStatementListQuery(agreement.id), enabled: hasTargets });
  const navigate = useNavigate();
  if (!hasTargets) return null;

  let body: ReactNode;
  if (statements.isPending) body = <TableSkeleton columns={5} rows={2} />;
  else if (statements.isError)
    body = (
      <Text size="sm" c={isApiError(statements.error, 404) ? 'dimmed' : 'red'}>
        {isApiError(statements.error, 404)
          ? 'No SLA statements for this agreement.'
          : statements.error.message}
      </Text>
    );
  else if (statements.data.items.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        The first statement covers {monthInWords(agreement.startsOn.slice(0, 7))}, the month the agreement
        starts.
      </Text>
    );
  else {
    const columns: Column<StatementListItem>[] = [
      {
        key: 'month',
        header: 'Month',
        sortValue: (item) => item.month,
        render: (item) => (
          <AnchorLink
            to="/portal/agreements/$agreementId/sla-statements/$month"
            params={{ agreementId: agreement.id, month: item.month }}
            size="sm"
            fw={500}
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
        header: 'First response met',
        width: 170,
        align: 'right',
        render: (item) => <Figure>{formatPercent(item.compliance.firstResponse)}</Figure>,
      },
      {
        key: 'resolution',
        header: 'Resolution met',
        width: 150,
        align: 'right',
        render: (item) => <Figure>{formatPercent(item.compliance.resolution)}</Figure>,
      },
      {
        key: 'breaches',
        header: 'Missed targets',
        width: 150,
        align: 'right',
        render: (item) => <Figure dimmed={item.breaches === 0}>{item.breaches}</Figure>,
      },
    ];
    body = (
      <>
        <DataTable
          label={`SLA statements of ${agreement.name}`}
          columns={columns}
          rows={statements.data.items}
          rowKey={(item) => item.month}
          keyboardNavigation={false}
          onOpen={(item) =>
            void navigate({
              to: '/portal/agreements/$agreementId/sla-statements/$month',
              params: { agreementId: agreement.id, month: item.month },
            })
          }
        />
        <Text size="xs" c="dimmed" mt={4}>
          Open months are provisional and can still change; a closed month is final. Percentages count
          guaranteed targets met of those that fell due; a dash means none fell due.
        </Text>
      </>
    );
  }

  return (
    <div>
      <Title order={3} fz="h4" mb={4}>
        Monthly SLA statements
      </Title>
      {body}
    </div>
  );
}

function Figure(props: { children: ReactNode; dimmed?: boolean }) {
  return (
    <Text size="sm" className="tabular" c={props.dimmed ? 'dimmed' : undefined} component="span">
      {props.children}
    </Text>
  );
}
