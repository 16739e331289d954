// Who made a change, and when: the latest log event about the same package or account within the window
// between two reports names the time and, where the OS recorded one, the account. Where no event names
// an actor, the logon sessions open at the time say who could have ("a vendor session was open").
import type { ChangeEvent, Session } from '../../../shared/api/inventory.ts';
import type { DetectedChange } from './inventory-diff.ts';

/** Log times and the agent's clock may disagree a little with the reports' collection times. */
const SLACK_MS = 5 * 60_000;

export interface Attribution {
  occurredAt: Date;
  timeFromLog: boolean;
  actor: string | null;
  actorSource: string | null;
  openSessions: Pick<Session, 'user' | 'from' | 'kind'>[];
}

export interface Window {
  /** The previous report's collection time. */
  since: Date;
  /** This report's collection time. */
  until: Date;
}

/** Account subjects carry " (SQL login)" for database logins; events name the bare login. */
const eventSubject = (subject: string) => subject.replace(/ \(SQL login\)$/, '').toLowerCase();

export function createAttributor(
  events: readonly ChangeEvent[],
  sessions: readonly Session[],
  window: Window,
) {
  const from = window.since.getTime() - SLACK_MS;
  const to = window.until.getTime() + SLACK_MS;
  const byKey = new Map<string, { event: ChangeEvent; at: number }>();
  for (const event of events) {
    const at = Date.parse(event.at);
    if (at < from || at > to) continue;
    const key = `${event.kind}\u0000${event.subject.toLowerCase()}`;
    const known = byKey.get(key);
    if (!known || at > known.at) byKey.set(key, { event, at });
  }
  const spans = sessions.map((s) => ({
    session: s,
    start: Date.parse(s.startedAt),
    end: s.endedAt ? Date.parse(s.endedAt) : Number.POSITIVE_INFINITY,
  }));

  function sessionsOpen(start: number, end: number) {
    const seen = new Set<string>();
    const open: Attribution['openSessions'] = [];
    for (const { session, start: s, end: e } of spans) {
      if (s > end || e < start) continue;
      const key = `${session.user}\u0000${session.from ?? ''}\u0000${session.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      open.push({ user: session.user, from: session.from, kind: session.kind });
    }
    return open;
  }

  return (change: DetectedChange): Attribution => {
    const found = change.eventKind
      ? byKey.get(`${change.eventKind}\u0000${eventSubject(change.subject)}`)
      : undefined;
    if (found) {
      const { event, at } = found;
      return {
        occurredAt: new Date(at),
        timeFromLog: true,
        actor: event.actor,
        actorSource: event.actor ? event.source : null,
        openSessions: event.actor ? [] : sessionsOpen(at, at),
      };
    }
    return {
      occurredAt: window.until,
      timeFromLog: false,
      actor: null,
      actorSource: null,
      openSessions: sessionsOpen(window.since.getTime(), window.until.getTime()),
    };
  };
}
