// What changed on an asset between its agent's reports, newest first and grouped by day: one sentence per
// change, when (a logged time, or the window between two reports), and who (the logged actor, else who was
// logged on), and whose doing it was (its outcome, the reason, and what backs it). Filtered by kind (by the
// server) and by outcome; staff with changes.approve can re-judge an outcome.
import {
  Box,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconHistory, IconUser, IconUserQuestion } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { browserTimeZone, formatDate, formatDateTime } from '../../ui/format.ts';
import { ListPagination } from '../../ui/list-pagination.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useNow } from '../../ui/use-now.ts';
import { useCan } from '../auth/session.ts';
import {
  ChangeOutcomeBadge,
  ChangeOutcomeDetails,
  RejudgedMark,
} from '../detected-changes/change-outcome.tsx';
import {
  type ChangeOutcome,
  changeOutcomeLabels,
  changeOutcomes,
  isJudgeable,
} from '../detected-changes/change-outcomes.ts';
import { JudgeChangeModal } from '../detected-changes/judge-change-modal.tsx';
import {
  type ChangeGroup,
  changeGroupLabels,
  changeGroups,
  changeWhen,
  dayLabel,
  describeActor,
  describeChange,
  groupByDay,
  isAlarming,
  localDay,
} from './change-sentences.ts';
import { type AssetChange, assetChangesQuery } from './inventory-api.ts';

const PAGE_SIZE = 50;

const time = (iso: string, zone: string) => formatDateTime(iso, zone).split(', ')[1] ?? iso;

function When(props: { change: AssetChange; zone: string }) {
  const when = changeWhen(props.change);
  const full = (iso: string) => `${formatDateTime(iso, props.zone)} (${props.zone})`;
  if ('at' in when) {
    return (
      <Tooltip label={`${full(when.at)}, from the machine's log`}>
        <Text size="xs" c="dimmed" className="tabular">
          {time(when.at, props.zone)}
        </Text>
      </Tooltip>
    );
  }
  if ('from' in when) {
    // Under its day's heading the end needs only its time; the start too when it is the same day.
    const sameDay = localDay(when.from, props.zone) === localDay(when.to, props.zone);
    const from = sameDay ? time(when.from, props.zone) : formatDateTime(when.from, props.zone);
    return (
      <Tooltip
        label={`No log names the time: it happened between two of the agent's reports, ${full(when.from)} and ${full(when.to)}`}
        multiline
        maw={360}
      >
        <Text size="xs" c="dimmed" className="tabular">
          {`between ${from} and ${time(when.to, props.zone)}`}
        </Text>
      </Tooltip>
    );
  }
  return (
    <Text size="xs" c="dimmed" className="tabular">
      {`by ${full(when.by)}`}
    </Text>
  );
}

function ChangeRow(props: { change: AssetChange; zone: string; onJudge?: (change: AssetChange) => void }) {
  const { change, onJudge } = props;
  const actor = describeActor(change);
  const alarming = isAlarming(change);
  const sentence = describeChange(change);
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" py={6} component="li">
      <ThemeIcon size={22} radius="xl" variant="light" color={alarming ? 'red' : 'gray'} mt={2}>
        {alarming ? <IconAlertTriangle size={13} /> : <IconHistory size={13} />}
      </ThemeIcon>
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {sentence}
          </Text>
          {change.outcome && <ChangeOutcomeBadge outcome={change.outcome} />}
          {change.rejudged && <RejudgedMark />}
        </Group>
        <Group gap={6} wrap="wrap">
          <When change={change} zone={props.zone} />
          <Text size="xs" c="dimmed">
            ·
          </Text>
          <Group gap={3} wrap="nowrap">
            {actor.isKnown ? <IconUser size={12} /> : <IconUserQuestion size={12} opacity={0.6} />}
            <Text size="xs" c={actor.isKnown ? undefined : 'dimmed'}>
              {actor.text}
            </Text>
          </Group>
        </Group>
        <ChangeOutcomeDetails change={change} />
      </Stack>
      {onJudge && isJudgeable(change) && (
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={`Judge: ${sentence}`}
          onClick={() => onJudge(change)}
        >
          Judge
        </Button>
      )}
    </Group>
  );
}

