// Dense, sortable list table with a sticky header and j/k/Enter keyboard navigation (UI.md "Tables").
import { Group, Paper, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { RelativeTime } from './relative-time.tsx';

export interface Column<Row> {
  key: string;
  header: string;
  render: (row: Row) => ReactNode;
  /** Makes the column sortable by this value. */
  sortValue?: (row: Row) => string | number | null;
  width?: number | string;
  align?: 'left' | 'right' | 'center';
}

/** "Added 3 d ago": when a row's record was created, sortable. */
export function addedColumn<Row extends { createdAt: string }>(width: number): Column<Row> {
  return {
    key: 'added',
    header: 'Added',
    width,
    sortValue: (row) => row.createdAt,
    render: (row) => <RelativeTime value={row.createdAt} />,
  };
}

type SortState = { key: string; direction: 'asc' | 'desc' } | null;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
}

/** Keys typed into a field or inside a dialog are not table shortcuts. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (
    target.closest('input, textarea, select, [contenteditable="true"], [role="dialog"], [role="listbox"]')
  ) {
    return true;
  }
  return document.querySelector('[role="dialog"]') !== null;
}

export function DataTable<Row>(props: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  onOpen?: (row: Row) => void;
  initialSort?: SortState;
  /** Accessible name of the table, e.g. "Clients". */
  label: string;
  footer?: ReactNode;
  /** j/k/Enter on the window (default true); off where several tables share a page. */
  keyboardNavigation?: boolean;
}) {
  const { columns, rows, onOpen } = props;
  const [sort, setSort] = useState<SortState>(props.initialSort ?? null);
  const [activeIndex, setActiveIndex] = useState(-1);
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  const sorted = useMemo(() => {
    const column = sort && columns.find((candidate) => candidate.key === sort.key);
    if (!sort || !column?.sortValue) return rows;
    const value = column.sortValue;
    const factor = sort.direction === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => factor * compare(value(a), value(b)));
  }, [rows, columns, sort]);

  const keyboardNavigation = props.keyboardNavigation ?? true;
  useEffect(() => {
    if (!onOpen || !keyboardNavigation) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey || isTypingTarget(event.target)) return;
      if (event.key === 'j' || event.key === 'k') {
        event.preventDefault();
        setActiveIndex((index) => {
          const next = event.key === 'j' ? Math.min(index + 1, sorted.length - 1) : Math.max(index - 1, 0);
          bodyRef.current?.children[next]?.scrollIntoView({ block: 'nearest' });
          return next;
        });
      } else if (event.key === 'Enter' && activeIndex >= 0) {
        const row = sorted[activeIndex];
        if (row) onOpen?.(row);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onOpen, sorted, activeIndex, keyboardNavigation]);

  function toggleSort(key: string) {
    setSort((current) =>
      current?.key === key
        ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: 'asc' },
    );
  }

  return (
    <Paper withBorder radius="sm" style={{ overflow: 'clip' }}>
      <Table stickyHeader stickyHeaderOffset={48} highlightOnHover={Boolean(onOpen)} aria-label={props.label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => {
              const direction = sort?.key === column.key ? sort.direction : null;
              return (
                <Table.Th
                  key={column.key}
                  w={column.width}
                  ta={column.align}
                  aria-sort={direction ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {column.sortValue ? (
                    <UnstyledButton onClick={() => toggleSort(column.key)} fz="xs" fw={600}>
                      <Group
                        gap={4}
                        wrap="nowrap"
                        justify={column.align === 'right' ? 'flex-end' : undefined}
                      >
                        <Text span inherit c="dimmed" tt="uppercase" lts={0.3}>
                          {column.header}
                        </Text>
                        {direction === 'asc' && <IconArrowUp size={12} />}
                        {direction === 'desc' && <IconArrowDown size={12} />}
                        {!direction && <IconSelector size={12} opacity={0.4} />}
                      </Group>
                    </UnstyledButton>
                  ) : (
                    <Text span fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>
                      {column.header}
                    </Text>
                  )}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={bodyRef}>
          {sorted.map((row, index) => (
            <Table.Tr
              key={props.rowKey(row)}
              className={[onOpen && 'accord-row-clickable', index === activeIndex && 'accord-row-active']
                .filter(Boolean)
                .join(' ')}
              onClick={
                onOpen
                  ? (event) => {
                      // Links and buttons inside the row do their own thing.
                      if ((event.target as HTMLElement).closest('a, button, input')) return;
                      onOpen(row);
                    }
                  : undefined
              }
            >
              {columns.map((column) => (
                <Table.Td key={column.key} ta={column.align}>
                  {column.render(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {props.footer}
    </Paper>
  );
}
