// Agreements of every client the user can see; the status and client filters live in the URL so a view
// can be bookmarked and shared.
import { Group, SegmentedControl, Select, Text } from '@mantine/core';
import { IconContract, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { AgreementStatus } from '../../../shared/api/agreements.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { clientListQuery } from '../clients/clients-api.ts';
import { statusLabels } from './agreement-display.tsx';
import { agreementListQuery } from './agreements-api.ts';
import { AgreementsTable } from './agreements-table.tsx';

const route = getRouteApi('/app/agreements');

export interface AgreementsSearch {
  status?: AgreementStatus;
  clientId?: string;
}

export function AgreementsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const can = useCan();
  const canManage = can('billing.manage');
  const agreements = useQuery(agreementListQuery({ clientId: search.clientId, status: search.status }));
  const clients = useQuery({
    ...clientListQuery({ archived: 'any', limit: 500 }),
    enabled: can('clients.read'),
  });

  const addButton = canManage && (
    <ButtonLink
      to="/agreements/new"
      search={{ clientId: search.clientId }}
      leftSection={<IconPlus size={16} />}
    >
      Add agreement
    </ButtonLink>
  );
  const isFiltered = Boolean(search.status || search.clientId);

  return (
    <>
      <PageHeader
        title="Agreements"
        description="What each client has bought: its rates, what it covers, and what it bills every month."
        actions={addButton}
      />
      <Group mb="md" gap="sm" justify="space-between">
        <SegmentedControl
          size="xs"
          aria-label="Status"
          value={search.status ?? 'any'}
          onChange={(value) =>
            void navigate({
              search: (current) => ({
                ...current,
                status: value === 'any' ? undefined : (value as AgreementStatus),
              }),
            })
          }
          data={[
            { value: 'any', label: 'All' },
            ...(['active', 'upcoming', 'ended'] as const).map((value) => ({
              value,
              label: statusLabels[value],
            })),
          ]}
        />
        <Select
          aria-label="Client"
          placeholder="All clients"
          searchable
          clearable
          w={260}
          size="xs"
          data={(clients.data?.items ?? []).map((client) => ({ value: client.id, label: client.name }))}
          value={search.clientId ?? null}
          onChange={(clientId) =>
            void navigate({ search: (current) => ({ ...current, clientId: clientId ?? undefined }) })
          }
        />
      </Group>
      {agreements.isPending ? (
        <TableSkeleton columns={6} rows={6} />
      ) : agreements.isError ? (
        <Text c="red">{agreements.error.message}</Text>
      ) : agreements.data.length === 0 ? (
        <EmptyState
          icon={<IconContract size={24} />}
          title={isFiltered ? 'No agreements match these filters' : 'No agreements yet'}
          description={
            isFiltered
              ? 'Try another status or client.'
              : 'An agreement says what a client has bought — managed services, block hours, a retainer — and how their time is billed.'
          }
          action={addButton || undefined}
        />
      ) : (
        <AgreementsTable agreements={agreements.data} showClient label="Agreements" />
      )}
    </>
  );
}
