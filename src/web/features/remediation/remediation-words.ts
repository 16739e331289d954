// How a remediation plan reads to the people on each side: its direction as a sentence naming the parties,
// who answers and who decides, where it stands, why a decision is due, and dates written out ("4 January
// 2027"), never as a countdown. The client's words are "you"; the staff app names every party. Both sides
// read "notices", never anything harsher: they are objective events, counted the same for both.
import {
  type NoticeKind,
  type RemediationDecision,
  type RemediationDirection,
  type RemediationPlan,
  type RemediationSide,
  sidesOf,
} from '../../../shared/api/remediation.ts';

/** Whose screen it is: the MSP's staff app, the client's portal, or the vendor's portal. */
export type Viewer = 'staff' | 'client' | 'vendor';

export interface Parties {
  clientName: string;
  /** The vendor concerned; null on a client's concern about its MSP. */
  vendorName: string | null;
  mspName: string;
}

export const partiesOf = (
  plan: Pick<RemediationPlan, 'clientName' | 'vendorName'>,
  mspName: string,
): Parties => ({ clientName: plan.clientName, vendorName: plan.vendorName, mspName });

const longFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "4 January 2027" for a plain "YYYY-MM-DD" day. */
export function longDate(day: string): string {
  const parsed = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed) ? day : longFormat.format(parsed);
}

/** "4 January 2027" for an instant, on the day it was in `timeZone` (the browser's when omitted). */
export function longDateOf(iso: string, timeZone?: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(at);
}

/** Today as "YYYY-MM-DD" in UTC, the calendar the plan's dates are kept in. */
export const todayUtc = (now: Date = new Date()) => now.toISOString().slice(0, 10);

const vendorOf = (parties: Parties) => parties.vendorName ?? 'the vendor';

/** The plan in one sentence: "Your concern about Northwind IT", "Northwind IT’s plan for Dentrix". */
export function headline(direction: RemediationDirection, parties: Parties, viewer: Viewer): string {
  const { clientName, mspName } = parties;
  const vendor = vendorOf(parties);
  if (viewer === 'client') {
    if (direction === 'client_to_msp') return `Your concern about ${mspName}`;
    if (direction === 'msp_to_vendor') return `${mspName}’s plan for ${vendor}`;
    return `${mspName} asks you to bring ${vendor} under the agreement`;
  }
  if (direction === 'client_to_msp') return `${clientName}’s concern about ${mspName}`;
  if (direction === 'msp_to_vendor')
    return viewer === 'vendor'
      ? `${mspName}’s concern about ${vendor} at ${clientName}`
      : `${mspName}’s concern about ${vendor}`;
  return `${mspName} asks ${clientName} to bring ${vendor} under the agreement`;
}

/** The direction in a list's column of the staff app, where the client has its own column. */
export function directionShort(direction: RemediationDirection, vendorName: string | null): string {
  const vendor = vendorName ?? 'a vendor';
  if (direction === 'client_to_msp') return 'The client’s concern about us';
  if (direction === 'msp_to_vendor') return `Our concern about ${vendor}`;
  return `Asking the client to bring ${vendor} under the agreement`;
}

/** The three kinds of plan staff file, each in one line: who answers, who decides. */
export const directionChoices: { value: RemediationDirection; label: string; description: string }[] = [
  {
    value: 'client_to_msp',
    label: 'The client’s concern about us',
    description: 'Filed on the client’s behalf: we answer with items, the client decides.',
  },
  {
    value: 'msp_to_vendor',
    label: 'Our concern about one of the client’s vendors',
    description: 'The vendor answers (you record its items), we recommend, the client decides.',
  },
  {
    value: 'msp_to_client',
    label: 'Ask the client to bring a vendor under the agreement',
    description: 'The client answers in its portal and we decide; filing it also records a vendor notice.',
  },
];

