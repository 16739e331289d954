// The vendor portal's first page: the vendor's open requests and the changes recorded outside an approved
// window, and its engagements at the MSP's clients with each one's Letter of Agency and rules standing.
import { Alert, Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBuildingStore, IconFileCheck, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { portalOverviewQuery } from './portal-api.ts';
import { needsAcknowledging, PortalEngagements } from './portal-engagements.tsx';
import { PortalRequestFormModal } from './portal-request-form-modal.tsx';

export function PortalOverviewPage() {
  const overview = useQuery(portalOverviewQuery);
  const navigate = useNavigate();
  const [isRequesting, setRequesting] = useState(false);

  if (overview.isPending) return <PageSkeleton />;
  if (overview.isError) return <Text c="red">{overview.error.message}</Text>;
  const data = overview.data;
  const toAcknowledge = data.engagements.filter(needsAcknowledging);
  const newRequest = data.engagements.length > 0 && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setRequesting(true)}>
      New change request
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Overview"
        description={`${data.vendor.name}’s work at ${data.mspName}’s clients`}
        actions={newRequest}
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <CountCard label="Engagements" value={data.engagements.length}>
            {data.engagements.length === 1 ? 'client' : 'clients'} where you work
          </CountCard>
          <CountCard label="Open change requests" value={data.openChangeRequests}>
            <AnchorLink to="/vendor/requests" search={{ status: 'open' }} size="sm">
              See open requests
            </AnchorLink>
          </CountCard>
          <CountCard label="Changes outside an approved window" value={data.changesOutsideWindows}>
            {'In the last 30 days · '}
            <AnchorLink to="/vendor/attributions" size="sm">
              See them
            </AnchorLink>
          </CountCard>
        </SimpleGrid>
        {toAcknowledge.length > 0 && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconFileCheck size={18} />}
            title="Rules to acknowledge"
          >
            {data.mspName} accepts change requests at a client once {data.vendor.name} has acknowledged the
            rules in force there. Still to do:{' '}
            {toAcknowledge.map((engagement, index) => (
              <span key={engagement.id}>
                {index > 0 && ', '}
                <AnchorLink
                  to="/vendor/rules/$engagementId"
                  params={{ engagementId: engagement.id }}
                  size="sm"
                  fw={500}
                >
                  {engagement.clientName} ({engagement.product})
                </AnchorLink>
              </span>
            ))}
            .
          </Alert>
        )}
        <section aria-label="Engagements">
          <Title order={2} fz="h4" mb="sm">
            Engagements
          </Title>
          {data.engagements.length === 0 ? (
            <EmptyState
              icon={<IconBuildingStore size={24} />}
              title="No engagements yet"
              description={`${data.mspName} has not engaged ${data.vendor.name} at any of its clients yet. Once it has, the clients appear here, and you can raise change requests for their systems.`}
            />
          ) : (
            <PortalEngagements engagements={data.engagements} />
          )}
        </section>
      </Stack>
      <PortalRequestFormModal
        opened={isRequesting}
        onClose={() => setRequesting(false)}
        engagements={data.engagements}
        onSaved={(request) =>
          navigate({ to: '/vendor/requests/$requestId', params: { requestId: request.id } })
        }
      />
    </>
  );
}

function CountCard(props: { label: string; value: number; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={props.label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {props.label}
      </Text>
      <Text fz={30} fw={700} className="tabular" lh={1.3}>
        {props.value}
      </Text>
      <Text size="sm" c="dimmed" component="div">
        {props.children}
      </Text>
    </Paper>
  );
}
