// Plans the demo's tickets: ~six weeks of history whose SLA outcomes are chosen per scenario (met,
// missed, paused, at risk now, …), plus a few raised "now". Pure: the same seed and `now` give the same plans.
import { Temporal } from 'temporal-polyfill';
import type { Priority, SlaTargets } from '../../shared/api/sla-policies.ts';
import type { TicketSource, TicketType } from '../../shared/api/ticket-enums.ts';
import type { ImportEvent } from '../../shared/api/tickets.ts';
import type { TimeCause } from '../../shared/api/time.ts';
import type { BusinessCalendar } from '../../shared/business-time/business-time.ts';
import { assigneeWeights, type ClientKey, type StaffKey } from './demo-data.ts';
import type { Random } from './demo-random.ts';
import { type PauseKind, startBefore, Timeline } from './demo-timeline.ts';
import { type Topic, topicsFor, type WorkTypeName } from './demo-topics.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

export type Scenario =
  | 'met'
  | 'missed_response'
  | 'missed_resolution'
  | 'waiting_client'
  | 'waiting_vendor'
  | 'scheduled'
  | 'on_track'
  | 'at_risk'
  | 'breached'
  | 'response_at_risk'
  | 'response_breached';

/** How many imported tickets play each scenario (186 in all). */
export const scenarioCounts: Readonly<Record<Scenario, number>> = {
  met: 120,
  missed_response: 10,
  missed_resolution: 14,
  waiting_client: 7,
  waiting_vendor: 4,
  scheduled: 4,
  on_track: 10,
  at_risk: 6,
  breached: 5,
  response_at_risk: 3,
  response_breached: 3,
};

export const LIVE_TICKETS = 14;

export interface DemoClientContext {
  key: ClientKey;
  timeZone: string;
  weight: number;
  calendar: BusinessCalendar;
  targets: SlaTargets;
  contacts: readonly string[];
}

export interface PlanContext {
  now: number;
  clients: readonly DemoClientContext[];
  aroundTheClock: BusinessCalendar;
  staffNames: Readonly<Record<StaffKey, string>>;
}

export interface TimePlan {
  staff: StaffKey;
  startedAt: number;
  minutes: number;
  workType: WorkTypeName;
  cause: TimeCause;
  note: string;
}

export interface ImportPlan {
  externalId: string;
  client: ClientKey;
  contact: number;
  title: string;
  description: string;
  type: TicketType;
  /** At creation; priority events may change it. */
  priority: Priority;
  events: ImportEvent[];
  createdAt: number;
  scenario: Scenario;
  assignee: StaffKey | null;
  time: TimePlan[];
}

export interface LivePlan {
  client: ClientKey;
  contact: number;
  title: string;
  description: string;
  type: TicketType;
  priority: Priority;
  source: TicketSource;
  board: 'Service Desk' | 'Projects' | 'Alerts';
  assignee: StaffKey | null;
  firstTouch: 'none' | 'reply' | 'call';
  reply: string;
  time: Omit<TimePlan, 'startedAt'> | null;
}

const pauseKinds: Record<string, PauseKind> = {
  waiting_client: 'pending_client',
  waiting_vendor: 'pending_vendor',
  scheduled: 'scheduled',
};

const firstName = (name: string) =>
  name.startsWith('Dr. ') ? `Dr. ${name.split(' ').at(-1)}` : name.split(' ')[0]!;

function words(text: string, requester: string, tech: string) {
  return text.replaceAll('{first}', firstName(requester)).replaceAll('{tech}', firstName(tech));
}

export function planDemoTickets(
  ctx: PlanContext,
  random: Random,
): { imported: ImportPlan[]; live: LivePlan[] } {
  // Topics of tickets open now, so the queue does not show the same problem twice at one client.
  const open = new Set<string>();
  const scenarios = Object.entries(scenarioCounts).flatMap(([scenario, count]) =>
    Array.from({ length: count }, () => scenario as Scenario),
  );
  const imported = scenarios
    .map((scenario) => planImported(ctx, random, scenario, open))
    .sort((a, b) => a.createdAt - b.createdAt);
  imported.forEach((plan, index) => {
    plan.externalId = `CW-${48_200 + index * 3 + (index % 3)}`;
  });
  const live = Array.from({ length: LIVE_TICKETS }, () => planLive(ctx, random, open));
  return { imported, live };
}

