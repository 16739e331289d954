// Whole local dates with no business time (public holidays, office closures).
import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { formatDate } from '../../ui/format.ts';

export function HolidaysEditor(props: {
  value: string[];
  onChange: (dates: string[]) => void;
  error?: string;
}) {
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | undefined>();
  const sorted = [...props.value].sort();

  function add(event?: FormEvent) {
    event?.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft)) {
      setDraftError('Pick a date');
      return;
    }
    if (props.value.includes(draft)) {
      setDraftError('Already a holiday');
      return;
    }
    props.onChange([...props.value, draft].sort());
    setDraft('');
    setDraftError(undefined);
  }

  return (
    <Paper withBorder>
      <Text
        size="sm"
        fw={600}
        px="sm"
        py={8}
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        Holidays
      </Text>
      <Stack gap="xs" p="sm">
        <Group gap="xs" align="flex-start">
          <TextInput
            label="Holiday date"
            type="date"
            w={180}
            value={draft}
            error={draftError ?? props.error}
            onChange={(event) => {
              setDraft(event.currentTarget.value);
              setDraftError(undefined);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') add(event);
            }}
          />
          <Button variant="default" leftSection={<IconPlus size={14} />} onClick={() => add()} mt={22}>
            Add holiday
          </Button>
        </Group>
        {sorted.length === 0 ? (
          <Text size="sm" c="dimmed">
            No holidays. Add the days your office is closed so SLA clocks skip them.
          </Text>
        ) : (
          <Group gap={6}>
            {sorted.map((date) => (
              <Group
                key={date}
                gap={4}
                pl={10}
                pr={4}
                py={2}
                wrap="nowrap"
                style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 6 }}
              >
                <Text size="sm" className="tabular">
                  {formatDate(date)}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="xs"
                  aria-label={`Remove holiday ${date}`}
                  onClick={() => props.onChange(props.value.filter((candidate) => candidate !== date))}
                >
                  <IconX size={12} />
                </ActionIcon>
              </Group>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
