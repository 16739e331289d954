// Builders for the time classification tests: New York calendars, a standard set of agreements, readable views.
// Kept free of vitest so it type-checks like any other shared module.
import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar, TimeRange, Weekday } from '../business-time/business-time.ts';
import { WEEKDAYS } from '../business-time/business-time.ts';
import type {
  ClassifiedEntry,
  ClassifiedSegment,
  ClassifyAgreement,
  ClassifyEntry,
  ClassifyInput,
  ClassifyResult,
  ClassifyTicket,
} from './classify-time.ts';
import { classifyTime } from './classify-time.ts';

export const NEW_YORK = 'America/New_York';
export const THANKSGIVING = '2026-11-26';

function calendar(days: readonly Weekday[], hours: TimeRange[], holidays: string[]): BusinessCalendar {
  const weeklyHours = Object.fromEntries(WEEKDAYS.map((day) => [day, days.includes(day) ? hours : []]));
  return { timeZone: NEW_YORK, weeklyHours: weeklyHours as Record<Weekday, TimeRange[]>, holidays };
}
/** Mon–Fri 08:00–18:00 New York, closed on Thanksgiving (Thursday 2026-11-26). */
export const officeHours = calendar(
  ['mon', 'tue', 'wed', 'thu', 'fri'],
  [['08:00', '18:00']],
  [THANKSGIVING],
);
/** Every day 08:00–18:00: US clocks change on Sundays, so only a calendar open on Sundays shows the split. */
export const everyDay = calendar(WEEKDAYS, [['08:00', '18:00']], []);

/** "11-16 10:00" → the ISO instant of that New York wall time in 2026 (2026-11-16 is a Monday). */
export const ny = (text: string) =>
  Temporal.PlainDateTime.from(`2026-${text.replace(' ', 'T')}`)
    .toZonedDateTime(NEW_YORK)
    .toInstant()
    .toString();
/** The inverse of `ny`, so expectations read as local times. */
export const local = (iso: string) =>
  Temporal.Instant.from(iso)
    .toZonedDateTimeISO(NEW_YORK)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' })
    .slice(5)
    .replace('T', ' ');

export function buildAgreement(overrides: Partial<ClassifyAgreement> & Pick<ClassifyAgreement, 'id'>) {
  const agreement: ClassifyAgreement = {
    name: 'Managed 2026',
    type: 'managed',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    calendar: officeHours,
    hourlyRateCents: 15_000,
    roleRates: {},
    tierPercent: { after_hours: 150, weekend: 200, holiday: 250 },
    coveredServiceIds: [],
    coveredAssetTypes: [],
    excludedTicketTypes: [],
    excludedWorkTypeIds: [],
    excludedWorkRoleIds: [],
    fallbackAgreementId: null,
    onsiteMinimumMinutes: 0,
    tripChargeCents: 0,
    remoteTicketMinimumMinutes: 0,
    roundingMinutes: 1,
    vendorCausedWork: 'graduated',
    overageRateCents: null,
    ...overrides,
  };
  return agreement;
}

// The standard set every case starts from; a case's own agreements replace these by id.
export const managed = buildAgreement({ id: 'managed' });
export const breakFix = buildAgreement({
  id: 'break-fix',
  name: 'Break/fix 2026',
  type: 'break_fix',
  hourlyRateCents: 12_500,
});
export const block = buildAgreement({
  id: 'block',
  name: 'Block 20 h',
  type: 'block_hours',
  overageRateCents: 18_000,
});
export const retainer = buildAgreement({ id: 'retainer', name: 'Retainer Q4', type: 'retainer' });
export const project = buildAgreement({ id: 'project', name: 'Website rebuild', type: 'project' });
const standard = [managed, breakFix, block, retainer, project];

export const request = (at: string, requestedBy = 'Dana Ruiz') => ({ requestedBy, requestedAt: ny(at) });

export function buildTicket(overrides: Partial<ClassifyTicket> = {}): ClassifyTicket {
  return {
    id: 'T1',
    type: 'Incident',
    serviceId: null,
    assetType: null,
    agreementId: 'managed',
    vendorNoticeAt: null,
    coverageHolds: [],
    afterHoursRequest: null,
    ...overrides,
  };
}

/** A remote-support entry by a technician with no work role, starting at a New York wall time. */
export function entry(at: string, minutes: number, overrides: Partial<ClassifyEntry> = {}): ClassifyEntry {
  return {
    id: 'E1',
    ticketId: 'T1',
    startedAt: ny(at),
    minutes,
    workTypeId: 'remote',
    workTypeName: 'Remote support',
    isOnSite: false,
    workRoleId: null,
    workRoleName: null,
    cause: 'normal',
    agreementId: null,
    override: null,
    ...overrides,
  };
}

export interface Setup {
  agreements?: ClassifyAgreement[];
  /** Merged into the one default ticket T1. */
  ticket?: Partial<ClassifyTicket>;
  /** Further tickets, for cases about more than one. */
  tickets?: ClassifyTicket[];
  entries: ClassifyEntry[];
  balances?: ClassifyInput['balances'];
}

export interface Case extends Setup {
  name: string;
  /** Partial views of the classified entries, in input order. */
  expected: Record<string, unknown>[];
  /** Partial closing balances. */
  closing?: Record<string, unknown>;
}

export const serviceNames = new Map([
  ['svc-servers', 'Remote server administration'],
  ['svc-printers', 'Printer support'],
]);

export function classify(setup: Setup): ClassifyResult {
  const agreements = new Map(standard.map((agreement) => [agreement.id, agreement]));
  for (const agreement of setup.agreements ?? []) agreements.set(agreement.id, agreement);
  const tickets = [buildTicket(setup.ticket), ...(setup.tickets ?? [])];
  return classifyTime({
    entries: setup.entries,
    tickets: new Map(tickets.map((ticket) => [ticket.id, ticket])),
    agreements,
    balances: setup.balances ?? {},
    serviceNames,
  });
}

/** An entry with its segments' starts shown as New York wall times ("11-16 18:00"). */
export function view(classified: ClassifiedEntry) {
  return { ...classified, segments: classified.segments.map(viewSegment) };
}

function viewSegment(segment: ClassifiedSegment) {
  return { ...segment, startedAt: local(segment.startedAt) };
}
