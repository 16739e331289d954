// How the client portal words things for a client's people: priorities by what they mean for the business,
// ticket statuses plainly, SLA targets as times and then met or missed (never a countdown), and business time.
import type { Priority } from '../../../shared/api/sla-policies.ts';
import type { TicketStatusValue } from '../../../shared/api/ticket-enums.ts';
import { formatDateTime } from '../../ui/format.ts';
import type { PortalTarget } from './portal-api.ts';

/** What each priority means for the company, as someone raising a ticket would choose it. */
export const portalPriorityLabels: Record<Priority, string> = {
  P1: 'Business stopped',
  P2: 'Many people affected',
  P3: 'One person affected',
  P4: 'Question or request',
};

/** The priority a new ticket starts at: one person affected. */
export const DEFAULT_PORTAL_PRIORITY: Priority = 'P3';

export const portalPriorityHints: Record<Priority, string> = {
  P1: 'Nobody can work, or a system the business depends on is down',
  P2: 'A team, a site or many people cannot work normally',
  P3: 'You (or one colleague) cannot work normally',
  P4: 'Something to ask, order or change, with no one held up',
};

export const portalStatusLabels: Record<TicketStatusValue, string> = {
  new: 'Received',
  open: 'In progress',
  pending_client: 'Waiting on you',
  pending_vendor: 'Waiting on a vendor',
  scheduled: 'Scheduled',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const portalStatusColors: Record<TicketStatusValue, string> = {
  new: 'blue',
  open: 'indigo',
  pending_client: 'orange',
  pending_vendor: 'grape',
  scheduled: 'cyan',
  resolved: 'teal',
  closed: 'gray',
};

export type TargetKind = 'firstResponse' | 'resolution';

const nouns: Record<TargetKind, string> = { firstResponse: 'Response', resolution: 'Resolution' };
const verbs: Record<TargetKind, string> = { firstResponse: 'Responded', resolution: 'Resolved' };

/** Why a clock is paused, after "paused": the ticket's status says who it waits on. */
function pausedWhy(status: TicketStatusValue): string {
  if (status === 'pending_client') return ' while waiting on you';
  if (status === 'pending_vendor') return ' while waiting on a vendor';
  if (status === 'scheduled') return ' until the time you scheduled';
  return '';
}

function wallClock(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  return {
    day: `${get('weekday')} ${get('day')} ${get('month')}`,
    year: get('year'),
    time: `${get('hour')}:${get('minute')}`,
  };
}

/**
 * A moment as a time of day when it falls today in the zone ("10:30"), with the day otherwise
 * ("Tue 5 Mar, 10:30"), and the year when it is not this year's.
 */
export function clockTime(iso: string, now: Date, timeZone: string): string {
  const at = wallClock(new Date(iso), timeZone);
  const today = wallClock(now, timeZone);
  if (at.day === today.day && at.year === today.year) return at.time;
  return at.year === today.year ? `${at.day}, ${at.time}` : `${at.day} ${at.year}, ${at.time}`;
}

export interface TargetWords {
  /** "Response by 10:30", "Responded 10:12", "Resolution paused while waiting on you". */
  text: string;
  /** Said after the text once decided. */
  outcome: 'met' | 'missed' | null;
  isPaused: boolean;
  /** The due time in full, for a tooltip; null without one. */
  hint: string | null;
}

/**
 * A target as the client reads it: when it is due, then whether it was met or missed; paused while the
 * ticket waits on someone. `now` and `timeZone` decide whether a time needs its day.
 */
export function targetWords(
  kind: TargetKind,
  target: PortalTarget,
  status: TicketStatusValue,
  now: Date,
  timeZone: string,
): TargetWords {
  const noun = nouns[kind];
  const hint = target.dueAt ? `${noun} due ${formatDateTime(target.dueAt, timeZone, true)}` : null;
  const time = (iso: string) => clockTime(iso, now, timeZone);
  switch (target.outcome) {
    case 'paused':
      return { text: `${noun} paused${pausedWhy(status)}`, outcome: null, isPaused: true, hint };
    case 'met':
    case 'missed': {
      const text = target.doneAt
        ? `${verbs[kind]} ${time(target.doneAt)}`
        : target.dueAt
          ? `${noun} was due ${time(target.dueAt)}`
          : noun;
      return { text, outcome: target.outcome, isPaused: false, hint };
    }
    default:
      return {
        text: target.dueAt ? `${noun} by ${time(target.dueAt)}` : `No ${noun.toLowerCase()} target`,
        outcome: null,
        isPaused: false,
        hint,
      };
  }
}

/** The whole sentence: "Responded 10:12 — met". */
export const targetSentence = (words: TargetWords) =>
  words.outcome ? `${words.text} — ${words.outcome}` : words.text;

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

/** Business time as people say it: "30 business minutes", "4 business hours", "2 business hours 30 minutes". */
export function businessTimeWords(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes) || minutes <= 0) return 'No target';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return plural(rest, 'business minute');
  return rest === 0
    ? plural(hours, 'business hour')
    : `${plural(hours, 'business hour')} ${plural(rest, 'minute')}`;
}

/** The ticket list's filters as they live in the URL, so a view can be bookmarked and shared. */
export interface PortalTicketsSearch {
  state?: 'waiting' | 'closed' | 'all';
  mine?: true;
  q?: string;
  page?: number;
}

export function parsePortalTicketsSearch(search: Record<string, unknown>): PortalTicketsSearch {
  const page = Number(search.page);
  const q = typeof search.q === 'string' && search.q.trim() !== '' ? search.q : undefined;
  return {
    state:
      search.state === 'waiting' || search.state === 'closed' || search.state === 'all'
        ? search.state
        : undefined,
    mine: search.mine === true || search.mine === 'true' ? true : undefined,
    q,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}
