// Settings → Billing → Work roles: the labour roles agreements can price on their own (technician,
// engineer, project manager). Add, rename in place, archive (kept where already used, not given anew).
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArchive, IconArchiveOff, IconCheck, IconPencil, IconPlus, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import {
  createWorkRole,
  updateWorkRole,
  type WorkRole,
  workRoleAssignmentsQuery,
  workRoleKeys,
  workRolesQuery,
} from '../agreements/agreements-api.ts';
import { useCan } from '../auth/session.ts';

export function WorkRolesPage() {
  const can = useCan();
  const canManage = can('billing.manage');
  const queryClient = useQueryClient();
  const roles = useQuery(workRolesQuery);
  const assignments = useQuery(workRoleAssignmentsQuery);
  const [name, setName] = useState('');
  const [addError, setAddError] = useState<string | undefined>();
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [renameError, setRenameError] = useState<string | undefined>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: workRoleKeys.all });

  const add = useMutation({
    mutationFn: (value: string) => createWorkRole(value),
    onSuccess: async (created) => {
      await refresh();
      setName('');
      notifySuccess(`Work role ${created.name} added`);
    },
    onError: (error) => {
      if (error instanceof ApiError) setAddError(error.fieldErrors.name ?? error.message);
      notifyError(error, 'Could not add the work role');
    },
  });
  const update = useMutation({
    mutationFn: (input: { id: string; name?: string; archived?: boolean }) =>
      updateWorkRole(input.id, { name: input.name, archived: input.archived }),
    onSuccess: async (saved, input) => {
      await refresh();
      if (input.name !== undefined) setRenaming(null);
      notifySuccess(
        input.archived === undefined
          ? `Renamed to ${saved.name}`
          : `${saved.name} ${saved.archived ? 'archived' : 'restored'}`,
      );
    },
    onError: (error, input) => {
      if (input.name !== undefined && error instanceof ApiError) {
        setRenameError(error.fieldErrors.name ?? error.message);
      }
      notifyError(error, 'Could not change the work role');
    },
  });

  function submitAdd(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setAddError('Enter a name');
    add.mutate(name.trim());
  }

  function submitRename(event: FormEvent) {
    event.preventDefault();
    if (!renaming?.name.trim()) return setRenameError('Enter a name');
    update.mutate({ id: renaming.id, name: renaming.name.trim() });
  }

  const peopleWith = (role: WorkRole) =>
    [...(assignments.data?.values() ?? [])].filter((workRoleId) => workRoleId === role.id).length;
  const sorted = [...(roles.data ?? [])].sort(
    (a, b) =>
      Number(a.archived) - Number(b.archived) || a.position - b.position || a.name.localeCompare(b.name),
  );

  return (
    <>
      <PageHeader
        title="Work roles"
        description={
          <>
            The roles your staff log time as. An agreement can bill each role at its own rate or exclude it.
            Give people their role on the{' '}
            <AnchorLink to="/settings/users" size="sm">
              Users
            </AnchorLink>{' '}
            page.
          </>
        }
      />
      {roles.isPending ? (
        <TableSkeleton columns={3} rows={4} />
      ) : roles.isError ? (
        <Text c="red">{roles.error.message}</Text>
      ) : (
        <Stack gap="sm" maw={720}>
          <Paper withBorder>
            <Table aria-label="Work roles" verticalSpacing={8}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th w={90} ta="right">
                    People
                  </Table.Th>
                  <Table.Th w={110}>Status</Table.Th>
                  {canManage && <Table.Th w={96} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>
                      <Text size="sm" c="dimmed">
                        No work roles yet — add the roles your agreements price differently, such as Engineer.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {sorted.map((role) => (
                  <Table.Tr key={role.id}>
                    <Table.Td>
                      {renaming?.id === role.id ? (
                        <form onSubmit={submitRename} noValidate>
                          <Group gap={4} wrap="nowrap" align="flex-start">
                            <TextInput
                              size="xs"
                              aria-label={`New name for ${role.name}`}
                              value={renaming.name}
                              error={renameError}
                              autoFocus
                              maxLength={100}
                              onChange={(event) => {
                                setRenaming({ id: role.id, name: event.currentTarget.value });
                                setRenameError(undefined);
                              }}
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
                        <Text size="sm" fw={500} c={role.archived ? 'dimmed' : undefined}>
                          {role.name}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" className="tabular" c="dimmed">
                        {assignments.isSuccess ? peopleWith(role) : '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {role.archived ? (
                        <Badge variant="light" color="gray">
                          Archived
                        </Badge>
                      ) : (
                        <Badge variant="dot" color="teal">
                          In use
                        </Badge>
                      )}
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        <Group gap={2} justify="flex-end" wrap="nowrap">
                          <Tooltip label="Rename">
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={`Rename ${role.name}`}
                              onClick={() => {
                                setRenaming({ id: role.id, name: role.name });
                                setRenameError(undefined);
                              }}
                            >
                              <IconPencil size={15} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={role.archived ? 'Unarchive' : 'Archive'}>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={`${role.archived ? 'Unarchive' : 'Archive'} ${role.name}`}
                              loading={update.isPending && update.variables?.id === role.id}
                              onClick={() => update.mutate({ id: role.id, archived: !role.archived })}
                            >
                              {role.archived ? <IconArchiveOff size={15} /> : <IconArchive size={15} />}
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          {canManage && (
            <form onSubmit={submitAdd} noValidate>
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  label="New work role"
                  placeholder="e.g. Senior engineer"
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
                  Add work role
                </Button>
              </Group>
            </form>
          )}
        </Stack>
      )}
    </>
  );
}
