// A client's sites, each with its own time zone (shown with the current local time there).
import { ActionIcon, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconMapPin, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { clientKeys, deleteSite, type Site, sitesQuery } from './clients-api.ts';
import { SiteFormModal } from './site-form-modal.tsx';

function localTime(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date());
  } catch {
    return '';
  }
}

export function SitesTab(props: { clientId: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const sites = useQuery(sitesQuery(props.clientId));
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Site | null>(null);

  const remove = useMutation({
    mutationFn: (site: Site) => deleteSite(site.id),
    onSuccess: async (_, site) => {
      await queryClient.invalidateQueries({ queryKey: clientKeys.all });
      notifySuccess(`Site ${site.name} deleted`);
    },
    onError: (error) => notifyError(error, 'Could not delete the site'),
  });

  const columns: Column<Site>[] = [
    {
      key: 'name',
      header: 'Site',
      sortValue: (site) => site.name,
      render: (site) => <Text fw={500}>{site.name}</Text>,
    },
    {
      key: 'zone',
      header: 'Time zone',
      sortValue: (site) => site.timeZone,
      render: (site) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{site.timeZone}</Text>
          <Text size="xs" c="dimmed" className="tabular">
            {localTime(site.timeZone)} now
          </Text>
        </Group>
      ),
    },
    {
      key: 'address',
      header: 'Address',
      render: (site) => (
        <Text size="sm" truncate maw={320} c={site.address ? undefined : 'dimmed'}>
          {site.address.replace(/\s*\n\s*/g, ', ') || '—'}
        </Text>
      ),
    },
    {
      key: 'updated',
      header: 'Updated',
      width: 110,
      sortValue: (site) => site.updatedAt,
      render: (site) => <RelativeTime value={site.updatedAt} timeZone={site.timeZone} />,
    },
  ];
  if (props.canManage) {
    columns.push({
      key: 'actions',
      header: '',
      width: 80,
      align: 'right',
      render: (site) => (
        <Group gap={2} justify="flex-end" wrap="nowrap">
          <Tooltip label="Edit site">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Edit ${site.name}`}
              onClick={() => setEditing(site)}
            >
              <IconPencil size={15} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Delete site">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Delete ${site.name}`}
              onClick={() => setDeleting(site)}
            >
              <IconTrash size={15} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ),
    });
  }

  const addButton = props.canManage && (
    <Button leftSection={<IconPlus size={15} />} onClick={() => setEditing('new')}>
      Add site
    </Button>
  );

  return (
    <>
      {sites.isPending ? (
        <TableSkeleton columns={4} rows={3} />
      ) : sites.isError ? (
        <Text c="red">{sites.error.message}</Text>
      ) : sites.data.length === 0 ? (
        <EmptyState
          icon={<IconMapPin size={24} />}
          title="No sites yet"
          description="Add the client's offices and locations, each with its own time zone."
          action={addButton}
        />
      ) : (
        <>
          {addButton && (
            <Group justify="flex-end" mb="sm">
              {addButton}
            </Group>
          )}
          <DataTable label="Sites" columns={columns} rows={sites.data} rowKey={(site) => site.id} />
        </>
      )}
      <SiteFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        clientId={props.clientId}
        site={editing === 'new' || editing === null ? undefined : editing}
      />
      <ConfirmDialog
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete site?"
        message={`${deleting?.name ?? 'This site'} will be removed. Contacts at this site stay with the client.`}
        confirmLabel="Delete site"
        onConfirm={() => (deleting ? remove.mutateAsync(deleting) : Promise.resolve())}
      />
    </>
  );
}
