// The queue's filter bar: every control reads from and writes to the URL search (UI.md "Tables").
import { Anchor, Checkbox, Group, InputBase, Popover, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconChevronDown, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { priorities } from '../../../shared/api/sla-policies.ts';
import type { TicketQueueSearch } from '../../router.tsx';
import { useCan } from '../auth/session.ts';
import { clientListQuery, clientQuery } from '../clients/clients-api.ts';
import { ALL_STATUSES, csvValues, selectedStatuses } from './queue-query.ts';
import { openStatuses, options, priorityLabels, slaStateLabels, statusLabels } from './ticket-labels.ts';
import { assigneesQuery } from './tickets-api.ts';

type Patch = Partial<TicketQueueSearch>;

function summarize(values: string[], labels: Record<string, string>, none: string): string {
  if (values.length === 0) return none;
  const first = values.slice(0, 2).map((value) => labels[value] ?? value);
  return values.length > 2 ? `${first.join(', ')} +${values.length - 2}` : first.join(', ');
}

/** A labelled button that opens a checklist; compact where a multi-select's pills would wrap. */
function CheckFilter(props: {
  id: string;
  label: string;
  summary: string;
  options: { value: string; label: string }[];
  values: string[];
  onChange: (values: string[]) => void;
  shortcuts?: { label: string; values: string[] }[];
  width: number;
}) {
  return (
    <Popover position="bottom-start" shadow="md" width={220} trapFocus>
      <Popover.Target>
        <InputBase
          id={props.id}
          label={props.label}
          component="button"
          type="button"
          pointer
          w={props.width}
          rightSection={<IconChevronDown size={14} />}
          rightSectionPointerEvents="none"
        >
          <Text span size="sm" truncate display="block">
            {props.summary}
          </Text>
        </InputBase>
      </Popover.Target>
      <Popover.Dropdown p="sm">
        <Stack gap={8} role="group" aria-label={props.label}>
          {props.options.map((option) => (
            <Checkbox
              key={option.value}
              size="xs"
              label={option.label}
              checked={props.values.includes(option.value)}
              onChange={(event) =>
                props.onChange(
                  event.currentTarget.checked
                    ? props.options
                        .map((o) => o.value)
                        .filter((v) => v === option.value || props.values.includes(v))
                    : props.values.filter((value) => value !== option.value),
                )
              }
            />
          ))}
          {props.shortcuts && (
            <Group gap="sm" pt={4} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
              {props.shortcuts.map((shortcut) => (
                <Anchor
                  key={shortcut.label}
                  component="button"
                  type="button"
                  size="xs"
                  onClick={() => props.onChange(shortcut.values)}
                >
                  {shortcut.label}
                </Anchor>
              ))}
            </Group>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value) => b.includes(value));

export function QueueFilters(props: { search: TicketQueueSearch; onChange: (patch: Patch) => void }) {
  const { search, onChange } = props;
  const can = useCan();
  const [draft, setDraft] = useState(search.q ?? '');
  const clients = useQuery({
    ...clientListQuery({ archived: 'any', limit: 500 }),
    enabled: can('clients.read'),
  });
  const assignees = useQuery(assigneesQuery);
  const pickedClient = search.clientId;
  const isPickedClientListed = clients.data?.items.some((client) => client.id === pickedClient);
  // A client beyond the first 500 (or archived) still needs its name in the picker.
  const extraClient = useQuery({
    ...clientQuery(pickedClient ?? ''),
    enabled: Boolean(pickedClient) && clients.isSuccess && !isPickedClientListed,
  });

  // Back/forward and saved views change q from outside; the box follows.
  useEffect(() => setDraft(search.q ?? ''), [search.q]);

  const pushQuery = useDebouncedCallback((q: string) => onChange({ q: q.trim() || undefined }), 250);

  const statuses = selectedStatuses(search);
  const priorityValues = csvValues(search.priority);
  const slaValues = csvValues(search.slaState);
  const clientOptions = (clients.data?.items ?? []).map((client) => ({
    value: client.id,
    label: client.name,
  }));
  if (extraClient.data) clientOptions.push({ value: extraClient.data.id, label: extraClient.data.name });

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="Title or #number"
        leftSection={<IconSearch size={14} />}
        w={190}
        value={draft}
        onChange={(event) => {
          setDraft(event.currentTarget.value);
          pushQuery(event.currentTarget.value);
        }}
      />
      <CheckFilter
        id="queue-filter-status"
        label="Status"
        width={150}
        summary={
          statuses.length === 0
            ? 'Any status'
            : sameSet(statuses, openStatuses)
              ? 'Open statuses'
              : summarize(statuses, statusLabels, 'Any status')
        }
        options={options(statusLabels)}
        values={statuses}
        shortcuts={[
          { label: 'Open statuses', values: [...openStatuses] },
          { label: 'All', values: [] },
        ]}
        onChange={(values) =>
          onChange({
            status: sameSet(values, openStatuses)
              ? undefined
              : values.length
                ? values.join(',')
                : ALL_STATUSES,
          })
        }
      />
      <CheckFilter
        id="queue-filter-priority"
        label="Priority"
        width={112}
        summary={summarize(priorityValues, {}, 'Any')}
        options={priorities.map((p) => ({ value: p, label: `${p} · ${priorityLabels[p]}` }))}
        values={priorityValues}
        onChange={(values) => onChange({ priority: values.join(',') || undefined })}
      />
      <CheckFilter
        id="queue-filter-sla"
        label="SLA"
        width={130}
        summary={summarize(slaValues, slaStateLabels, 'Any')}
        options={options(slaStateLabels)}
        values={slaValues}
        onChange={(values) => onChange({ slaState: values.join(',') || undefined })}
      />
      <Select
        label="Assignee"
        placeholder="Anyone"
        w={160}
        searchable
        clearable
        value={search.assigneeId ?? null}
        onChange={(value) => onChange({ assigneeId: value ?? undefined })}
        data={[
          {
            group: 'Quick',
            items: [
              { value: 'me', label: 'Me' },
              { value: 'none', label: 'Unassigned' },
            ],
          },
          {
            group: 'Team',
            items: (assignees.data ?? []).map((person) => ({ value: person.id, label: person.name })),
          },
        ].filter((group) => group.items.length > 0)}
      />
      {can('clients.read') && (
        <Select
          label="Client"
          placeholder="All clients"
          w={180}
          searchable
          clearable
          nothingFoundMessage="No client by that name"
          value={search.clientId ?? null}
          onChange={(value) => onChange({ clientId: value ?? undefined })}
          data={clientOptions}
        />
      )}
    </Group>
  );
}
