// The long lists of an inventory report: software, services and accounts, each searchable and paged (a
// server can list thousands of packages).
import { Badge, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Account, Service, Software } from '../../../shared/api/inventory.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { formatDate, formatRelative } from '../../ui/format.ts';
import { ListPagination } from '../../ui/list-pagination.tsx';

const PAGE_SIZE = 50;
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byName = <Row extends { name: string }>(rows: Row[]) =>
  [...rows].sort((a, b) => collator.compare(a.name, b.name));

function SearchableTable<Row>(props: {
  label: string;
  noun: string;
  rows: Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  searchText: (row: Row) => string;
}) {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const needle = query.trim().toLowerCase();
  const { rows, searchText } = props;
  // Filtered before paging, so the search covers every row, not the page shown; rows come sorted by name.
  const matching = useMemo(
    () => (needle ? rows.filter((row) => searchText(row).toLowerCase().includes(needle)) : rows),
    [rows, searchText, needle],
  );
  const shown = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <TextInput
          label={`Search ${props.noun}`}
          placeholder="Name contains…"
          leftSection={<IconSearch size={14} />}
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setPage(1);
          }}
          w={280}
        />
        <Text size="sm" c="dimmed">
          {needle ? `${matching.length} of ${rows.length}` : rows.length} {props.noun}
        </Text>
      </Group>
      {matching.length === 0 ? (
        <Text size="sm" c="dimmed">
          {rows.length === 0 ? `No ${props.noun} reported.` : `No ${props.noun} match “${query.trim()}”.`}
        </Text>
      ) : (
        <DataTable
          label={props.label}
          columns={props.columns}
          rows={shown}
          rowKey={props.rowKey}
          keyboardNavigation={false}
          footer={
            <ListPagination page={page} pageSize={PAGE_SIZE} total={matching.length} onChange={setPage} />
          }
        />
      )}
    </Stack>
  );
}

const dim = (text: string | null) =>
  text ? (
    <Text size="sm" c="dimmed" truncate maw={260}>
      {text}
    </Text>
  ) : (
    <Text c="dimmed">—</Text>
  );

const softwareColumns: Column<Software>[] = [
  { key: 'name', header: 'Name', render: (row) => row.name },
  { key: 'version', header: 'Version', render: (row) => row.version },
  { key: 'publisher', header: 'Publisher', render: (row) => dim(row.publisher) },
  { key: 'source', header: 'Source', width: 90, render: (row) => dim(row.source) },
];

export function SoftwareTable(props: { software: Software[] }) {
  const rows = useMemo(() => byName(props.software), [props.software]);
  return (
    <SearchableTable
      label="Software"
      noun="packages"
      rows={rows}
      columns={softwareColumns}
      rowKey={(row) => `${row.name}\u0000${row.version}\u0000${row.publisher ?? ''}`}
      searchText={softwareText}
    />
  );
}
const softwareText = (row: Software) => `${row.name} ${row.publisher ?? ''}`;

const stateColors: Record<Service['state'], string> = {
  running: 'green',
  stopped: 'gray',
  failed: 'red',
  other: 'gray',
};

const serviceColumns: Column<Service>[] = [
  {
    key: 'name',
    header: 'Name',
    render: (row) => (
      <Stack gap={0}>
        <Text size="sm">{row.name}</Text>
        {row.displayName && row.displayName !== row.name && (
          <Text size="xs" c="dimmed">
            {row.displayName}
          </Text>
        )}
      </Stack>
    ),
  },
  {
    key: 'state',
    header: 'State',
    width: 110,
    render: (row) => (
      <Badge variant="light" color={stateColors[row.state]}>
        {row.state.charAt(0).toUpperCase() + row.state.slice(1)}
      </Badge>
    ),
  },
  {
    key: 'startMode',
    header: 'Start mode',
    width: 120,
    render: (row) => dim(row.startMode),
  },
];

export function ServicesTable(props: { services: Service[] }) {
  const rows = useMemo(() => byName(props.services), [props.services]);
  return (
    <SearchableTable
      label="Services"
      noun="services"
      rows={rows}
      columns={serviceColumns}
      rowKey={(row) => row.name}
      searchText={serviceText}
    />
  );
}
const serviceText = (row: Service) => `${row.name} ${row.displayName ?? ''}`;

/** A plain day ("2026-03-01") as a date; an instant as its date and how long ago. */
function passwordChanged(value: string | null) {
  if (!value) return dim('Unknown');
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return `${formatDate(value.slice(0, 10))} (${formatRelative(value)})`;
}

const accountColumns: Column<Account>[] = [
  {
    key: 'name',
    header: 'Name',
    render: (row) => (
      <Group gap={6} wrap="nowrap">
        <Text size="sm">{row.name}</Text>
        {row.disabled && (
          <Badge size="xs" variant="light" color="gray">
            Disabled
          </Badge>
        )}
      </Group>
    ),
  },
  {
    key: 'kind',
    header: 'Kind',
    width: 110,
    render: (row) => (row.kind === 'sql' ? 'SQL login' : 'Local'),
  },
  {
    key: 'groups',
    header: 'Groups',
    render: (row) => dim(row.groups.join(', ') || null),
  },
  {
    key: 'password',
    header: 'Password changed',
    width: 250,
    render: (row) => passwordChanged(row.passwordChangedAt),
  },
];

export function AccountsTable(props: { accounts: Account[] }) {
  const rows = useMemo(() => byName(props.accounts), [props.accounts]);
  return (
    <SearchableTable
      label="Accounts"
      noun="accounts"
      rows={rows}
      columns={accountColumns}
      rowKey={(row) => `${row.kind}:${row.name}`}
      searchText={accountText}
    />
  );
}
const accountText = (row: Account) => `${row.name} ${row.groups.join(' ')}`;
