// Start, pause and stop the work timer of a ticket; stopping hands what to log to the Log time form.
import { ActionIcon, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconPlayerStop, IconX } from '@tabler/icons-react';
import { useNow } from '../../ui/use-now.ts';
import type { TimeEntryDraft } from './time-entry-form.tsx';
import { elapsedMs, formatElapsed, type useTicketTimer } from './timer.ts';

export function TimerControl(props: {
  timer: ReturnType<typeof useTicketTimer>;
  onStop: (draft: TimeEntryDraft) => void;
}) {
  const { timer } = props;
  const now = useNow(timer.isRunning ? 1000 : 60_000);
  const elapsed = timer.state ? elapsedMs(timer.state, now) : 0;

  if (!timer.state) {
    return (
      <Button variant="light" size="xs" leftSection={<IconPlayerPlay size={14} />} onClick={timer.start}>
        Start timer
      </Button>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Text
        size="sm"
        fw={600}
        className="tabular"
        data-testid="timer-elapsed"
        role="timer"
        aria-label="Timer"
        c={timer.isRunning ? undefined : 'dimmed'}
      >
        {formatElapsed(elapsed)}
      </Text>
      {timer.isRunning ? (
        <Button variant="default" size="xs" leftSection={<IconPlayerPause size={14} />} onClick={timer.pause}>
          Pause
        </Button>
      ) : (
        <Button variant="default" size="xs" leftSection={<IconPlayerPlay size={14} />} onClick={timer.start}>
          Resume
        </Button>
      )}
      <Button
        size="xs"
        leftSection={<IconPlayerStop size={14} />}
        onClick={() => {
          const draft = timer.stop();
          if (draft) props.onStop(draft);
        }}
      >
        Stop
      </Button>
      {!timer.isRunning && (
        <Tooltip label="Discard the timer without logging">
          <ActionIcon variant="subtle" color="gray" aria-label="Discard timer" onClick={timer.discard}>
            <IconX size={15} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
