// Saved queue views: the current filters under a name, private or shared with the organization; a menu to
// apply one, and delete for the views you own.
import {
  ActionIcon,
  Button,
  Group,
  Menu,
  Modal,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconBookmark, IconBookmarkPlus, IconTrash, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { useCan, useSession } from '../auth/session.ts';
import {
  deleteTicketView,
  saveTicketView,
  type TicketView,
  ticketKeys,
  ticketViewsQuery,
} from './tickets-api.ts';

function SaveViewModal(props: { opened: boolean; onClose: () => void; query: string }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [isShared, setShared] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => saveTicketView({ name: name.trim(), query: props.query, shared: isShared }),
    onSuccess: async (view) => {
      notifySuccess(`Saved view “${view.name}”`);
      setName('');
      setShared(false);
      props.onClose();
      await queryClient.invalidateQueries({ queryKey: ticketKeys.views });
    },
    onError: (error) => {
      if (error instanceof ApiError) setNameError(error.fieldErrors.name ?? null);
      notifyError(error, 'Could not save the view');
    },
  });

  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Save view" size="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() === '') {
            setNameError('Give the view a name');
            return;
          }
          save.mutate();
        }}
      >
        <Stack gap="md">
          <TextInput
            label="View name"
            placeholder="e.g. My P1s, Contoso waiting on vendor"
            data-autofocus
            value={name}
            error={nameError}
            onChange={(event) => {
              setName(event.currentTarget.value);
              setNameError(null);
            }}
          />
          <Switch
            label="Share with the organization"
            description="Everyone in the organization sees it in their views menu."
            checked={isShared}
            onChange={(event) => setShared(event.currentTarget.checked)}
          />
          <Text size="xs" c="dimmed">
            Saves the board, filters and sort you have now.
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function SavedViewsMenu(props: {
  /** The current search as a query string. */
  query: string;
  onApply: (view: TicketView) => void;
}) {
  const session = useSession();
  const can = useCan();
  const queryClient = useQueryClient();
  const views = useQuery(ticketViewsQuery);
  const [isSaveOpen, setSaveOpen] = useState(false);
  const remove = useMutation({
    mutationFn: (view: TicketView) => deleteTicketView(view.id),
    onSuccess: async (_, view) => {
      notifySuccess(`Deleted view “${view.name}”`);
      await queryClient.invalidateQueries({ queryKey: ticketKeys.views });
    },
    onError: (error) => notifyError(error, 'Could not delete the view'),
  });

  const items = views.data ?? [];
  const current = items.find((view) => view.query === props.query);

  return (
    <>
      <Menu position="bottom-end" width={300} shadow="md">
        <Menu.Target>
          <Button variant="default" leftSection={<IconBookmark size={15} />}>
            {current ? current.name : 'Views'}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Saved views</Menu.Label>
          {views.isError && (
            <Text size="xs" c="dimmed" px="sm" py={4}>
              Saved views are not available: {views.error.message}
            </Text>
          )}
          {views.isSuccess && items.length === 0 && (
            <Text size="xs" c="dimmed" px="sm" py={4}>
              None yet. Set the filters you work from, then save them as a view.
            </Text>
          )}
          {items.map((view) => {
            const isOwn = view.ownerId === session.membership.id;
            // Shared views can also be tidied up by whoever runs the help desk's settings.
            const canDelete = isOwn || (view.shared && can('tickets.settings'));
            return (
              <Menu.Item
                key={view.id}
                onClick={() => props.onApply(view)}
                leftSection={
                  view.shared ? <IconUsers size={14} aria-label="Shared" /> : <IconBookmark size={14} />
                }
                rightSection={
                  canDelete ? (
                    <Tooltip label="Delete view">
                      <ActionIcon
                        component="span"
                        role="button"
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-label={`Delete view ${view.name}`}
                        onClick={(event) => {
                          event.stopPropagation();
                          remove.mutate(view);
                        }}
                      >
                        <IconTrash size={13} />
                      </ActionIcon>
                    </Tooltip>
                  ) : (
                    <Text size="xs" c="dimmed" truncate maw={90}>
                      {view.ownerName}
                    </Text>
                  )
                }
              >
                <Text size="sm" truncate>
                  {view.name}
                </Text>
              </Menu.Item>
            );
          })}
          <Menu.Divider />
          <Menu.Item leftSection={<IconBookmarkPlus size={14} />} onClick={() => setSaveOpen(true)}>
            Save current view…
          </Menu.Item>
          {current && current.ownerId === session.membership.id && (
            <Menu.Item
              leftSection={<IconTrash size={14} />}
              color="red"
              onClick={() => remove.mutate(current)}
            >
              Delete “{current.name}”
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <SaveViewModal opened={isSaveOpen} onClose={() => setSaveOpen(false)} query={props.query} />
    </>
  );
}