/** `open` (when given) holds the client:title pairs already open; the pick avoids them and joins them. */
function chooseTicket(ctx: PlanContext, random: Random, open?: Set<string>) {
  const weights = Object.fromEntries(ctx.clients.map((c) => [c.key, c.weight])) as Record<ClientKey, number>;
  const key = random.weighted(weights);
  const client = ctx.clients.find((c) => c.key === key)!;
  const choices = topicsFor(client.key);
  let topic = random.pick(choices);
  for (let tries = 0; open?.has(`${key}:${topic.title}`) && tries < 8; tries++) topic = random.pick(choices);
  open?.add(`${key}:${topic.title}`);
  // Priorities drift from the topic's usual one, but only a P1 topic makes a P1.
  const shift = random.weighted({ same: 75, up: 10, down: 15 });
  const rank = Number(topic.priority.slice(1)) + (shift === 'up' ? -1 : shift === 'down' ? 1 : 0);
  const priority = `P${Math.min(4, Math.max(topic.priority === 'P1' ? 1 : 2, rank))}` as Priority;
  const contact = random.int(0, client.contacts.length - 1);
  return { client, topic, priority, contact };
}

function chooseAssignee(random: Random, client: ClientKey): StaffKey {
  return random.weighted(assigneeWeights[client] as Record<StaffKey, number>);
}

function entryMinutes(random: Random, topic: Topic): number {
  return Math.round(random.int(topic.minutes[0], topic.minutes[1]) / 5) * 5 || 5;
}

