// One client: overview, sites, contacts (with its portal users) and agreements in tabs (the tab is in the
// URL). A client outside the user's scope answers 404 like a missing one, and shows the same not-found page.
import { Badge, Box, Group, Tabs } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import type { ClientTab } from '../../router.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EditArchiveActions } from '../../ui/edit-archive-actions.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { ClientAgreementsTab } from '../agreements/client-agreements-tab.tsx';
import { ClientAssetsTab } from '../assets/client-assets-tab.tsx';
import { useCan } from '../auth/session.ts';
import { ClientChangeCalendar } from '../change-requests/client-change-calendar.tsx';
import { ClientRemediationSection } from '../remediation/client-remediation-section.tsx';
import { ClientVendorsTab } from '../vendors/client-vendors-tab.tsx';
import { ClientFormModal } from './client-form-modal.tsx';
import { ClientOverview } from './client-overview.tsx';
import { clientKeys, clientQuery, updateClient } from './clients-api.ts';
import { ContactsTab } from './contacts-tab.tsx';
import { PortalUsersSection } from './portal-users-section.tsx';
import { SitesTab } from './sites-tab.tsx';

const route = getRouteApi('/app/clients/$clientId');

export function ClientDetailPage() {
  const { clientId } = route.useParams();
  const { tab = 'overview' } = route.useSearch();
  const navigate = route.useNavigate();
  const can = useCan();
  const queryClient = useQueryClient();
  const client = useQuery(clientQuery(clientId));
  const [isEditing, setEditing] = useState(false);
  const [isConfirmingArchive, setConfirmingArchive] = useState(false);

  const setArchived = useMutation({
    // emailDomains rides along because the API's PATCH currently resets omitted domains to [] (reported).
    mutationFn: (archived: boolean) =>
      updateClient(clientId, { archived, emailDomains: client.data?.emailDomains ?? [] }),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: clientKeys.all });
      notifySuccess(updated.archived ? `${updated.name} archived` : `${updated.name} restored`);
    },
    onError: (error) => notifyError(error, 'Could not change the client'),
  });

  if (client.isPending) return <PageSkeleton />;
  if (client.isError) {
    if (isApiError(client.error, 404) || isApiError(client.error, 400)) {
      return (
        <NotFoundPage
          title="Client not found"
          message="This client does not exist, or it is outside the clients you have access to."
          action={
            <ButtonLink to="/clients" variant="default">
              Back to clients
            </ButtonLink>
          }
        />
      );
    }
    return <NotFoundPage title="Could not load the client" message={client.error.message} />;
  }
  const data = client.data;
  const canManage = can('clients.manage');
  const canReadAgreements = can('billing.read');
  const canReadAssets = can('assets.read');
  const canReadVendors = can('vendors.read');

  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/clients" size="sm" c="dimmed">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={14} /> Clients
            </Group>
          </AnchorLink>
        }
        title={data.name}
        badges={
          data.archived && (
            <Badge variant="light" color="gray">
              Archived
            </Badge>
          )
        }
        description={data.emailDomains.length ? data.emailDomains.join(' · ') : undefined}
        actions={
          canManage && (
            <EditArchiveActions
              noun="client"
              archived={data.archived}
              onEdit={() => setEditing(true)}
              onArchive={() => setConfirmingArchive(true)}
              onRestore={() => setArchived.mutate(false)}
            />
          )
        }
      />

      <Tabs
        value={tab}
        onChange={(next) =>
          navigate({ search: { tab: next === 'overview' ? undefined : (next as ClientTab) }, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="sites" rightSection={<CountBadge count={data.siteCount} />}>
            Sites
          </Tabs.Tab>
          <Tabs.Tab value="contacts" rightSection={<CountBadge count={data.contactCount} />}>
            Contacts
          </Tabs.Tab>
          {canReadAssets && <Tabs.Tab value="assets">Assets</Tabs.Tab>}
          {canReadVendors && <Tabs.Tab value="vendors">Vendors</Tabs.Tab>}
          {canReadAgreements && <Tabs.Tab value="agreements">Agreements</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <ClientOverview client={data} />
          {canReadAssets && <ClientChangeCalendar clientId={clientId} />}
          <ClientRemediationSection clientId={clientId} clientName={data.name} archived={data.archived} />
        </Tabs.Panel>
        <Tabs.Panel value="sites">
          <SitesTab clientId={clientId} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="contacts">
          <ContactsTab clientId={clientId} canManage={canManage} />
          <Box mt="xl">
            <PortalUsersSection clientId={clientId} clientName={data.name} archived={data.archived} />
          </Box>
        </Tabs.Panel>
        {canReadAssets && (
          <Tabs.Panel value="assets">
            <ClientAssetsTab clientId={clientId} />
          </Tabs.Panel>
        )}
        {canReadVendors && (
          <Tabs.Panel value="vendors">
            <ClientVendorsTab clientId={clientId} />
          </Tabs.Panel>
        )}
        {canReadAgreements && (
          <Tabs.Panel value="agreements">
            <ClientAgreementsTab clientId={clientId} clientName={data.name} />
          </Tabs.Panel>
        )}
      </Tabs>

      <ClientFormModal opened={isEditing} onClose={() => setEditing(false)} client={data} />
      <ConfirmDialog
        opened={isConfirmingArchive}
        onClose={() => setConfirmingArchive(false)}
        title="Archive client?"
        message={`${data.name} will be hidden from lists and pickers. Its history stays, and you can restore it at any time.`}
        confirmLabel="Archive"
        onConfirm={() => setArchived.mutateAsync(true)}
      />
    </>
  );
}

function CountBadge(props: { count: number }) {
  return (
    <Badge size="xs" variant="light" color="gray" circle={props.count < 10}>
      {props.count}
    </Badge>
  );
}
