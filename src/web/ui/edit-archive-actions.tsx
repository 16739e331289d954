// A detail page's header actions for a record that is edited and archived (a client, an asset): Edit, and
// a menu to archive it or, once archived, restore it.
import { Button, Menu } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconDots, IconPencil } from '@tabler/icons-react';

export function EditArchiveActions(props: {
  /** What the record is called in the buttons: "client", "asset". */
  noun: string;
  archived: boolean;
  onEdit: () => void;
  onArchive: () => void;
  onRestore: () => void;
}) {
  return (
    <>
      <Button variant="default" leftSection={<IconPencil size={15} />} onClick={props.onEdit}>
        Edit {props.noun}
      </Button>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" px={8} aria-label="More actions">
            <IconDots size={16} />
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {props.archived ? (
            <Menu.Item leftSection={<IconArchiveOff size={15} />} onClick={props.onRestore}>
              Restore {props.noun}
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconArchive size={15} />} onClick={props.onArchive}>
              Archive {props.noun}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
