// One month's SLA statement of an agreement (/agreements/$agreementId/sla-statements/$month): its status,
// the figures, the breaches with their explanations, the service credits and the corrections to closed months;
// closing the month and the PDF report. An agreement outside the user's clients answers 404 like a missing one.
import { Alert, Button, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { AnchorLink, BackLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/session.ts';
import { SLA_STATEMENTS_ANCHOR } from './agreement-sla-statements.tsx';
import {
  closeSlaStatement,
  type SlaStatement,
  slaStatementKeys,
  slaStatementListQuery,
  slaStatementPdfUrl,
  slaStatementQuery,
} from './sla-statements-api.ts';
import { StatementStatusBadge } from './statement-badges.tsx';
import { StatementBreaches, StatementCorrections } from './statement-breaches.tsx';
import { StatementCredits } from './statement-credits.tsx';
import { monthInWords } from './statement-format.ts';
import { StatementSummarySkeleton, StatementTable, StatementTiles } from './statement-summary.tsx';
import { formatDayInZone, formatInZone } from './zoned-time.ts';

/** How many months the list shows while none is closed (the API's limit). */

const route = getRouteApi('/app/agreements/$agreementId/sla-statements/$month');

export function SlaStatementPage() {
  const can = useCan();
  const { agreementId } = route.useParams();
  if (!can('tickets.read')) {
    return (
      <NotFoundPage
        title="You cannot read SLA statements"
        message="SLA statements count tickets, so reading them needs a role that reads tickets."
        action={<BackToAgreement agreementId={agreementId} />}
      />
    );
  }
  return <StatementLoader />;
}

function BackToAgreement(props: { agreementId: string }) {
  return (
    <ButtonLink
      to="/agreements/$agreementId"
      params={{ agreementId: props.agreementId }}
      hash={SLA_STATEMENTS_ANCHOR}
      variant="default"
    >
      Back to the agreement
    </ButtonLink>
  );
}

function StatementLoader() {
  const { agreementId, month } = route.useParams();
  const statement = useQuery(slaStatementQuery(agreementId, month));
  if (statement.isPending) return <StatementSkeleton />;
  if (statement.isError) {
    const error = statement.error;
    if (isApiError(error, 404) || isApiError(error, 400) || isApiError(error, 422)) {
      return (
        <NotFoundPage
          title="No such statement"
          message={
            isApiError(error, 422)
              ? error.message
              : 'This agreement does not exist, its client is outside the clients you have access to, or the month is not one (use YYYY-MM).'
          }
          action={<BackToAgreement agreementId={agreementId} />}
        />
      );
    }
    return <NotFoundPage title="Could not load the statement" message={error.message} />;
  }
  return <StatementView statement={statement.data} />;
}

function StatementSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading">
      <Stack gap={6}>
        <Skeleton height={12} width={160} />
        <Skeleton height={26} width={360} />
        <Skeleton height={12} width={420} />
      </Stack>
      <StatementSummarySkeleton />
    </Stack>
  );
}

function StatusLine(props: { statement: SlaStatement }) {
  const { statement } = props;
  if (statement.status === 'closed') {
    return (
      <Tooltip
        label={`Figures frozen ${formatInZone(statement.asOf, statement.timeZone, { withYear: true })}`}
      >
        <span>
          Closed on {formatDayInZone(statement.asOf, statement.timeZone)}
          {statement.closedByName && ` by ${statement.closedByName}`}
        </span>
      </Tooltip>
    );
  }
  return <span>Provisional: live figures until the month is closed</span>;
}

