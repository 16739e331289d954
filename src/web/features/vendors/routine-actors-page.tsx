// Settings → Assets → Routine actors: the updaters and the MSP's own automation whose changes on a
// machine are routine — never tied to a vendor, never charged to one.
import { ActionIcon, Box, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import {
  addRoutineActor,
  type RoutineActor,
  removeRoutineActor,
  routineActorsQuery,
  vendorKeys,
} from './vendors-api.ts';

export function RoutineActorsPage() {
  const can = useCan();
  const canManage = can('vendors.manage');
  const queryClient = useQueryClient();
  const actors = useQuery(routineActorsQuery);
  const [removing, setRemoving] = useState<RoutineActor | null>(null);
  const remove = useMutation({
    mutationFn: (actor: RoutineActor) => removeRoutineActor(actor.id),
    onSuccess: async (_, actor) => {
      await queryClient.invalidateQueries({ queryKey: vendorKeys.routineActors });
      notifySuccess(`${actor.actor} removed`);
    },
    onError: (error) => notifyError(error, 'Could not remove the routine actor'),
  });

  return (
    <>
      <PageHeader
        title="Routine actors"
        description="Changes on a machine made by these actors are routine: they are never tied to a vendor or charged to one, and open no ticket."
      />
      <Box maw={760}>
        <Stack gap="md">
          <Text size="sm">
            List the updaters that change machines on their own (Windows Update, unattended-upgrades) and your
            own tools' service accounts. A detected change's actor is matched regardless of case. Changes by
            anyone else are tied to a vendor only through its vendor accounts, or left for triage.
          </Text>
          {canManage && <AddActorForm />}
          {actors.isPending ? (
            <TableSkeleton columns={3} rows={3} />
          ) : actors.isError ? (
            <Text c="red">{actors.error.message}</Text>
          ) : actors.data.length === 0 ? (
            <Paper withBorder p="lg">
              <Text size="sm" c="dimmed" ta="center">
                No routine actors — every change with a known actor will be judged against vendor accounts.
              </Text>
            </Paper>
          ) : (
            <Paper withBorder>
              <Table verticalSpacing="xs" aria-label="Routine actors">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Actor</Table.Th>
                    <Table.Th>Note</Table.Th>
                    {canManage && <Table.Th w={48} aria-label="Actions" />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {actors.data.map((actor) => (
                    <Table.Tr key={actor.id}>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {actor.actor}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={actor.note ? undefined : 'dimmed'}>
                          {actor.note || '—'}
                        </Text>
                      </Table.Td>
                      {canManage && (
                        <Table.Td>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={`Remove ${actor.actor}`}
                            onClick={() => setRemoving(actor)}
                          >
                            <IconTrash size={15} />
                          </ActionIcon>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </Stack>
      </Box>
      <ConfirmDialog
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title="Remove routine actor?"
        message={`Changes by ${removing?.actor ?? ''} will no longer count as routine; they will be judged like anyone else's.`}
        confirmLabel="Remove"
        onConfirm={() => remove.mutateAsync(removing!)}
      />
    </>
  );
}

function AddActorForm() {
  const queryClient = useQueryClient();
  const [actor, setActor] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () => addRoutineActor({ actor: actor.trim(), note: note.trim() }),
    onSuccess: async (added) => {
      await queryClient.invalidateQueries({ queryKey: vendorKeys.routineActors });
      notifySuccess(`${added.actor} added`);
      setActor('');
      setNote('');
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not add the routine actor');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!actor.trim()) return setErrors({ actor: 'Enter the actor, e.g. “svc-rmm”' });
    add.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="sm">
        <TextInput
          label="Actor"
          placeholder="e.g. svc-rmm"
          w={220}
          value={actor}
          error={errors.actor}
          onChange={(event) => {
            setActor(event.currentTarget.value);
            setErrors({});
          }}
        />
        <TextInput
          label="Note"
          placeholder="What it is"
          style={{ flex: 1 }}
          value={note}
          error={errors.note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Button type="submit" mt={25} leftSection={<IconPlus size={16} />} loading={add.isPending}>
          Add actor
        </Button>
      </Group>
    </form>
  );
}
