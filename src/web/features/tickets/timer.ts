// A work timer per ticket, kept in localStorage so it survives a reload (and shows in every tab).
import { useCallback, useEffect, useState } from 'react';

interface TimerState {
  /** When the work began: the first start, ISO instant. */
  startedAt: string;
  /** Time counted before the current run, in ms. */
  accumulatedMs: number;
  /** Epoch ms of the current run's start; null while paused. */
  runningSince: number | null;
}

const PREFIX = 'accord.timer.';
const storageKey = (owner: string, ticketId: string) => `${PREFIX}${owner}.${ticketId}`;

function read(key: string): TimerState | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const value = JSON.parse(raw) as TimerState;
    return typeof value.startedAt === 'string' && typeof value.accumulatedMs === 'number' ? value : null;
  } catch {
    return null;
  }
}

function write(key: string, state: TimerState | null) {
  if (state) window.localStorage.setItem(key, JSON.stringify(state));
  else window.localStorage.removeItem(key);
}

export function elapsedMs(state: TimerState, now: number): number {
  return state.accumulatedMs + (state.runningSince === null ? 0 : Math.max(0, now - state.runningSince));
}

/** Whole minutes to log for a timer: rounded up, at least one. */
function minutesToLog(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/** "0:04:12" */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** The timer of one ticket for one staff member (`owner`, the membership id). */
export function useTicketTimer(owner: string, ticketId: string) {
  const key = storageKey(owner, ticketId);
  const [state, setState] = useState<TimerState | null>(() => read(key));

  useEffect(() => {
    setState(read(key));
    const onStorage = (event: StorageEvent) => {
      if (event.key === key) setState(read(key));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [key]);

  const update = useCallback(
    (next: TimerState | null) => {
      write(key, next);
      setState(next);
    },
    [key],
  );

  const start = useCallback(() => {
    const current = read(key);
    const now = Date.now();
    if (!current) update({ startedAt: new Date(now).toISOString(), accumulatedMs: 0, runningSince: now });
    else if (current.runningSince === null) update({ ...current, runningSince: now });
  }, [key, update]);

  const pause = useCallback(() => {
    const current = read(key);
    if (current && current.runningSince !== null) {
      update({ ...current, accumulatedMs: elapsedMs(current, Date.now()), runningSince: null });
    }
  }, [key, update]);

  /** Pauses and returns what to log; the timer stays until `discard` (after the entry is saved). */
  const stop = useCallback((): { startedAt: string; minutes: number } | null => {
    const current = read(key);
    if (!current) return null;
    const paused = { ...current, accumulatedMs: elapsedMs(current, Date.now()), runningSince: null };
    update(paused);
    return { startedAt: paused.startedAt, minutes: minutesToLog(paused.accumulatedMs) };
  }, [key, update]);

  const discard = useCallback(() => update(null), [update]);

  return { state, isRunning: state?.runningSince != null, start, pause, stop, discard };
}
