// The organization's work types: add, rename in place, mark as on-site work (agreements' on-site minimum
// and trip charge apply), archive (kept on old entries, not offered for new time) and unarchive.
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArchive, IconArchiveOff, IconCheck, IconPencil, IconPlus, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import {
  allWorkTypesQuery,
  createWorkType,
  ticketKeys,
  updateWorkType,
  type WorkType,
} from '../tickets/tickets-api.ts';

export function WorkTypeList(props: { canManage: boolean }) {
  const queryClient = useQueryClient();
  const workTypes = useQuery(allWorkTypesQuery);
  const [name, setName] = useState('');
  const [addError, setAddError] = useState<string | undefined>();
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ticketKeys.workTypes });

  const add = useMutation({
    mutationFn: (value: string) => createWorkType(value),
    onSuccess: async (created) => {
      await refresh();
      setName('');
      notifySuccess(`Work type ${created.name} added`);
    },
    onError: (error) => {
      if (error instanceof ApiError) setAddError(error.fieldErrors.name);
      notifyError(error, 'Could not add the work type');
    },
  });
  const update = useMutation({
    mutationFn: (input: { id: string; name?: string; archived?: boolean }) =>
      updateWorkType(input.id, { name: input.name, archived: input.archived }),
    onSuccess: async (saved, input) => {
      await refresh();
      if (input.name !== undefined) setRenaming(null);
      notifySuccess(
        input.archived === undefined
          ? `Renamed to ${saved.name}`
          : `${saved.name} ${saved.archived ? 'archived' : 'restored'}`,
      );
    },
    onError: (error) => notifyError(error, 'Could not change the work type'),
  });
  const onSite = useMutation({
    mutationFn: (input: { id: string; isOnSite: boolean }) =>
      updateWorkType(input.id, { isOnSite: input.isOnSite }),
    onSuccess: async (saved) => {
      await refresh();
      notifySuccess(`${saved.name} ${saved.isOnSite ? 'is' : 'is no longer'} on-site work`);
    },
    onError: (error) => notifyError(error, 'Could not change the work type'),
  });

  function submitAdd(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setAddError('Enter a name');
    add.mutate(name.trim());
  }

  function submitRename(event: FormEvent) {
    event.preventDefault();
    if (!renaming?.name.trim()) return;
    update.mutate({ id: renaming.id, name: renaming.name.trim() });
  }

  if (workTypes.isPending) return <TableSkeleton columns={3} rows={5} />;
  if (workTypes.isError) return <Text c="red">{workTypes.error.message}</Text>;
  const sorted = [...workTypes.data].sort(
    (a, b) =>
      Number(a.archived) - Number(b.archived) || a.position - b.position || a.name.localeCompare(b.name),
  );

  return (
    <Stack gap="sm">
      <Paper withBorder>
        <Table aria-label="Work types" verticalSpacing={8}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th w={90}>
                <Tooltip
                  label="On-site work gets agreements' on-site minimum and trip charge"
                  multiline
                  w={220}
                >
                  <span>On-site</span>
                </Tooltip>
              </Table.Th>
              <Table.Th w={110}>Status</Table.Th>
              {props.canManage && <Table.Th w={96} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text size="sm" c="dimmed">
                    No work types yet — add the kinds of work your team logs time for.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {sorted.map((type) => (
              <Table.Tr key={type.id}>
                <Table.Td>
                  {renaming?.id === type.id ? (
                    <form onSubmit={submitRename}>
                      <Group gap={4} wrap="nowrap">
                        <TextInput
                          size="xs"
                          aria-label={`New name for ${type.name}`}
                          value={renaming.name}
                          autoFocus
                          maxLength={100}
                          onChange={(event) => setRenaming({ id: type.id, name: event.currentTarget.value })}
                          onKeyDown={(event) => event.key === 'Escape' && setRenaming(null)}
                          style={{ flex: 1 }}
                        />
                        <ActionIcon
                          type="submit"
                          variant="light"
                          aria-label="Save name"
                          loading={update.isPending}
                        >
                          <IconCheck size={15} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label="Cancel rename"
                          onClick={() => setRenaming(null)}
                        >
                          <IconX size={15} />
                        </ActionIcon>
                      </Group>
                    </form>
                  ) : (
                    <Text size="sm" fw={500} c={type.archived ? 'dimmed' : undefined}>
                      {type.name}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Switch
                    size="xs"
                    aria-label={`${type.name} is on-site work`}
                    checked={
                      onSite.isPending && onSite.variables?.id === type.id
                        ? onSite.variables.isOnSite
                        : type.isOnSite
                    }
                    disabled={!props.canManage}
                    onChange={(event) =>
                      onSite.mutate({ id: type.id, isOnSite: event.currentTarget.checked })
                    }
                  />
                </Table.Td>
                <Table.Td>
                  {type.archived ? (
                    <Badge variant="light" color="gray">
                      Archived
                    </Badge>
                  ) : (
                    <Badge variant="dot" color="teal">
                      In use
                    </Badge>
                  )}
                </Table.Td>
                {props.canManage && (
                  <Table.Td>
                    <Group gap={2} justify="flex-end" wrap="nowrap">
                      <Tooltip label="Rename">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Rename ${type.name}`}
                          onClick={() => setRenaming({ id: type.id, name: type.name })}
                        >
                          <IconPencil size={15} />
                        </ActionIcon>
                      </Tooltip>
                      <ArchiveButton
                        type={type}
                        onToggle={(archived) => update.mutate({ id: type.id, archived })}
                      />
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {props.canManage && (
        <form onSubmit={submitAdd} noValidate>
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              label="New work type"
              placeholder="e.g. Onboarding"
              maxLength={100}
              value={name}
              error={addError}
              onChange={(event) => {
                setName(event.currentTarget.value);
                setAddError(undefined);
              }}
              style={{ flex: 1 }}
            />
            <Button type="submit" mt={22} leftSection={<IconPlus size={15} />} loading={add.isPending}>
              Add work type
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

function ArchiveButton(props: { type: WorkType; onToggle: (archived: boolean) => void }) {
  const { type } = props;
  const label = type.archived ? `Unarchive ${type.name}` : `Archive ${type.name}`;
  return (
    <Tooltip label={type.archived ? 'Unarchive' : 'Archive'}>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={label}
        onClick={() => props.onToggle(!type.archived)}
      >
        {type.archived ? <IconArchiveOff size={15} /> : <IconArchive size={15} />}
      </ActionIcon>
    </Tooltip>
  );
}
