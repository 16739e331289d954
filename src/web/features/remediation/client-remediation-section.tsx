// A client's remediation plans on its page (open and decided), with filing a plan for this client.
import { Box, Button, Group, Text, Title } from '@mantine/core';
import { IconHeartHandshake, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { FilePlanModal } from './file-plan-modal.tsx';
import { PlansTable } from './plans-table.tsx';
import { remediationListQuery } from './remediation-api.ts';

export function ClientRemediationSection(props: { clientId: string; clientName: string; archived: boolean }) {
  const { clientId, clientName } = props;
  const can = useCan();
  const navigate = useNavigate();
  const [isFiling, setFiling] = useState(false);
  const plans = useQuery(remediationListQuery({ clientId, state: 'all' }));
  const fileButton = can('remediation.manage') && !props.archived && (
    <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setFiling(true)}>
      File a plan
    </Button>
  );

  return (
    <Box component="section" aria-label="Remediation plans" mt="xl">
      <Group justify="space-between" mb="sm" align="flex-end">
        <div>
          <Title order={2} fz="h4">
            Remediation plans
          </Title>
          <Text size="sm" c="dimmed">
            Time-boxed plans about {clientName}’s relationships, each ending in a recorded decision.
          </Text>
        </div>
        {plans.data?.length ? fileButton : null}
      </Group>
      {plans.isPending ? (
        <TableSkeleton columns={4} rows={2} />
      ) : plans.isError ? (
        <Text c="red" size="sm">
          {plans.error.message}
        </Text>
      ) : plans.data.length === 0 ? (
        <EmptyState
          icon={<IconHeartHandshake size={24} />}
          title="No remediation plans"
          description={`If ${clientName} raises a concern about your service, you have one about a vendor of theirs, or a vendor should come under the agreement, file a plan: answered with items, time-boxed, ending in a decision.`}
          action={fileButton}
        />
      ) : (
        <PlansTable plans={plans.data} showClient={false} label={`Remediation plans of ${clientName}`} />
      )}
      <FilePlanModal
        opened={isFiling}
        onClose={() => setFiling(false)}
        clientId={clientId}
        onFiled={(plan) => navigate({ to: '/remediation/$planId', params: { planId: plan.id } })}
      />
    </Box>
  );
}
