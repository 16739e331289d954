// The answer to a plan: a note and its items, each issue documented with what will be done, who owns it,
// by when and how urgent. Given once (items are then marked done as the work finishes); staff use it to
// record a vendor's answer too. The API's field problems land on their fields; the form keeps what was typed.
import {
  ActionIcon,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import {
  itemPriorities,
  type RemediationItemInput,
  type RemediationResponseInput,
} from '../../../shared/api/remediation.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import type { RemediationPlan } from './remediation-api.ts';
import { longDate, priorityLabels, todayUtc } from './remediation-words.ts';

interface Draft extends RemediationItemInput {
  key: number;
}

type Errors = Record<string, string>;

export function AnswerModal(props: {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** Whose answer it is and who reads it. */
  explanation: string;
  submitLabel: string;
  /** The plan's time box, to say the items' dates should fall within it. */
  endsOn: string;
  onSubmit: (input: RemediationResponseInput) => Promise<RemediationPlan>;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="xl">
      {props.opened && <AnswerForm {...props} />}
    </Modal>
  );
}

const blank = (key: number): Draft => ({
  key,
  issue: '',
  action: '',
  owner: '',
  dueOn: '',
  priority: 'medium',
});

function AnswerForm(props: {
  onClose: () => void;
  explanation: string;
  submitLabel: string;
  endsOn: string;
  onSubmit: (input: RemediationResponseInput) => Promise<RemediationPlan>;
}) {
  const nextKey = useRef(1);
  const [text, setText] = useState('');
  const [items, setItems] = useState<Draft[]>([blank(0)]);
  const [errors, setErrors] = useState<Errors>({});

  const save = useMutation({
    mutationFn: (input: RemediationResponseInput) => props.onSubmit(input),
    onSuccess: (plan) => {
      notifySuccess(
        `Answer recorded with ${plan.items.length} ${plan.items.length === 1 ? 'item' : 'items'}`,
      );
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not record the answer');
    },
  });

  const change = (index: number, field: keyof RemediationItemInput, value: string) => {
    setItems((current) => current.map((item, i) => (i === index ? { ...item, [field]: value } : item)));
    setErrors(({ [`items.${index}.${field}`]: _, ...rest }) => rest);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Errors = {};
    items.forEach((item, index) => {
      if (!item.issue.trim()) problems[`items.${index}.issue`] = 'Say what the issue is';
      if (!item.action.trim()) problems[`items.${index}.action`] = 'Say what will be done';
      if (!item.owner.trim()) problems[`items.${index}.owner`] = 'Name who owns it';
      if (!item.dueOn) problems[`items.${index}.dueOn`] = 'Give the date it is due';
    });
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate({
      text: text.trim(),
      items: items.map(({ key: _, ...item }) => ({
        ...item,
        issue: item.issue.trim(),
        action: item.action.trim(),
        owner: item.owner.trim(),
      })),
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {props.explanation} Date each item on or before the plan’s end, {longDate(props.endsOn)}.
        </Text>
        <Textarea
          label="Answer"
          description="Optional: a note above the items."
          autosize
          minRows={2}
          maxLength={20_000}
          value={text}
          error={errors.text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        {items.map((item, index) => (
          <ItemFields
            key={item.key}
            item={item}
            number={index + 1}
            errors={errors}
            endsOn={props.endsOn}
            onChange={(field, value) => change(index, field, value)}
            onRemove={
              items.length > 1
                ? () => {
                    setItems((current) => current.filter((_, i) => i !== index));
                    setErrors({});
                  }
                : undefined
            }
          />
        ))}
        {errors.items && (
          <Text size="sm" c="red">
            {errors.items}
          </Text>
        )}
        <Group justify="space-between" gap="xs" mt="xs">
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            disabled={items.length >= 50}
            onClick={() => setItems((current) => [...current, blank(nextKey.current++)])}
          >
            Add item
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {props.submitLabel}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

function ItemFields(props: {
  item: Draft;
  number: number;
  errors: Errors;
  endsOn: string;
  onChange: (field: keyof RemediationItemInput, value: string) => void;
  onRemove?: () => void;
}) {
  const { item, number: n, errors } = props;
  const error = (field: keyof RemediationItemInput) => errors[`items.${n - 1}.${field}`];
  return (
    <Paper withBorder p="sm" component="fieldset" aria-label={`Item ${n}`} style={{ margin: 0 }}>
      <Group justify="space-between" mb={4}>
        <Title order={3} fz="sm">
          Item {n}
        </Title>
        {props.onRemove && (
          <ActionIcon variant="subtle" color="gray" aria-label={`Remove item ${n}`} onClick={props.onRemove}>
            <IconTrash size={16} />
          </ActionIcon>
        )}
      </Group>
      <Stack gap="xs">
        <Textarea
          label="Issue"
          aria-label={`Issue, item ${n}`}
          required
          autosize
          minRows={1}
          maxLength={2_000}
          value={item.issue}
          error={error('issue')}
          onChange={(event) => props.onChange('issue', event.currentTarget.value)}
        />
        <Textarea
          label="What will be done"
          aria-label={`What will be done, item ${n}`}
          required
          autosize
          minRows={1}
          maxLength={4_000}
          value={item.action}
          error={error('action')}
          onChange={(event) => props.onChange('action', event.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TextInput
            label="Owner"
            aria-label={`Owner, item ${n}`}
            required
            maxLength={200}
            value={item.owner}
            error={error('owner')}
            onChange={(event) => props.onChange('owner', event.currentTarget.value)}
          />
          <TextInput
            type="date"
            label="Due on"
            aria-label={`Due on, item ${n}`}
            required
            min={todayUtc()}
            max={props.endsOn}
            value={item.dueOn}
            error={error('dueOn')}
            onChange={(event) => props.onChange('dueOn', event.currentTarget.value)}
          />
          <Select
            label="Priority"
            aria-label={`Priority, item ${n}`}
            required
            allowDeselect={false}
            data={itemPriorities.map((value) => ({ value, label: priorityLabels[value] }))}
            value={item.priority}
            error={error('priority')}
            onChange={(value) => value && props.onChange('priority', value)}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