function StatementView(props: { statement: SlaStatement }) {
  const { statement } = props;
  const can = useCan();
  const queryClient = useQueryClient();
  const [isConfirming, setConfirming] = useState(false);
  const list = useQuery(slaStatementListQuery(statement.agreementId));
  const month = monthInWords(statement.month);
  const canClose = statement.isClosable && can('sla.manage');

  const close = useMutation({
    mutationFn: () => closeSlaStatement(statement.agreementId, statement.month),
    onSuccess: async (closed) => {
      queryClient.setQueryData(slaStatementKeys.detail(closed.agreementId, closed.month), closed);
      await queryClient.invalidateQueries({ queryKey: slaStatementKeys.agreement(closed.agreementId) });
      notifySuccess(`${month} closed`);
    },
    onError: (error) => notifyError(error, `Could not close ${month}`),
  });

  const lastClosed = list.data?.items.find((item) => item.status === 'closed')?.month;
  const earlierOpen = (list.data?.items ?? [])
    .filter((item) => item.status === 'open' && item.month < statement.month)
    .map((item) => monthInWords(item.month));
  // With no month closed the list holds only the last twelve, but a close starts at the agreement's start.
  const oldest = list.data?.items.at(-1)?.month;
  if (list.data && !lastClosed && oldest && list.data.firstMonth < oldest) {
    earlierOpen.unshift(`every month from ${monthInWords(list.data.firstMonth)}`);
  }

  return (
    <>
      <PageHeader
        eyebrow={
          <BackLink
            link={{
              to: '/agreements/$agreementId',
              params: { agreementId: statement.agreementId },
              hash: SLA_STATEMENTS_ANCHOR,
            }}
          >
            {statement.agreementName}
          </BackLink>
        }
        title={`SLA statement — ${month}`}
        badges={<StatementStatusBadge status={statement.status} provisional size="md" />}
        description={
          <>
            {can('clients.read') ? (
              <AnchorLink
                to="/clients/$clientId"
                params={{ clientId: statement.clientId }}
                size="sm"
                fw={500}
              >
                {statement.clientName}
              </AnchorLink>
            ) : (
              statement.clientName
            )}
            {' · '}
            <AnchorLink
              to="/agreements/$agreementId"
              params={{ agreementId: statement.agreementId }}
              size="sm"
              fw={500}
            >
              {statement.agreementName}
            </AnchorLink>
            {' · '}
            <StatusLine statement={statement} />
          </>
        }
        actions={
          <>
            <Button
              component="a"
              href={slaStatementPdfUrl(statement.agreementId, statement.month)}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Download PDF
            </Button>
            {canClose && (
              <Button leftSection={<IconLock size={16} />} onClick={() => setConfirming(true)}>
                Close month
              </Button>
            )}
          </>
        }
      />
      {statement.status === 'open' && !statement.isClosable && (
        <Alert color="gray" icon={<IconInfoCircle size={16} />} mb="md">
          {lastClosed && statement.month < lastClosed
            ? `A later month (${monthInWords(lastClosed)}) is closed, so this one stays open: statements close in order.`
            : `${month} has not ended yet in ${statement.timeZone}: targets due later are pending, and the month can be closed once it is over.`}
        </Alert>
      )}
      <Stack gap="lg">
        <StatementTiles statement={statement} />
        <StatementTable statement={statement} />
        <StatementBreaches statement={statement} />
        <StatementCredits statement={statement} />
        <StatementCorrections statement={statement} />
      </Stack>
      <ConfirmDialog
        opened={isConfirming}
        onClose={() => setConfirming(false)}
        title={`Close ${month}?`}
        message={<CloseMessage month={month} earlierOpen={earlierOpen} penalty={statement.penalty} />}
        confirmLabel="Close month"
        onConfirm={() => close.mutateAsync()}
      />
    </>
  );
}

function CloseMessage(props: { month: string; earlierOpen: string[]; penalty: SlaStatement['penalty'] }) {
  const { penalty } = props;
  return (
    <Stack gap="xs" component="span">
      <Text size="sm" component="span">
        Closing freezes the figures of {props.month} as they stand now, with the explanations of its breaches:
        that is the statement the client gets. Anything learned later shows as a correction in the next open
        month.
      </Text>
      {penalty && (
        <Text size="sm" component="span">
          It also proposes the service credits the months from {monthInWords(penalty.effectiveFrom)} earned
          under the agreement. You can dispute each within {penalty.disputeWindowDays} business days.
        </Text>
      )}
      {/* Months close in order from the agreement's start, so none is left open before a closed one. */}
      <Text size="sm" component="span" fw={props.earlierOpen.length > 0 ? 500 : undefined}>
        {props.earlierOpen.length > 0
          ? `Months close in order: it also closes the earlier months still open (${props.earlierOpen.join(', ')}).`
          : 'It would also close any earlier month still open; there is none.'}
      </Text>
    </Stack>
  );
}