/** A side by name, or "you" for the viewer's own side in the portal. */
export function sideName(side: RemediationSide, parties: Parties, viewer: Viewer): string {
  if (side === 'client') return viewer === 'client' ? 'you' : parties.clientName;
  if (side === 'msp') return parties.mspName;
  return vendorOf(parties);
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Who answers and by when, or who answered and when. */
export function answerLine(plan: RemediationPlan, parties: Parties, viewer: Viewer): string {
  const answerer = sideName(sidesOf[plan.direction].answers, parties, viewer);
  if (plan.respondedAt) {
    const by = plan.respondedByName ? ` by ${plan.respondedByName}` : '';
    return `Answered on ${longDateOf(plan.respondedAt)}${by}`;
  }
  return `${capitalized(answerer)} ${answerer === 'you' ? 'answer' : 'answers'} by ${longDate(plan.responseDueOn)}`;
}

/**
 * "Harbour Dental decides", "You decide", "Northwind IT recommends, you decide"; the vendor reads "Harbour
 * Dental decides, on Northwind IT’s advice".
 */
export function deciderLine(plan: RemediationPlan, parties: Parties, viewer: Viewer): string {
  const decider = sideName(sidesOf[plan.direction].decides, parties, viewer);
  const decides = decider === 'you' ? 'you decide' : `${decider} decides`;
  if (plan.direction !== 'msp_to_vendor') return capitalized(decides);
  return viewer === 'vendor'
    ? `${capitalized(decides)}, on ${parties.mspName}’s advice`
    : `${parties.mspName} recommends, ${decides}`;
}

export interface PhaseBadge {
  label: string;
  color: string;
}

/** Where the plan stands, as a badge; a decided plan says how it ended. */
export function phaseBadge(plan: Pick<RemediationPlan, 'phase' | 'decisions'>): PhaseBadge {
  switch (plan.phase) {
    case 'awaiting_response':
      return { label: 'Awaiting answer', color: 'blue' };
    case 'in_progress':
      return { label: 'In progress', color: 'indigo' };
    case 'decision_due':
      return { label: 'Decision due', color: 'orange' };
    default: {
      const last = plan.decisions.at(-1)?.decision;
      if (last === 'terminate') return { label: 'Terminated', color: 'red' };
      if (last === 'continue') return { label: 'Continued', color: 'teal' };
      return { label: 'Decided', color: 'gray' };
    }
  }
}

/** "1 of 3 notices". */
export const noticeCount = (plan: Pick<RemediationPlan, 'notices' | 'noticeLimit'>) =>
  `${plan.notices.length} of ${plan.noticeLimit} ${plan.noticeLimit === 1 ? 'notice' : 'notices'}`;

export const noticeKindLabels: Record<NoticeKind, string> = {
  p1_breach: 'P1 target missed',
  vendor_incident: 'Vendor incident',
  item_overdue: 'Item date missed',
  response_overdue: 'Answer overdue',
};

/**
 * A notice in words with its dates written out: the item whose date passed, or the answer that did not
 * come by its day; other notices (a P1 target missed, a vendor incident) as the server words them.
 */
export function noticeText(
  notice: RemediationPlan['notices'][number],
  plan: Pick<RemediationPlan, 'items' | 'responseDueOn'>,
): string {
  if (notice.kind === 'response_overdue') return `No answer with items by ${longDate(plan.responseDueOn)}`;
  const item = notice.kind === 'item_overdue' && plan.items.find((candidate) => candidate.id === notice.ref);
  return item ? `${item.issue}: due ${longDate(item.dueOn)}` : notice.label;
}

/**
 * What counts as a notice on this plan, so both sides know the rules before they apply. A plan asking the
 * client to bring a vendor under the agreement counts an incident caused by any of the client's vendors.
 */
export function noticeRules(direction: RemediationDirection, parties: Parties, viewer: Viewer): string {
  const event =
    direction === 'client_to_msp'
      ? 'a new P1 ticket whose guaranteed target is missed'
      : direction === 'msp_to_vendor'
        ? `a new incident caused by ${vendorOf(parties)}`
        : `a new incident caused by one of ${viewer === 'client' ? 'your' : `${parties.clientName}’s`} vendors`;
  return `Counted automatically, the same for both sides: the answer not given by its date, an item’s date missed, and ${event}.`;
}

export const allItemsDone = (plan: Pick<RemediationPlan, 'items'>) =>
  plan.items.length > 0 && plan.items.every((item) => item.status === 'done');

/** Whether the plan may be decided now: it ended, reached its notice limit, or every item is done. */
export const canDecideNow = (plan: Pick<RemediationPlan, 'phase' | 'items'>) =>
  plan.phase === 'decision_due' || (plan.phase !== 'decided' && allItemsDone(plan));

/** Why a decision is due now, or null while it is not. */
export function decisionDueWords(
  plan: Pick<
    RemediationPlan,
    'phase' | 'decisionDueBecause' | 'endsOn' | 'notices' | 'noticeLimit' | 'items'
  >,
): string | null {
  if (plan.decisionDueBecause === 'time_box_ended') return `The time box ended on ${longDate(plan.endsOn)}.`;
  if (plan.decisionDueBecause === 'notice_limit_reached')
    return `The notices reached the plan’s limit: ${noticeCount(plan)}.`;
  if (canDecideNow(plan)) return 'Every item is done, so the decision can be made before the plan ends.';
  return null;
}

/** When a decision becomes due, for a plan still running. */
export const whenDecisionDue = (plan: Pick<RemediationPlan, 'endsOn' | 'noticeLimit'>) =>
  `A decision is due once the plan ends on ${longDate(plan.endsOn)}, once it counts ${plan.noticeLimit} ${plan.noticeLimit === 1 ? 'notice' : 'notices'}, or once every item is done.`;

/** Whether the viewer's side gives (or, staff for a vendor, records) the answer with items. */
export function canAnswer(direction: RemediationDirection, viewer: Viewer): boolean {
  const side = sidesOf[direction].answers;
  if (viewer === 'vendor') return side === 'vendor';
  return viewer === 'client' ? side === 'client' : side !== 'client';
}

/** The answer's button and title: staff record a vendor's items, everyone else answers. */
export function answerLabel(direction: RemediationDirection, parties: Parties, viewer: Viewer): string {
  return viewer === 'staff' && sidesOf[direction].answers === 'vendor'
    ? `Record ${vendorOf(parties)}’s answer`
    : 'Answer with items';
}

export interface DecideWords {
  /** The button and the dialog's title. */
  label: string;
  /** Who decides, and on whose behalf the decision is recorded. */
  explanation: string;
}

/** Who decides, in the viewer's words; null when it is not the viewer's side to decide or record. */
export function decideWords(
  direction: RemediationDirection,
  parties: Parties,
  viewer: Viewer,
): DecideWords | null {
  const decider = sidesOf[direction].decides;
  if (viewer === 'vendor') return null;
  if (viewer === 'client') {
    if (decider !== 'client') return null;
    return {
      label: 'Decide',
      explanation: `The decision is yours. ${parties.mspName} sees it with your reason, and it is recorded in your name.`,
    };
  }
  if (decider === 'msp') {
    return {
      label: 'Decide',
      explanation: `${parties.mspName} decides on this plan. ${parties.clientName} sees the decision and its reason in the portal.`,
    };
  }
  return {
    label: `Record ${parties.clientName}’s decision`,
    explanation: `${parties.clientName} decides on this plan. Record the decision they gave you, with their reason; it shows as recorded by you.`,
  };
}

export const decisionChoices: { value: RemediationDecision; label: string; description: string }[] = [
  {
    value: 'continue',
    label: 'Continue the relationship',
    description: 'The concern is resolved: the plan ends and the relationship goes on.',
  },
  {
    value: 'extend',
    label: 'Extend the plan',
    description: 'More time is fair: the plan runs on to a new end date.',
  },
  {
    value: 'terminate',
    label: 'Terminate',
    description: 'End the relationship: a handover checklist opens, starting with a full export of the data.',
  },
];

/** A recorded decision: "Extended to 4 March 2027", "Terminated", "Continued". */
export function decisionTitle(record: { decision: RemediationDecision; extendedTo: string | null }): string {
  if (record.decision === 'extend')
    return record.extendedTo ? `Extended to ${longDate(record.extendedTo)}` : 'Extended';
  return record.decision === 'terminate' ? 'Terminated' : 'Continued';
}

/** "Ana Ruiz in the portal, 5 January 2027" or "recorded by Olivia Owner, 5 January 2027". */
export function decisionByline(
  record: { byName: string; via: 'portal' | 'staff'; at: string },
  decider: RemediationSide,
): string {
  const who =
    record.via === 'portal'
      ? `${record.byName} in the portal`
      : decider === 'client'
        ? `recorded by ${record.byName}`
        : record.byName;
  return `${capitalized(who)}, ${longDateOf(record.at)}`;
}

export const priorityLabels = { high: 'High', medium: 'Medium', low: 'Low' } as const;
export const priorityColors = { high: 'red', medium: 'yellow', low: 'gray' } as const;

export interface RemediationSearch {
  state?: 'decided' | 'all';
}

/** The list's filter as it lives in the URL; open plans when absent. */
export function parseRemediationSearch(search: Record<string, unknown>): RemediationSearch {
  return { state: search.state === 'decided' || search.state === 'all' ? search.state : undefined };
}
