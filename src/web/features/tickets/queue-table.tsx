// The queue's dense table: sticky header, server-side sort from the column headers, row selection, and the
// keyboard (j/k move the highlight, Enter opens, x selects) that technicians work the queue with.
import { Badge, Checkbox, Group, Paper, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { type CSSProperties, type ReactNode, useEffect, useRef, useState } from 'react';
import type { TicketQueueSearch } from '../../router.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TicketSlaBadge } from './sla-badge.tsx';
import { priorityColors, priorityLabels, statusColors, statusLabels } from './ticket-labels.ts';
import type { Ticket } from './tickets-api.ts';

type Sort = NonNullable<TicketQueueSearch['sort']>;

/** Keys typed into a field, or pressed while a dialog, popover or menu is open, are not queue shortcuts. */
function isTypingTarget(target: EventTarget | null): boolean {
  const typing =
    target instanceof HTMLElement &&
    target.closest(
      'input:not([data-queue-checkbox]), textarea, select, [contenteditable="true"], [role="combobox"], [role="listbox"]',
    );
  return Boolean(typing) || document.querySelector('[role="dialog"], [role="menu"]') !== null;
}

/** Enter on a focused link or button does what that control does, not "open the highlighted row". */
const isControl = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.closest('a, button, input, textarea, select') !== null;

function useQueueKeyboard(
  rows: Ticket[],
  onOpen: (ticket: Ticket) => void,
  onToggle: (ticket: Ticket) => void,
) {
  const [activeIndex, setActiveIndex] = useState(-1);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const clamped = Math.min(activeIndex, rows.length - 1);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey || isTypingTarget(event.target)) return;
      const active = rows[clamped];
      if (event.key === 'j' || event.key === 'k') {
        event.preventDefault();
        const next = event.key === 'j' ? Math.min(clamped + 1, rows.length - 1) : Math.max(clamped - 1, 0);
        setActiveIndex(next);
        bodyRef.current?.children[next]?.scrollIntoView({ block: 'nearest' });
      } else if (event.key === 'Enter' && active && !isControl(event.target)) {
        event.preventDefault();
        onOpen(active);
      } else if (event.key === 'x' && active) {
        event.preventDefault();
        onToggle(active);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [rows, clamped, onOpen, onToggle]);

  return { activeIndex: clamped, setActiveIndex, bodyRef };
}

/** The highlighted row gets a bar on its left edge; selected rows a tint. Both show at once. */
function rowStyle(isActive: boolean, isSelected: boolean): CSSProperties {
  return {
    backgroundColor: isSelected ? 'var(--mantine-primary-color-light)' : undefined,
    boxShadow: isActive ? 'inset 3px 0 0 var(--mantine-primary-color-filled)' : undefined,
    outline: isActive ? '1px solid var(--mantine-primary-color-light-hover)' : undefined,
    outlineOffset: -1,
  };
}

function SortHeader(props: { label: string; sort: Sort; current: Sort; onSort: (sort: Sort) => void }) {
  const isActive = props.sort === props.current;
  // The server sorts each key one way: due, priority ascending; number, updated newest first.
  const isDescending = props.sort === 'number' || props.sort === 'updated';
  return (
    <UnstyledButton onClick={() => props.onSort(props.sort)} fz="xs" fw={600}>
      <Group gap={4} wrap="nowrap">
        <Text span inherit c={isActive ? undefined : 'dimmed'} tt="uppercase" lts={0.3}>
          {props.label}
        </Text>
        {isActive && (isDescending ? <IconArrowDown size={12} /> : <IconArrowUp size={12} />)}
      </Group>
    </UnstyledButton>
  );
}

function Header(props: { children: ReactNode; w?: number; sort?: Sort; current: Sort }) {
  const isActive = props.sort !== undefined && props.sort === props.current;
  const direction = props.sort === 'number' || props.sort === 'updated' ? 'descending' : 'ascending';
  return (
    <Table.Th w={props.w} aria-sort={isActive ? direction : undefined}>
      {typeof props.children === 'string' ? (
        <Text span fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>
          {props.children}
        </Text>
      ) : (
        props.children
      )}
    </Table.Th>
  );
}

