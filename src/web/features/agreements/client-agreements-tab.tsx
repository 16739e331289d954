// A client's agreements, on the client's page, with a way to add one for this client.
import { Group, Text } from '@mantine/core';
import { IconContract, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { agreementListQuery } from './agreements-api.ts';
import { AgreementsTable } from './agreements-table.tsx';

export function ClientAgreementsTab(props: { clientId: string; clientName: string }) {
  const can = useCan();
  const agreements = useQuery(agreementListQuery({ clientId: props.clientId }));
  const addButton = can('billing.manage') && (
    <ButtonLink
      to="/agreements/new"
      search={{ clientId: props.clientId }}
      variant="default"
      leftSection={<IconPlus size={15} />}
    >
      Add agreement
    </ButtonLink>
  );

  if (agreements.isPending) return <TableSkeleton columns={5} rows={3} />;
  if (agreements.isError) return <Text c="red">{agreements.error.message}</Text>;
  if (agreements.data.length === 0) {
    return (
      <EmptyState
        icon={<IconContract size={24} />}
        title="No agreements yet"
        description={`Without an agreement, ${props.clientName}'s time has no rates to bill by. Add what they have bought: managed services, block hours, break/fix.`}
        action={addButton || undefined}
      />
    );
  }
  return (
    <>
      {addButton && (
        <Group justify="flex-end" mb="sm">
          {addButton}
        </Group>
      )}
      <AgreementsTable
        agreements={agreements.data}
        showClient={false}
        label={`Agreements of ${props.clientName}`}
      />
    </>
  );
}
