// A client's vendors, on the client page: who supports which of its applications, under which contract,
// the accounts their people use on its machines and the terms they work under there; the client's
// addendum to the rules of engagement, and the notices given to the client about its vendors.
import { Button, Group, Stack, Switch, Text } from '@mantine/core';
import { IconBuildingStore, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { clientQuery } from '../clients/clients-api.ts';
import { ClientAddendum } from '../vendor-terms/client-addendum.tsx';
import { ClientVendorNotices } from '../vendor-terms/client-vendor-notices.tsx';
import { useEngagementTerms } from '../vendor-terms/engagement-terms.tsx';
import { ClientVendorScorecards } from './client-vendor-scorecards.tsx';
import { EngagementFormModal } from './engagement-form-modal.tsx';
import { EngagementsTable } from './engagements-table.tsx';
import { engagementsQuery } from './vendors-api.ts';

export function ClientVendorsTab(props: { clientId: string }) {
  const can = useCan();
  const [showEnded, setShowEnded] = useState(false);
  const [isEngaging, setEngaging] = useState(false);
  const client = useQuery(clientQuery(props.clientId));
  const list = useQuery(
    engagementsQuery({ clientId: props.clientId, archived: showEnded ? 'any' : 'false' }),
  );
  const terms = useEngagementTerms({ clientId: props.clientId });
  const engageButton = can('vendors.manage') && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEngaging(true)}>
      Engage vendor
    </Button>
  );

  let body: ReactNode;
  if (list.isPending) body = <TableSkeleton columns={5} rows={3} />;
  else if (list.isError) body = <Text c="red">{list.error.message}</Text>;
  else if (list.data.length === 0)
    body = (
      <EmptyState
        icon={<IconBuildingStore size={24} />}
        title="No vendors yet"
        description="Add the vendors who support this client's applications, with the accounts their people use on its machines."
        action={engageButton}
      />
    );
  else body = <EngagementsTable engagements={list.data} show="vendor" label="Vendors" terms={terms} />;

  return (
    <Stack gap="xl">
      <div>
        <Group justify="space-between" mb="sm">
          <Text size="sm" c="dimmed">
            {list.data
              ? `${list.data.length} ${list.data.length === 1 ? 'engagement' : 'engagements'}`
              : 'Vendors'}
          </Text>
          <Group gap="md">
            <Switch
              label="Show ended"
              checked={showEnded}
              onChange={(event) => setShowEnded(event.currentTarget.checked)}
            />
            {list.data?.length ? engageButton : null}
          </Group>
        </Group>
        {body}
      </div>
      <ClientVendorScorecards
        clientId={props.clientId}
        vendors={list.data?.filter((e) => !e.archived) ?? []}
      />
      <ClientAddendum clientId={props.clientId} clientName={client.data?.name ?? 'this client'} />
      <ClientVendorNotices clientId={props.clientId} hasVendors={Boolean(list.data?.length)} />
      <EngagementFormModal opened={isEngaging} onClose={() => setEngaging(false)} clientId={props.clientId} />
    </Stack>
  );
}
