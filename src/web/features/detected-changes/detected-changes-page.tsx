// Detected changes across every client's assets, newest first. By default the triage list: changes nothing
// ties to anyone, for a dispatcher to judge (routine, authorized, a vendor's) with a reason. Filters live
// in the URL.
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconChecklist, IconUser, IconUserQuestion } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState, NoMatches } from '../../ui/empty-state.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { ListPagination } from '../../ui/list-pagination.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { describeActor, describeChange } from '../assets/change-sentences.ts';
import { useCan } from '../auth/session.ts';
import { clientOptionsQuery } from '../clients/clients-api.ts';
import { ChangeOutcomeBadge, ChangeOutcomeDetails, RejudgedMark } from './change-outcome.tsx';
import { changeOutcomeLabels, changeOutcomes, isJudgeable, outcomeQuery } from './change-outcomes.ts';
import { ChangesViewSwitch } from './changes-view-switch.tsx';
import { type AssetChange, detectedChangesQuery } from './detected-changes-api.ts';
import {
  type DetectedChangesSearch,
  outcomeFilterOf,
  parseDetectedChangesSearch,
} from './detected-changes-search.ts';
import { JudgeChangeModal } from './judge-change-modal.tsx';

const route = getRouteApi('/app/changes/detected');
const PAGE_SIZE = 50;

const outcomeOptions = [
  ...changeOutcomes.map((value) => ({ value, label: changeOutcomeLabels[value] })),
  { value: 'any', label: 'Any outcome' },
];

function ChangeCell(props: { change: AssetChange; isTriage: boolean }) {
  const { change } = props;
  return (
    <Stack gap={2} miw={0}>
      <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
        {describeChange(change)}
      </Text>
      {(!props.isTriage || change.rejudged) && change.outcome && (
        <Group gap={6} wrap="wrap">
          <ChangeOutcomeBadge outcome={change.outcome} />
          {change.rejudged && <RejudgedMark />}
          <ChangeOutcomeDetails change={change} />
        </Group>
      )}
    </Stack>
  );
}

function WhoCell(props: { change: AssetChange }) {
  const actor = describeActor(props.change);
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      {actor.isKnown ? (
        <IconUser size={13} style={{ flexShrink: 0, marginTop: 3 }} />
      ) : (
        <IconUserQuestion size={13} opacity={0.6} style={{ flexShrink: 0, marginTop: 3 }} />
      )}
      <Text size="xs" c={actor.isKnown ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
        {actor.text}
      </Text>
    </Group>
  );
}

export function DetectedChangesPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const can = useCan();
  const [judging, setJudging] = useState<AssetChange | null>(null);
  const filter = outcomeFilterOf(search);
  const isTriage = filter === 'unattributed';
  const page = search.page ?? 1;
  const list = useQuery(
    detectedChangesQuery({
      outcome: outcomeQuery(filter),
      clientId: search.clientId,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );
  const canSeeClients = can('clients.read');
  const clients = useQuery({
    ...clientOptionsQuery({ archived: 'any', limit: 500 }),
    enabled: canSeeClients,
  });
  const clientName = (id: string) => clients.data?.find((option) => option.value === id)?.label ?? '—';
  const setSearch = (patch: Partial<DetectedChangesSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }) });

  const columns: Column<AssetChange>[] = [
    {
      key: 'when',
      header: 'When',
      width: 110,
      sortValue: (change) => change.occurredAt,
      render: (change) => <RelativeTime value={change.occurredAt} />,
    },
    ...(canSeeClients
      ? [
          {
            key: 'client',
            header: 'Client',
            width: 170,
            sortValue: (change: AssetChange) => clientName(change.clientId),
            render: (change: AssetChange) => (
              <Text size="sm" truncate maw={170}>
                {clientName(change.clientId)}
              </Text>
            ),
          },
        ]
      : []),
    {
      key: 'asset',
      header: 'Asset',
      width: 140,
      sortValue: (change) => change.assetName,
      render: (change) => (
        <AnchorLink
          to="/assets/$assetId"
          params={{ assetId: change.assetId }}
          search={{ tab: 'changes' }}
          size="sm"
          fw={500}
        >
          {change.assetName}
        </AnchorLink>
      ),
    },
    {
      key: 'change',
      header: 'Change',
      render: (change) => <ChangeCell change={change} isTriage={isTriage} />,
    },
    { key: 'who', header: 'Who', width: 240, render: (change) => <WhoCell change={change} /> },
    ...(can('changes.approve')
      ? [
          {
            key: 'judge',
            header: '',
            width: 90,
            align: 'right' as const,
            render: (change: AssetChange) =>
              isJudgeable(change) && (
                <Button size="compact-sm" variant="light" onClick={() => setJudging(change)}>
                  Judge
                </Button>
              ),
          },
        ]
      : []),
  ];

  const total = list.data?.total ?? 0;
  const isFiltered = Boolean(search.clientId);
  let body: ReactNode;
  if (list.isPending) body = <TableSkeleton columns={columns.length} />;
  else if (list.isError) body = <Text c="red">{list.error.message}</Text>;
  else if (total === 0 && isTriage && !isFiltered)
    body = (
      <EmptyState
        icon={<IconChecklist size={24} />}
        title="Nothing to triage"
        description="Every detected change is tied to a change request, a routine updater or a vendor. Changes nothing ties to anyone land here for you to judge."
        action={
          <Button variant="default" onClick={() => setSearch({ outcome: 'any' })}>
            See all detected changes
          </Button>
        }
      />
    );
  else if (total === 0)
    body = (
      <NoMatches
        title="No detected changes match"
        description="Try another client or outcome, or clear the filters."
        onClear={() => navigate({ search: {} })}
      />
    );
  else
    body = (
      <DataTable
        label="Detected changes"
        columns={columns}
        rows={list.data.items}
        rowKey={(change) => change.id}
        onOpen={(change) =>
          navigate({
            to: '/assets/$assetId',
            params: { assetId: change.assetId },
            search: { tab: 'changes' },
          })
        }
        footer={
          <ListPagination
            page={page}
            pageSize={PAGE_SIZE}
            total={total}
            onChange={(next) =>
              navigate({ search: (prev) => ({ ...prev, page: next > 1 ? next : undefined }) })
            }
          />
        }
      />
    );

  const counted = filter === 'any' ? 'detected' : changeOutcomeLabels[filter].toLowerCase();
  return (
    <>
      <PageHeader
        title="Changes"
        description={
          list.data
            ? `${total} ${counted} ${total === 1 ? 'change' : 'changes'}${isTriage ? ': not tied to a vendor or a change request yet' : ''}`
            : 'What agents found changed on clients’ machines'
        }
      />
      <ChangesViewSwitch value="detected" />
      <Group gap="sm" mb="sm" align="flex-end">
        {canSeeClients && (
          <Select
            label="Client"
            placeholder="All clients"
            searchable
            clearable
            w={220}
            data={clients.data ?? []}
            value={search.clientId ?? null}
            onChange={(clientId) => setSearch({ clientId: clientId ?? undefined })}
          />
        )}
        <Select
          label="Outcome"
          w={240}
          allowDeselect={false}
          data={outcomeOptions}
          value={filter}
          onChange={(value) => setSearch({ outcome: parseDetectedChangesSearch({ outcome: value }).outcome })}
        />
      </Group>
      {body}
      <JudgeChangeModal change={judging} onClose={() => setJudging(null)} />
    </>
  );
}