function planImported(ctx: PlanContext, random: Random, scenario: Scenario, open: Set<string>): ImportPlan {
  const isOpenNow = !['met', 'missed_response', 'missed_resolution'].includes(scenario);
  const { client, topic, priority, contact } = chooseTicket(ctx, random, isOpenNow ? open : undefined);
  const isUnassigned =
    scenario === 'response_at_risk' ||
    scenario === 'response_breached' ||
    (scenario === 'on_track' && random.chance(0.3));
  const assignee = isUnassigned ? null : chooseAssignee(random, client.key);
  const tech = ctx.staffNames[assignee ?? 'dispatcher'];
  const say = (text: string) => words(text, client.contacts[contact]!, tech);
  const calendarFor = (p: Priority) => (p === 'P1' ? ctx.aroundTheClock : client.calendar);
  const time: TimePlan[] = [];
  const logTime = (startedAt: number, minutes: number, note: string, cause: TimeCause = 'normal') => {
    if (assignee) time.push({ staff: assignee, startedAt, minutes, workType: topic.workType, cause, note });
  };
  const exchange = { ask: say(topic.question), answer: topic.answer, vendor: topic.vendor };
  const firstTouch = (tl: Timeline) => {
    if (random.chance(0.7)) tl.staffReply(say(topic.reply));
    else tl.call(`Called ${firstName(client.contacts[contact]!)}: ${topic.note}`);
    tl.status('open');
    logTime(tl.at, Math.min(20, entryMinutes(random, topic)), 'Triage and first contact with the requester.');
  };
  const frTarget = (p: Priority) => client.targets[p].firstResponseMinutes;
  const resTarget = (p: Priority) => client.targets[p].resolutionMinutes;
  const base = {
    externalId: '',
    client: client.key,
    contact,
    title: topic.title,
    description: topic.description,
  };
  const done = (tl: Timeline): ImportPlan => {
    tl.truncate(ctx.now - MINUTE);
    return {
      ...base,
      type: topic.type,
      priority,
      events: tl.events,
      createdAt: tl.createdAt,
      scenario,
      assignee,
      time: time.filter((t) => t.startedAt + t.minutes * MINUTE <= ctx.now),
    };
  };

  // Open right now: anchored on `now`, so the clock reads what the scenario says.
  if (scenario === 'response_at_risk' || scenario === 'response_breached') {
    const fraction =
      scenario === 'response_at_risk' ? 0.78 + random.next() * 0.12 : 1.3 + random.next() * 1.5;
    const calendar = calendarFor(priority);
    const tl = new Timeline(calendar, startBefore(calendar, ctx.now - MINUTE, fraction * frTarget(priority)));
    if (scenario === 'response_breached')
      tl.wait(random.int(30, 240)).contactReply('Any update on this, please?');
    return done(tl);
  }
  if (
    scenario === 'on_track' ||
    scenario === 'at_risk' ||
    scenario === 'breached' ||
    scenario in pauseKinds
  ) {
    const calendar = calendarFor(priority);
    const kind = pauseKinds[scenario];
    const pauseWall = kind === 'pending_client' ? random.int(90, 2880) : kind ? random.int(240, 4000) : 0;
    const end = ctx.now - MINUTE - pauseWall * MINUTE;
    const fraction =
      scenario === 'on_track'
        ? 0.15 + random.next() * 0.45
        : scenario === 'at_risk'
          ? 0.77 + random.next() * 0.13
          : scenario === 'breached'
            ? 1.1 + random.next() * 0.7
            : 0.2 + random.next() * 0.35;
    const tl = new Timeline(calendar, startBefore(calendar, end, fraction * resTarget(priority)));
    tl.reachFromCreation((0.2 + random.next() * 0.4) * frTarget(priority), calendar);
    firstTouch(tl);
    tl.work(random.int(5, 20)).note(topic.note);
    if (kind) {
      tl.at = Math.max(tl.at, end);
      const minutes = entryMinutes(random, topic);
      logTime(tl.at - minutes * MINUTE, minutes, topic.note);
      tl.pause(kind, exchange, 0, true);
    } else if (scenario === 'breached') {
      tl.at = Math.max(tl.at, ctx.now - random.int(60, 600) * MINUTE);
      tl.contactReply('This is still not working — can someone call me?');
    }
    return done(tl);
  }

  // History: built forward from a past creation, moved earlier until it fits before `now`.
  const change =
    (priority === 'P2' || priority === 'P3') && random.chance(0.15)
      ? random.chance(0.5) && priority === 'P3'
        ? { to: 'P2' as Priority, reason: 'More people affected now; raising the priority.' }
        : {
            to: `P${Number(priority.slice(1)) + 1}` as Priority,
            reason: 'Workaround in place; only one person affected.',
          }
      : null;
  const final = change?.to ?? priority;
  const frFraction = scenario === 'missed_response' ? 1.2 + random.next() * 1.3 : 0.1 + random.next() * 0.7;
  const resFraction =
    scenario === 'missed_resolution' ? 1.15 + random.next() * 0.6 : 0.15 + random.next() * 0.7;
  const pause = random.chance(0.35)
    ? random.weighted({ pending_client: 60, pending_vendor: 25, scheduled: 15 })
    : null;
  const pauseWall = pause === 'pending_client' ? random.int(60, 2880) : random.int(240, 4320);
  const pauseAfter = 0.2 + random.next() * 0.5;
  const contactFollowUp = random.chance(0.2);
  const closeAfter = random.int(2 * 1440, 4 * 1440);
  const resolveMinutes = entryMinutes(random, topic);
  const isClientCaused = random.chance(0.05);
  // Most techs book one entry per ticket; some book the triage separately.
  const triageMinutes = random.chance(0.35) ? Math.min(20, entryMinutes(random, topic)) : 0;
  const noteAfter = random.int(5, 20);
  const replyByCall = random.chance(0.3);

  const build = (createdAt: number) => {
    time.length = 0;
    const tl = new Timeline(calendarFor(final), createdAt);
    if (contactFollowUp) tl.wait(10).contactReply('Adding: it happened again just now.');
    tl.reachFromCreation(frFraction * frTarget(priority), calendarFor(priority));
    if (replyByCall) tl.call(`Called ${firstName(client.contacts[contact]!)} to go through it.`);
    else tl.staffReply(say(topic.reply));
    tl.status('open');
    if (triageMinutes) logTime(tl.at, triageMinutes, 'Triage and first contact with the requester.');
    tl.work(noteAfter).note(topic.note);
    if (change) tl.work(15).priority(change.to, change.reason);
    const goal = resFraction * resTarget(final);
    let paused = 0;
    if (pause) {
      tl.work(Math.max(0, goal - tl.counted(0)) * pauseAfter);
      paused = tl.pause(pause, exchange, pauseWall);
    }
    tl.work(Math.max(10, goal - tl.counted(paused)));
    const cause: TimeCause =
      pause === 'pending_vendor' ? 'vendor_caused' : isClientCaused ? 'client_caused' : 'normal';
    const note =
      cause === 'vendor_caused'
        ? `Clean-up after the vendor's change: ${topic.note}`
        : cause === 'client_caused'
          ? `Redone after the client changed the setup: ${topic.note}`
          : topic.note;
    logTime(tl.at - resolveMinutes * MINUTE, resolveMinutes, note, cause);
    tl.staffReply(say(topic.fix)).status('resolved');
    if (tl.at + closeAfter * MINUTE < ctx.now) tl.wait(closeAfter).status('closed');
    return tl;
  };

  let createdAt = pastCreation(ctx, random, client, final);
  let tl = build(createdAt);
  for (let tries = 0; tries < 6 && tl.lastAt > ctx.now - 10 * MINUTE; tries++) {
    createdAt -= 7 * DAY;
    tl = build(createdAt);
  }
  return done(tl);
}