export function QueueTable(props: {
  rows: Ticket[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  selected: Set<string>;
  onToggle: (ticket: Ticket) => void;
  onToggleAll: (checked: boolean) => void;
  onOpen: (ticket: Ticket) => void;
  footer?: ReactNode;
}) {
  const { rows, sort, onSort, selected, onOpen, onToggle } = props;
  const { activeIndex, setActiveIndex, bodyRef } = useQueueKeyboard(rows, onOpen, onToggle);
  const selectedCount = rows.filter((row) => selected.has(row.id)).length;

  return (
    <Paper withBorder radius="sm" style={{ overflow: 'clip' }}>
      <Table
        stickyHeader
        stickyHeaderOffset={48}
        highlightOnHover
        aria-label="Tickets"
        style={{ tableLayout: 'fixed' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>
              <Checkbox
                size="xs"
                aria-label="Select all loaded tickets"
                checked={rows.length > 0 && selectedCount === rows.length}
                indeterminate={selectedCount > 0 && selectedCount < rows.length}
                onChange={(event) => props.onToggleAll(event.currentTarget.checked)}
              />
            </Table.Th>
            <Header w={64} sort="number" current={sort}>
              <SortHeader label="#" sort="number" current={sort} onSort={onSort} />
            </Header>
            <Header current={sort}>Title</Header>
            <Header w={140} current={sort}>
              Client
            </Header>
            <Header w={52} sort="priority" current={sort}>
              <SortHeader label="Pri" sort="priority" current={sort} onSort={onSort} />
            </Header>
            <Header w={116} current={sort}>
              Status
            </Header>
            <Header w={112} current={sort}>
              Assignee
            </Header>
            <Header w={212} sort="due" current={sort}>
              <SortHeader label="SLA" sort="due" current={sort} onSort={onSort} />
            </Header>
            <Header w={84} sort="updated" current={sort}>
              <SortHeader label="Updated" sort="updated" current={sort} onSort={onSort} />
            </Header>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={bodyRef}>
          {rows.map((ticket, index) => {
            const isSelected = selected.has(ticket.id);
            return (
              <Table.Tr
                key={ticket.id}
                data-ticket-number={ticket.number}
                aria-selected={isSelected}
                data-active={index === activeIndex || undefined}
                className="accord-row-clickable"
                style={rowStyle(index === activeIndex, isSelected)}
                onClick={(event) => {
                  setActiveIndex(index);
                  if ((event.target as HTMLElement).closest('a, button, input, label')) return;
                  onOpen(ticket);
                }}
              >
                <Table.Td>
                  <Checkbox
                    size="xs"
                    aria-label={`Select #${ticket.number}`}
                    checked={isSelected}
                    data-queue-checkbox="true"
                    onChange={() => onToggle(ticket)}
                  />
                </Table.Td>
                <Table.Td>
                  <Text span size="sm" c="dimmed" className="tabular">
                    #{ticket.number}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <AnchorLink
                    to="/tickets/$ticketId"
                    params={{ ticketId: ticket.id }}
                    size="sm"
                    fw={500}
                    c="inherit"
                    display="block"
                    truncate
                    title={ticket.title}
                  >
                    {ticket.title}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate title={ticket.clientName}>
                    {ticket.clientName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge
                    size="sm"
                    variant={ticket.priority === 'P1' ? 'filled' : 'light'}
                    color={priorityColors[ticket.priority]}
                    title={priorityLabels[ticket.priority]}
                  >
                    {ticket.priority}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="dot" color={statusColors[ticket.status]} maw="100%">
                    {statusLabels[ticket.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate c={ticket.assigneeName ? undefined : 'dimmed'}>
                    {ticket.assigneeName ?? 'Unassigned'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <TicketSlaBadge sla={ticket.sla} />
                </Table.Td>
                <Table.Td>
                  <RelativeTime value={ticket.updatedAt} size="xs" />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {props.footer}
    </Paper>
  );
}
