// An organization's list of named things (work types, work roles): add, rename in place, archive (kept
// where already used, not offered anew) and unarchive, with an optional column of the list's own.
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
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';

export interface NamedItem {
  id: string;
  name: string;
  position: number;
  archived: boolean;
}

export function NamedListEditor<T extends NamedItem>(props: {
  /** "work type": in labels, buttons and messages. */
  noun: string;
  items: readonly T[];
  canManage: boolean;
  emptyText: string;
  addPlaceholder: string;
  extraColumn?: { header: ReactNode; width: number; align?: 'right'; cell: (item: T) => ReactNode };
  create: (name: string) => Promise<T>;
  update: (id: string, input: { name?: string; archived?: boolean }) => Promise<T>;
  /** Refetches the list after a change. */
  onChanged: () => Promise<unknown>;
}) {
  const { noun, canManage, extraColumn } = props;
  const title = noun[0]!.toUpperCase() + noun.slice(1);
  const [name, setName] = useState('');
  const [addError, setAddError] = useState<string | undefined>();
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [renameError, setRenameError] = useState<string | undefined>();

  const add = useMutation({
    mutationFn: (value: string) => props.create(value),
    onSuccess: async (created) => {
      await props.onChanged();
      setName('');
      notifySuccess(`${title} ${created.name} added`);
    },
    onError: (error) => {
      if (error instanceof ApiError) setAddError(error.fieldErrors.name ?? error.message);
      notifyError(error, `Could not add the ${noun}`);
    },
  });
  const update = useMutation({
    mutationFn: (input: { id: string; name?: string; archived?: boolean }) =>
      props.update(input.id, { name: input.name, archived: input.archived }),
    onSuccess: async (saved, input) => {
      await props.onChanged();
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
      notifyError(error, `Could not change the ${noun}`);
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

  function startRename(item: T) {
    setRenaming({ id: item.id, name: item.name });
    setRenameError(undefined);
  }

  const sorted = [...props.items].sort(
    (a, b) =>
      Number(a.archived) - Number(b.archived) || a.position - b.position || a.name.localeCompare(b.name),
  );

  return (
    <Stack gap="sm">
      <Paper withBorder>
        <Table aria-label={`${title}s`} verticalSpacing={8}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              {extraColumn && (
                <Table.Th w={extraColumn.width} ta={extraColumn.align}>
                  {extraColumn.header}
                </Table.Th>
              )}
              <Table.Th w={110}>Status</Table.Th>
              {canManage && <Table.Th w={96} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text size="sm" c="dimmed">
                    {props.emptyText}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {sorted.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  {renaming?.id === item.id ? (
                    <form onSubmit={submitRename} noValidate>
                      <Group gap={4} wrap="nowrap" align="flex-start">
                        <TextInput
                          size="xs"
                          aria-label={`New name for ${item.name}`}
                          value={renaming.name}
                          error={renameError}
                          autoFocus
                          maxLength={100}
                          onChange={(event) => {
                            setRenaming({ id: item.id, name: event.currentTarget.value });
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
                    <Text size="sm" fw={500} c={item.archived ? 'dimmed' : undefined}>
                      {item.name}
                    </Text>
                  )}
                </Table.Td>
                {extraColumn && <Table.Td ta={extraColumn.align}>{extraColumn.cell(item)}</Table.Td>}
                <Table.Td>
                  {item.archived ? (
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
                          aria-label={`Rename ${item.name}`}
                          onClick={() => startRename(item)}
                        >
                          <IconPencil size={15} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={item.archived ? 'Unarchive' : 'Archive'}>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`${item.archived ? 'Unarchive' : 'Archive'} ${item.name}`}
                          loading={update.isPending && update.variables?.id === item.id}
                          onClick={() => update.mutate({ id: item.id, archived: !item.archived })}
                        >
                          {item.archived ? <IconArchiveOff size={15} /> : <IconArchive size={15} />}
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
              label={`New ${noun}`}
              placeholder={props.addPlaceholder}
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
              Add {noun}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}