const outcomeEmptyTitles: Record<ChangeOutcome, string> = {
  authorized: 'No authorized changes',
  routine: 'No routine changes',
  unattributed: 'No unattributed changes',
  vendor: 'No changes outside an approved window',
};

export function AssetChangesView(props: { assetId: string }) {
  const [group, setGroup] = useState<ChangeGroup | 'all'>('all');
  const [outcome, setOutcome] = useState<ChangeOutcome | 'all'>('all');
  const [page, setPage] = useState(1);
  const [judging, setJudging] = useState<AssetChange | null>(null);
  const can = useCan();
  const now = useNow(60_000);
  const zone = browserTimeZone();
  const byOutcome = outcome !== 'all';
  const changes = useQuery(
    assetChangesQuery(props.assetId, {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
      kind: group === 'all' ? undefined : group,
      outcome: byOutcome ? outcome : undefined,
    }),
  );
  const shown = changes.data?.items ?? [];
  const total = changes.data?.total ?? 0;

  let emptyTitle = 'No changes yet';
  if (byOutcome) emptyTitle = outcomeEmptyTitles[outcome];
  else if (group !== 'all') emptyTitle = `No ${changeGroupLabels[group].toLowerCase()} changes`;

  return (
    <Stack gap="md">
      <Group gap="md" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="xs" fw={500} id="asset-change-kind">
            Kind
          </Text>
          <SegmentedControl
            aria-labelledby="asset-change-kind"
            size="xs"
            value={group}
            onChange={(value) => {
              setGroup(value as ChangeGroup | 'all');
              setPage(1);
            }}
            data={[
              { value: 'all', label: 'All' },
              ...changeGroups.map((value) => ({ value, label: changeGroupLabels[value] })),
            ]}
          />
        </Stack>
        <Select
          label="Outcome"
          size="xs"
          w={220}
          allowDeselect={false}
          value={outcome}
          onChange={(value) => {
            setOutcome(changeOutcomes.find((o) => o === value) ?? 'all');
            setPage(1);
          }}
          data={[
            { value: 'all', label: 'Any outcome' },
            ...changeOutcomes.map((value) => ({ value, label: changeOutcomeLabels[value] })),
          ]}
        />
      </Group>
      {changes.isPending || changes.isError ? (
        <QueryState query={changes} height={240} />
      ) : total === 0 ? (
        <EmptyState
          icon={<IconHistory size={24} />}
          title={emptyTitle}
          description={
            byOutcome || group !== 'all'
              ? 'Try another kind or outcome.'
              : 'Changes appear once the agent has sent two reports that differ: software installed or upgraded, services, accounts and passwords, disk health, backups.'
          }
        />
      ) : (
        <Paper withBorder>
          <Stack gap={0} p="md" pb="xs">
            {groupByDay(shown, zone).map((day) => (
              <Box
                key={day.day}
                component="section"
                aria-label={dayLabel(day.day, now, zone, formatDate)}
                mb="sm"
              >
                <Title order={3} fz="sm" c="dimmed" tt="uppercase" lts={0.3} mb={2}>
                  {dayLabel(day.day, now, zone, formatDate)}
                </Title>
                <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                  {day.items.map((change) => (
                    <ChangeRow
                      key={change.id}
                      change={change}
                      zone={zone}
                      onJudge={can('changes.approve') ? setJudging : undefined}
                    />
                  ))}
                </Box>
              </Box>
            ))}
          </Stack>
          <ListPagination page={page} pageSize={PAGE_SIZE} total={total} onChange={setPage} />
        </Paper>
      )}
      <JudgeChangeModal change={judging} onClose={() => setJudging(null)} />
    </Stack>
  );
}
