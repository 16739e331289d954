// The composer under the timeline: reply to the client, add an internal note, or log a call.
// Ctrl+Enter (Cmd+Enter) sends. Each mode keeps its own draft, and a failed send keeps the text.
import { Button, Group, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { IconLock, IconPhone, IconSend } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTicketAction } from './ticket-actions.ts';
import { addNote, logCall, replyToTicket } from './tickets-api.ts';

type Mode = 'reply' | 'note' | 'call';

const modes: Record<Mode, { tab: string; label: string; send: string; hint: string }> = {
  reply: {
    tab: 'Reply to client',
    label: 'Reply',
    send: 'Send reply',
    hint: 'The client sees this.',
  },
  note: {
    tab: 'Internal note',
    label: 'Internal note',
    send: 'Add note',
    hint: 'Only staff see internal notes.',
  },
  call: {
    tab: 'Log call',
    label: 'Call notes',
    send: 'Log call',
    hint: 'A logged call counts as the first response. Only staff see the notes.',
  },
};

export function TicketComposer(props: { ticketId: string }) {
  const [mode, setMode] = useState<Mode>('reply');
  const [drafts, setDrafts] = useState<Record<Mode, string>>({ reply: '', note: '', call: '' });
  const [error, setError] = useState<string | undefined>();
  const send = useTicketAction(
    props.ticketId,
    (input: { mode: Mode; body: string }) =>
      input.mode === 'reply'
        ? replyToTicket(props.ticketId, input.body)
        : input.mode === 'note'
          ? addNote(props.ticketId, input.body)
          : logCall(props.ticketId, { channel: 'call', body: input.body || undefined }),
    { errorTitle: 'Could not send' },
  );
  const text = drafts[mode];
  const copy = modes[mode];

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (send.isPending) return;
    if (mode !== 'call' && !text.trim()) return setError('Write something first');
    // The box empties as the message goes (not once the timeline has reloaded), and gets the text back
    // if sending fails and nothing new was typed meanwhile.
    const sent = mode;
    setDrafts((current) => ({ ...current, [sent]: '' }));
    send.mutate(
      { mode: sent, body: text.trim() },
      { onError: () => setDrafts((current) => ({ ...current, [sent]: current[sent] || text })) },
    );
  }

  return (
    <Paper
      withBorder
      p="sm"
      component="form"
      onSubmit={submit}
      noValidate
      aria-label="Composer"
      bg={mode === 'note' ? 'light-dark(var(--mantine-color-yellow-0), rgba(250, 176, 5, 0.08))' : undefined}
    >
      <Stack gap="xs">
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => {
            setMode(value as Mode);
            setError(undefined);
          }}
          data={(Object.keys(modes) as Mode[]).map((value) => ({ value, label: modes[value].tab }))}
          style={{ alignSelf: 'flex-start' }}
          aria-label="Composer mode"
        />
        <Textarea
          label={copy.label}
          description={copy.hint}
          autosize
          minRows={3}
          maxRows={12}
          value={text}
          error={error}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setDrafts((current) => ({ ...current, [mode]: value }));
            setError(undefined);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              submit();
            }
          }}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Ctrl+Enter to send
          </Text>
          <Button
            type="submit"
            loading={send.isPending}
            color={mode === 'note' ? 'yellow' : undefined}
            autoContrast
            leftSection={
              mode === 'reply' ? (
                <IconSend size={15} />
              ) : mode === 'note' ? (
                <IconLock size={15} />
              ) : (
                <IconPhone size={15} />
              )
            }
          >
            {copy.send}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
