// The figures at the top of an SLA statement: tiles (compliance per clock, breaches, pause time) and the
// targets by priority and basis, guaranteed and best effort.
import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Priority } from '../../../shared/api/sla-policies.ts';
import type { Tally } from '../../../shared/api/sla-statements.ts';
import { formatMinutes } from '../../ui/format.ts';
import { priorityColors, priorityLabels } from '../tickets/ticket-labels.ts';
import type { SlaStatement } from './sla-statements-api.ts';
import {
  basisLabels,
  formatPercent,
  monthInWords,
  pauseLabels,
  type StatementAudience,
  totalPausedMinutes,
} from './statement-format.ts';

const numeric = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;
/** A rule between the table's two clocks. */
const groupStart = { borderInlineStart: '1px solid var(--table-border-color)' } as const;

function Tile(props: { label: string; value: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-label={props.label}>
      <Text size="xs" c="dimmed" fw={500}>
        {props.label}
      </Text>
      <Text fz={26} fw={600} lh={1.3} className="tabular">
        {props.value}
      </Text>
      <Text size="xs" c="dimmed" component="div">
        {props.children}
      </Text>
    </Paper>
  );
}

/** The guaranteed clocks' tally of one kind, summed over the priorities. */
function guaranteedTally(statement: SlaStatement, clock: 'firstResponse' | 'resolution'): Tally {
  const total = { met: 0, missed: 0, pending: 0 };
  for (const row of statement.rows) {
    if (row.basis !== 'guaranteed') continue;
    total.met += row[clock].met;
    total.missed += row[clock].missed;
    total.pending += row[clock].pending;
  }
  return total;
}

function complianceNote(tally: Tally): string {
  const decided = tally.met + tally.missed;
  const pending = tally.pending > 0 ? ` · ${tally.pending} pending` : '';
  if (decided === 0)
    return tally.pending > 0 ? `Nothing decided yet${pending}` : 'No guaranteed target fell due';
  return `${tally.met} of ${decided} guaranteed ${decided === 1 ? 'target' : 'targets'} met${pending}`;
}

export function StatementTiles(props: { statement: SlaStatement; audience?: StatementAudience }) {
  const { statement } = props;
  const firstResponse = guaranteedTally(statement, 'firstResponse');
  const resolution = guaranteedTally(statement, 'resolution');
  const explained = statement.breaches.filter((breach) => breach.explanation !== null).length;
  const paused = statement.pausedMinutes;
  const pauses = (Object.keys(pauseLabels) as (keyof typeof paused)[]).filter((reason) => paused[reason] > 0);
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      <Tile label="First-response compliance" value={formatPercent(statement.compliance.firstResponse)}>
        {complianceNote(firstResponse)}
      </Tile>
      <Tile label="Resolution compliance" value={formatPercent(statement.compliance.resolution)}>
        {complianceNote(resolution)}
      </Tile>
      <Tile label="Breaches" value={statement.breaches.length}>
        {statement.breaches.length === 0
          ? 'No target missed'
          : `${explained} of ${statement.breaches.length} explained${props.audience === 'client' ? '' : ' to the client'}`}
      </Tile>
      <Tile label="Paused" value={formatMinutes(totalPausedMinutes(paused), '0 min')}>
        {pauses.length === 0
          ? 'No resolution clock paused'
          : pauses.map((reason) => (
              <div key={reason}>
                {pauseLabels[reason]}: <span className="tabular">{formatMinutes(paused[reason])}</span>
              </div>
            ))}
      </Tile>
    </SimpleGrid>
  );
}

function PriorityCell(props: { priority: Priority; labels: Record<Priority, string> }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Badge size="sm" variant="light" color={priorityColors[props.priority]}>
        {props.priority}
      </Badge>
      <Text size="sm">{props.labels[props.priority]}</Text>
    </Group>
  );
}

function TallyCells(props: { tally: Tally }) {
  const { met, missed, pending } = props.tally;
  const cell = (value: number, emphasis?: 'red', first = false) => (
    <Table.Td style={first ? { ...numeric, ...groupStart } : numeric}>
      {value === 0 ? (
        <Text span size="sm" c="dimmed">
          0
        </Text>
      ) : (
        <Text span size="sm" c={emphasis} fw={emphasis ? 600 : undefined}>
          {value}
        </Text>
      )}
    </Table.Td>
  );
  return (
    <>
      {cell(met, undefined, true)}
      {cell(missed, 'red')}
      {cell(pending)}
    </>
  );
}

/** `priorityLabels`: the client portal names priorities by what they mean for the business. */
export function StatementTable(props: {
  statement: SlaStatement;
  priorityLabels?: Record<Priority, string>;
}) {
  const { statement } = props;
  const subHeads = (
    <>
      <Table.Th style={{ ...numeric, ...groupStart }}>Met</Table.Th>
      <Table.Th style={numeric}>Missed</Table.Th>
      <Table.Th style={numeric}>Pending</Table.Th>
    </>
  );
  return (
    <Stack gap={6}>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing={6} aria-label="Targets by priority and basis" withRowBorders>
            <Table.Thead>
              <Table.Tr>
                <Table.Th rowSpan={2}>Priority</Table.Th>
                <Table.Th rowSpan={2}>Basis</Table.Th>
                <Table.Th rowSpan={2} style={numeric}>
                  Tickets
                </Table.Th>
                <Table.Th colSpan={3} ta="center" style={groupStart}>
                  First response
                </Table.Th>
                <Table.Th colSpan={3} ta="center" style={groupStart}>
                  Resolution
                </Table.Th>
              </Table.Tr>
              <Table.Tr>
                {subHeads}
                {subHeads}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={9}>
                    <Text size="sm" c="dimmed" ta="center" py="sm">
                      No target fell due in {monthInWords(statement.month)}.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {statement.rows.map((row) => (
                <Table.Tr key={`${row.priority}-${row.basis}`}>
                  <Table.Td>
                    <PriorityCell priority={row.priority} labels={props.priorityLabels ?? priorityLabels} />
                  </Table.Td>
                  <Table.Td>
                    {row.basis === 'guaranteed' ? (
                      <Text size="sm">{basisLabels.guaranteed}</Text>
                    ) : (
                      <Tooltip label="Shown, but not counted towards compliance">
                        <Text size="sm" c="dimmed" fs="italic" component="span">
                          {basisLabels.best_effort}
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td style={numeric}>{row.tickets}</Table.Td>
                  <TallyCells tally={row.firstResponse} />
                  <TallyCells tally={row.resolution} />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Text size="xs" c="dimmed">
        Best effort: tickets on an unmanaged or non-standard asset, or on one under a coverage hold, are
        measured and listed but do not count towards compliance. Targets count in the month they fell due,
        read in {statement.timeZone}.
      </Text>
    </Stack>
  );
}

export function StatementSummarySkeleton() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        {['a', 'b', 'c', 'd'].map((key) => (
          <Skeleton key={key} h={92} radius="md" />
        ))}
      </SimpleGrid>
      <Skeleton h={150} radius="md" />
      <Skeleton h={120} radius="md" />
    </Stack>
  );
}
