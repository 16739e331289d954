// One vendor: its details, and its engagements at the clients the user sees, each with its support
// contract, renewal, the accounts the vendor's people use there, its Letter of Agency and its standing
// with the rules of engagement; and the vendor's people who sign in to the vendor portal.
import { Anchor, Badge, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconBuildingStore, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DetailField } from '../../ui/detail-field.tsx';
import { EditArchiveActions } from '../../ui/edit-archive-actions.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton, TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { useEngagementTerms } from '../vendor-terms/engagement-terms.tsx';
import { VendorUsersSection } from '../vendor-users/vendor-users-section.tsx';
import { EngagementFormModal } from './engagement-form-modal.tsx';
import { EngagementsTable } from './engagements-table.tsx';
import { ProductChips } from './product-chips.tsx';
import { VendorFormModal } from './vendor-form-modal.tsx';
import { VendorScorecard } from './vendor-scorecard.tsx';
import { updateVendor, type Vendor, vendorEngagementsQuery, vendorKeys, vendorQuery } from './vendors-api.ts';

const route = getRouteApi('/app/vendors/$vendorId');

export function VendorDetailPage() {
  const { vendorId } = route.useParams();
  const can = useCan();
  const queryClient = useQueryClient();
  const vendor = useQuery(vendorQuery(vendorId));
  const [isEditing, setEditing] = useState(false);
  const [isConfirmingArchive, setConfirmingArchive] = useState(false);

  const setArchived = useMutation({
    mutationFn: (archived: boolean) => updateVendor(vendorId, { archived }),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
      notifySuccess(updated.archived ? `${updated.name} archived` : `${updated.name} restored`);
    },
    onError: (error) => notifyError(error, 'Could not change the vendor'),
  });

  if (vendor.isPending) return <PageSkeleton />;
  if (vendor.isError) {
    if (isApiError(vendor.error, 404) || isApiError(vendor.error, 400)) {
      return (
        <NotFoundPage
          title="Vendor not found"
          message="This vendor does not exist in your organization."
          action={
            <ButtonLink to="/vendors" variant="default">
              Back to vendors
            </ButtonLink>
          }
        />
      );
    }
    return <NotFoundPage title="Could not load the vendor" message={vendor.error.message} />;
  }
  const data = vendor.data;

  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/vendors" size="sm" c="dimmed">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={14} /> Vendors
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
        description={`Engaged at ${data.engagementCount} ${data.engagementCount === 1 ? 'client' : 'clients'}`}
        actions={
          can('vendors.manage') && (
            <EditArchiveActions
              noun="vendor"
              archived={data.archived}
              onEdit={() => setEditing(true)}
              onArchive={() => setConfirmingArchive(true)}
              onRestore={() => setArchived.mutate(false)}
            />
          )
        }
      />
      <Stack gap="lg">
        <VendorDetails vendor={data} />
        <VendorEngagements vendor={data} />
        <VendorUsersSection vendor={data} />
        <VendorScorecard vendorId={data.id} />
      </Stack>
      <VendorFormModal opened={isEditing} onClose={() => setEditing(false)} vendor={data} />
      <ConfirmDialog
        opened={isConfirmingArchive}
        onClose={() => setConfirmingArchive(false)}
        title="Archive vendor?"
        message={`${data.name} will be hidden from the vendor list and takes no new engagements. Its engagements and accounts stay, and you can restore it at any time.`}
        confirmLabel="Archive"
        onConfirm={() => setArchived.mutateAsync(true)}
      />
    </>
  );
}

function VendorDetails(props: { vendor: Vendor }) {
  const { vendor } = props;
  return (
    <Paper withBorder p="md" maw={760} component="section" aria-label="Details">
      <Title order={2} fz="h4" mb="sm">
        Details
      </Title>
      <Stack gap={6}>
        <DetailField label="Products">
          {vendor.products.length > 0 && <ProductChips products={vendor.products} />}
        </DetailField>
        <DetailField label="Support email">
          {vendor.supportEmail && (
            <Anchor href={`mailto:${vendor.supportEmail}`} size="sm">
              {vendor.supportEmail}
            </Anchor>
          )}
        </DetailField>
        <DetailField label="Support phone">{vendor.supportPhone}</DetailField>
        <DetailField label="Website">
          {vendor.website && /^https?:\/\//i.test(vendor.website) ? (
            <Anchor href={vendor.website} target="_blank" rel="noopener noreferrer" size="sm">
              {vendor.website}
            </Anchor>
          ) : (
            vendor.website
          )}
        </DetailField>
        <DetailField label="Notes">
          {vendor.notes && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {vendor.notes}
            </Text>
          )}
        </DetailField>
      </Stack>
    </Paper>
  );
}

function VendorEngagements(props: { vendor: Vendor }) {
  const { vendor } = props;
  const can = useCan();
  const [showEnded, setShowEnded] = useState(false);
  const [isEngaging, setEngaging] = useState(false);
  const engagements = useQuery(vendorEngagementsQuery(vendor.id, { archived: showEnded ? 'any' : 'false' }));
  const terms = useEngagementTerms({ vendorId: vendor.id });
  const engageButton = can('vendors.manage') && !vendor.archived && (
    <Button leftSection={<IconPlus size={16} />} variant="default" onClick={() => setEngaging(true)}>
      Engage at a client
    </Button>
  );

  let body: ReactNode;
  if (engagements.isPending) body = <TableSkeleton columns={5} rows={3} />;
  else if (engagements.isError) body = <Text c="red">{engagements.error.message}</Text>;
  else if (engagements.data.length === 0)
    body = (
      <EmptyState
        icon={<IconBuildingStore size={24} />}
        title={showEnded ? 'No engagements' : 'Not engaged at any client yet'}
        description="Engage the vendor at each client whose application it supports, then add the accounts its people use there, so changes they make are tied to the vendor."
        action={engageButton}
      />
    );
  else
    body = (
      <EngagementsTable engagements={engagements.data} show="client" label="Engagements" terms={terms} />
    );

  return (
    <section aria-label="Engagements">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          Engagements
        </Title>
        <Group gap="md">
          <Switch
            label="Show ended"
            checked={showEnded}
            onChange={(event) => setShowEnded(event.currentTarget.checked)}
          />
          {engagements.data?.length ? engageButton : null}
        </Group>
      </Group>
      {body}
      <EngagementFormModal opened={isEngaging} onClose={() => setEngaging(false)} vendor={vendor} />
    </section>
  );
}
