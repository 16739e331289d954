// The terms an engagement works under, for the engagements table: a compact summary in its row (the
// letter's status and the standing with the rules) and, when the row is opened, both parts in full.
import { Grid, Group, Paper, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { LoaListQuery } from '../../../shared/api/vendor-terms.ts';
import { formatDate } from '../../ui/format.ts';
import { useCan } from '../auth/session.ts';
import { localToday } from '../vendors/renewal.ts';
import type { Engagement } from '../vendors/vendors-api.ts';
import { LoaSection } from './loa-section.tsx';
import { RulesStandingSection } from './rules-standing-section.tsx';
import { LoaStatusBadge, StandingBadge } from './terms-badges.tsx';
import { arrangeLetters, expiryNote } from './terms-status.ts';
import { engagementRulesQuery, type Loa, loasQuery } from './vendor-terms-api.ts';

export interface EngagementTerms {
  summary: (engagement: Engagement) => ReactNode;
  detail: (engagement: Engagement) => ReactNode;
}

/** One request for the letters of every engagement shown (a vendor's, or a client's). */
export function useEngagementTerms(filter: Pick<LoaListQuery, 'vendorId' | 'clientId'>): EngagementTerms {
  const can = useCan();
  const letters = useQuery(loasQuery(filter));
  const lettersOf = (engagementId: string) =>
    letters.data?.filter((loa) => loa.engagementId === engagementId) ?? null;
  return {
    summary: (engagement) => <TermsSummary engagement={engagement} letters={lettersOf(engagement.id)} />,
    detail: (engagement) => (
      <TermsPanel
        engagement={engagement}
        letters={lettersOf(engagement.id)}
        canManage={can('vendors.manage')}
        error={letters.error?.message}
      />
    ),
  };
}

function TermsSummary(props: { engagement: Engagement; letters: Loa[] | null }) {
  const standing = useQuery(engagementRulesQuery(props.engagement.id));
  const letters = props.letters && arrangeLetters(props.letters);
  const headline = letters && (letters.inForce ?? letters.pending ?? letters.earlier[0] ?? null);
  return (
    <Stack gap={4}>
      <SummaryLine label="LOA">
        {letters ? (
          <LoaStatusBadge status={headline?.status ?? null} size="xs" />
        ) : (
          <Skeleton h={16} w={70} />
        )}
        {letters?.inForce?.expiresOn && <EndingSoon expiresOn={letters.inForce.expiresOn} />}
      </SummaryLine>
      <SummaryLine label="Rules">
        {standing.data ? <StandingBadge rules={standing.data} size="xs" /> : <Skeleton h={16} w={90} />}
      </SummaryLine>
    </Stack>
  );
}

/** A clock beside the letter's badge while it ends within 30 days; the tooltip says when. */
function EndingSoon(props: { expiresOn: string }) {
  const note = expiryNote(props.expiresOn, localToday());
  if (note.state !== 'soon' || !note.text) return null;
  return (
    <Tooltip label={`${formatDate(props.expiresOn)}: ${note.text}`} withArrow>
      <Group gap={2} wrap="nowrap" c="orange" aria-label={`Letter ${note.text}`}>
        <IconClockExclamation size={14} />
        <Text size="xs" c="inherit">
          soon
        </Text>
      </Group>
    </Tooltip>
  );
}

function SummaryLine(props: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="xs" c="dimmed" w={36} style={{ flexShrink: 0 }}>
        {props.label}
      </Text>
      {props.children}
    </Group>
  );
}

function TermsPanel(props: {
  engagement: Engagement;
  letters: Loa[] | null;
  canManage: boolean;
  error?: string;
}) {
  const { engagement, canManage } = props;
  return (
    <Grid
      gap="sm"
      p="sm"
      bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))"
      aria-label={`Terms of ${engagement.vendorName} at ${engagement.clientName}`}
      role="group"
    >
      {/* The letter has more steps (and buttons) than the rules: it gets the wider half. */}
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Paper withBorder p="sm" h="100%">
          {props.error ? (
            <Text c="red" size="sm">
              {props.error}
            </Text>
          ) : props.letters ? (
            <LoaSection engagement={engagement} letters={props.letters} canManage={canManage} />
          ) : (
            <Skeleton height={96} aria-label="Loading" />
          )}
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder p="sm" h="100%">
          <RulesStandingSection engagement={engagement} canManage={canManage} />
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