/** A creation instant 4–42 days back, mostly in the client's office hours, whole minutes. */
function pastCreation(
  ctx: PlanContext,
  random: Random,
  client: DemoClientContext,
  priority: Priority,
): number {
  const today = Temporal.Instant.fromEpochMilliseconds(ctx.now).toZonedDateTimeISO(client.timeZone);
  let day = today.subtract({ days: random.int(4, 42) });
  if (day.dayOfWeek >= 6 && priority !== 'P1' && random.chance(0.85)) {
    day = day.subtract({ days: day.dayOfWeek - 5 });
  }
  const isAfterHours = random.chance(0.15);
  const hour = isAfterHours ? random.pick([6, 18, 19, 20, 21]) : random.int(8, 16);
  return day.with({
    hour,
    minute: random.int(0, 59),
    second: 0,
    millisecond: 0,
    microsecond: 0,
    nanosecond: 0,
  }).epochMilliseconds;
}

function planLive(ctx: PlanContext, random: Random, open: Set<string>): LivePlan {
  const { client, topic, priority, contact } = chooseTicket(ctx, random, open);
  const isAlert = topic.type === 'alert';
  const source: TicketSource = isAlert
    ? 'agent_alert'
    : random.weighted({ phone: 30, email: 30, portal: 20, chat: 10, web: 10 });
  const assignee = random.chance(0.5) ? chooseAssignee(random, client.key) : null;
  const firstTouch = random.weighted({ none: 45, reply: 35, call: 20 });
  const tech = ctx.staffNames[assignee ?? 'dispatcher'];
  const minutes = random.int(1, 4) * 5;
  return {
    client: client.key,
    contact,
    title: topic.title,
    description: topic.description,
    type: topic.type,
    priority,
    source,
    board: isAlert ? 'Alerts' : topic.type === 'change' ? 'Projects' : 'Service Desk',
    assignee,
    firstTouch,
    reply: words(topic.reply, client.contacts[contact]!, tech),
    time:
      assignee && firstTouch !== 'none'
        ? {
            staff: assignee,
            minutes,
            workType: topic.workType,
            cause: 'normal',
            note: 'Triage and first contact with the requester.',
          }
        : null,
  };
}
