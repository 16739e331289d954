// The answer to a plan: the answering side's note and its items (issue, what will be done, owner, date,
// priority, status), with marking an item done or open again, and a note, for the side that answers.
import {
  Badge,
  Box,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  ThemeIcon,
} from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { RemediationItemUpdate } from '../../../shared/api/remediation.ts';
import { sidesOf } from '../../../shared/api/remediation.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PlanSection } from './plan-overview.tsx';
import type { RemediationPlan } from './remediation-api.ts';
import {
  answerLine,
  longDate,
  longDateOf,
  type Parties,
  priorityColors,
  priorityLabels,
  sideName,
  type Viewer,
} from './remediation-words.ts';

type Item = RemediationPlan['items'][number];

export function PlanAnswer(props: {
  plan: RemediationPlan;
  parties: Parties;
  viewer: Viewer;
  /** Marks an item done or open; absent when the viewer's side does not answer. */
  onUpdateItem?: (item: Item, input: RemediationItemUpdate) => Promise<RemediationPlan>;
}) {
  const { plan, parties, viewer } = props;
  const [editing, setEditing] = useState<{ item: Item; status: 'open' | 'done' } | null>(null);
  const isOpen = plan.phase !== 'decided';
  const answerer = sideName(sidesOf[plan.direction].answers, parties, viewer);
  // The server's count says which dates were missed, so both sides see the same, whatever their clocks.
  const lateItems = new Set(
    plan.notices.filter((notice) => notice.kind === 'item_overdue').map((notice) => notice.ref),
  );
  const action =
    props.onUpdateItem && isOpen
      ? (item: Item) => (
          <Button
            size="compact-sm"
            variant="default"
            aria-label={`${item.status === 'done' ? 'Reopen' : 'Mark done'}: ${item.issue}`}
            onClick={() => setEditing({ item, status: item.status === 'done' ? 'open' : 'done' })}
          >
            {item.status === 'done' ? 'Reopen' : 'Mark done'}
          </Button>
        )
      : undefined;

  if (!plan.respondedAt) {
    return (
      <PlanSection title="The answer">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" radius="xl" size={32}>
            <IconListCheck size={18} />
          </ThemeIcon>
          <div>
            <Text size="sm" fw={600}>
              Not answered yet
            </Text>
            <Text size="sm" c="dimmed">
              {answerLine(plan, parties, viewer)}, with items: each issue, what will be done, who owns it and
              by when. An answer not given by then counts as a notice.
            </Text>
          </div>
        </Group>
      </PlanSection>
    );
  }

  const done = plan.items.filter((item) => item.status === 'done').length;
  return (
    <PlanSection
      title="The answer"
      description={`${answerLine(plan, parties, viewer)} · ${done} of ${plan.items.length} items done`}
    >
      {plan.responseText && (
        <Text size="sm" mb="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {plan.responseText}
        </Text>
      )}
      <Box visibleFrom="sm">
        <ItemsTable items={plan.items} lateItems={lateItems} action={action} />
      </Box>
      <Stack
        gap="xs"
        hiddenFrom="sm"
        component="ul"
        p={0}
        m={0}
        aria-label="Items"
        style={{ listStyle: 'none' }}
      >
        {plan.items.map((item) => (
          <Paper key={item.id} withBorder p="sm" component="li" aria-label={item.issue}>
            <Text size="sm" fw={500} style={{ whiteSpace: 'pre-wrap' }}>
              {item.issue}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {item.action}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {item.owner} · due {longDate(item.dueOn)} · {priorityLabels[item.priority]} priority
            </Text>
            <Group justify="space-between" align="flex-end" mt={6}>
              <ItemStatus item={item} isLate={lateItems.has(item.id)} />
              {action?.(item)}
            </Group>
          </Paper>
        ))}
      </Stack>
      {!action && isOpen && (
        <Text size="xs" c="dimmed" mt="xs">
          {answerer === 'you' ? 'You mark' : `${capitalized(answerer)} marks`} the items done as the work is
          finished.
        </Text>
      )}
      {props.onUpdateItem && (
        <ItemUpdateModal editing={editing} onClose={() => setEditing(null)} onSubmit={props.onUpdateItem} />
      )}
    </PlanSection>
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function ItemsTable(props: { items: Item[]; lateItems: Set<string>; action?: (item: Item) => ReactNode }) {
  const { action } = props;
  return (
    <Table aria-label="Items" verticalSpacing="xs" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Issue</Table.Th>
          <Table.Th>What will be done</Table.Th>
          <Table.Th w={130}>Owner</Table.Th>
          <Table.Th w={150}>Due</Table.Th>
          <Table.Th w={90}>Priority</Table.Th>
          <Table.Th w={action ? 150 : 180}>Status</Table.Th>
          {action && <Table.Th w={110} aria-label="Actions" />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.items.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>
              <Text size="sm" fw={500} style={{ whiteSpace: 'pre-wrap' }}>
                {item.issue}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {item.action}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{item.owner}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{longDate(item.dueOn)}</Text>
            </Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={priorityColors[item.priority]}>
                {priorityLabels[item.priority]}
              </Badge>
            </Table.Td>
            <Table.Td>
              <ItemStatus item={item} isLate={props.lateItems.has(item.id)} />
            </Table.Td>
            {action && <Table.Td>{action(item)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ItemStatus(props: { item: Item; isLate: boolean }) {
  const { item, isLate } = props;
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        {item.status === 'done' ? (
          <Badge size="sm" variant="light" color="teal">
            Done
          </Badge>
        ) : isLate ? (
          <Badge size="sm" variant="light" color="red">
            Date missed
          </Badge>
        ) : (
          <Badge size="sm" variant="outline" color="gray">
            Open
          </Badge>
        )}
      </Group>
      {item.doneAt && item.status === 'done' && (
        <Text size="xs" c="dimmed">
          on {longDateOf(item.doneAt)}
          {isLate ? ', after its date' : ''}
        </Text>
      )}
      {item.note && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          {item.note}
        </Text>
      )}
    </Stack>
  );
}

function ItemUpdateModal(props: {
  editing: { item: Item; status: 'open' | 'done' } | null;
  onClose: () => void;
  onSubmit: (item: Item, input: RemediationItemUpdate) => Promise<RemediationPlan>;
}) {
  const { editing } = props;
  const verb = editing?.status === 'done' ? 'Mark done' : 'Reopen';
  return (
    <Modal opened={editing !== null} onClose={props.onClose} title={verb} size="md">
      {editing && (
        <ItemUpdateForm
          key={editing.item.id}
          item={editing.item}
          status={editing.status}
          onClose={props.onClose}
          onSubmit={props.onSubmit}
        />
      )}
    </Modal>
  );
}

function ItemUpdateForm(props: {
  item: Item;
  status: 'open' | 'done';
  onClose: () => void;
  onSubmit: (item: Item, input: RemediationItemUpdate) => Promise<RemediationPlan>;
}) {
  const [note, setNote] = useState(props.item.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const isDone = props.status === 'done';
  const save = useMutation({
    mutationFn: () => props.onSubmit(props.item, { status: props.status, note: note.trim() }),
    onSuccess: () => {
      notifySuccess(isDone ? 'Item marked done' : 'Item reopened');
      props.onClose();
    },
    onError: (failure) => {
      if (failure instanceof ApiError && failure.fieldErrors.note) setError(failure.fieldErrors.note);
      notifyError(failure, 'Could not update the item');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" fw={500}>
          {props.item.issue}
        </Text>
        <Textarea
          label="Note"
          description={
            isDone ? 'Optional: what was done. Both sides see it.' : 'Optional: why it is open again.'
          }
          autosize
          minRows={2}
          maxLength={4_000}
          data-autofocus
          value={note}
          error={error}
          onChange={(event) => {
            setNote(event.currentTarget.value);
            setError(null);
          }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {isDone ? 'Mark done' : 'Reopen'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
