// One month's SLA statement in the portal: the same figures the MSP sees (tiles, targets by priority, breaches
// with their explanations, service credits with any dispute, corrections to closed months), read-only, and
// its PDF.
import { Alert, Button, Skeleton, Stack, Tooltip } from '@mantine/core';
import { IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { isApiError } from '../../api/client.ts';
import { BackLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { StatementStatusBadge } from '../sla-statements/statement-badges.tsx';
import { StatementBreaches, StatementCorrections } from '../sla-statements/statement-breaches.tsx';
import { StatementCredits } from '../sla-statements/statement-credits.tsx';
import { monthInWords } from '../sla-statements/statement-format.ts';
import {
  StatementSummarySkeleton,
  StatementTable,
  StatementTiles,
} from '../sla-statements/statement-summary.tsx';
import { formatDayInZone, formatInZone } from '../sla-statements/zoned-time.ts';
import {
  clientPortalOverviewQuery,
  portalStatementPdfUrl,
  portalStatementQuery,
  type SlaStatement,
} from './portal-api.ts';
import { portalPriorityLabels } from './portal-words.ts';

const route = getRouteApi('/portal/agreements/$agreementId/sla-statements/$month');

const backToAgreements = (
  <ButtonLink to="/portal/agreements" variant="default">
    Back to agreements
  </ButtonLink>
);

export function PortalStatementPage() {
  const { agreementId, month } = route.useParams();
  const statement = useQuery(portalStatementQuery(agreementId, month));
  if (statement.isPending) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading">
        <Skeleton height={12} width={160} />
        <Skeleton height={26} width={360} />
        <StatementSummarySkeleton />
      </Stack>
    );
  }
  if (statement.isError) {
    const error = statement.error;
    if (isApiError(error, 404) || isApiError(error, 400) || isApiError(error, 422)) {
      return (
        <NotFoundPage
          title="No such statement"
          message={
            isApiError(error, 422)
              ? error.message
              : 'This agreement is not one of yours, or the month is not one (use YYYY-MM).'
          }
          action={backToAgreements}
        />
      );
    }
    return (
      <NotFoundPage title="Could not load the statement" message={error.message} action={backToAgreements} />
    );
  }
  return <StatementView statement={statement.data} />;
}

function StatusLine(props: { statement: SlaStatement }) {
  const { statement } = props;
  if (statement.status === 'closed') {
    return (
      <Tooltip
        label={`Figures frozen ${formatInZone(statement.asOf, statement.timeZone, { withYear: true })}`}
      >
        <span>Final: closed on {formatDayInZone(statement.asOf, statement.timeZone)}</span>
      </Tooltip>
    );
  }
  return <span>Provisional: the figures can change until the month is closed</span>;
}

function StatementView(props: { statement: SlaStatement }) {
  const { statement } = props;
  const overview = useQuery(clientPortalOverviewQuery);
  const month = monthInWords(statement.month);
  const mspName = overview.data?.mspName ?? 'Your IT provider';

  return (
    <>
      <PageHeader
        eyebrow={<BackLink link={{ to: '/portal/agreements' }}>Agreements</BackLink>}
        title={`SLA statement — ${month}`}
        badges={<StatementStatusBadge status={statement.status} provisional size="md" />}
        description={
          <>
            {statement.agreementName}
            {' · '}
            <StatusLine statement={statement} />
          </>
        }
        actions={
          <Button
            component="a"
            href={portalStatementPdfUrl(statement.agreementId, statement.month)}
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            Download PDF
          </Button>
        }
      />
      {statement.status === 'open' && (
        <Alert color="gray" icon={<IconInfoCircle size={16} />} mb="md">
          {statement.isClosable
            ? `${mspName} has not closed ${month} yet: until it does, these figures are live and can change.`
            : `${month} is not over yet: these figures are live and can change until ${mspName} closes the month.`}
        </Alert>
      )}
      <Stack gap="lg">
        <StatementTiles statement={statement} audience="client" />
        <StatementTable statement={statement} priorityLabels={portalPriorityLabels} />
        <StatementBreaches statement={statement} audience="client" />
        <StatementCredits statement={statement} audience="client" />
        <StatementCorrections statement={statement} audience="client" />
      </Stack>
    </>
  );
}
