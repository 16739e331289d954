// Classifies a ticket's time (and a draft entry, live while it is logged) with the pure classifier: loads
// the agreement chain, its calendars, and — when a block or retainer is in the chain — the client's other
// time under it, whose draws come first.
import type { TimeClassification } from '../../../shared/api/time.ts';
import {
  type ClassifiedEntry,
  type ClassifyAgreement,
  type ClassifyEntry,
  type ClassifyInput,
  type ClassifyResult,
  type ClassifyTicket,
  classifyTime,
} from '../../../shared/billing/classify-time.ts';
import { groupBy } from '../../../shared/group-by.ts';
import type { Executor } from '../../db/client.ts';
import {
  type AgreementRow,
  findAgreementsByIds,
  findCatalogItems,
  listWorkRoleNames,
} from '../agreements/index.ts';
import { findCurrentCalendars, toBusinessCalendar } from '../calendars/index.ts';
import type { TicketRow } from '../tickets/index.ts';
import { firstNoticeTimes, holdsOnTickets, noticeKey, type TicketHold } from '../vendors/index.ts';
import * as repo from './time.repository.ts';

/** Fallback chains are short; this bounds the walk should data ever loop. */
const MAX_CHAIN = 20;

/** Agreements from `startIds` along their fallbacks; those already in `known` are not read again. */
async function loadChain(
  db: Executor,
  tenantId: string,
  startIds: Iterable<string>,
  known: ReadonlyMap<string, AgreementRow> = new Map(),
) {
  const rows = new Map(known);
  const next = (ids: Iterable<string | null>) => [
    ...new Set([...ids].filter((id): id is string => id !== null && !rows.has(id))),
  ];
  let pending = next([...startIds, ...[...known.values()].map((row) => row.fallbackAgreementId)]);
  for (let depth = 0; pending.length > 0 && depth < MAX_CHAIN; depth++) {
    const found = await findAgreementsByIds(db, tenantId, pending);
    for (const row of found) rows.set(row.id, row);
    pending = next(found.map((row) => row.fallbackAgreementId));
  }
  return rows;
}

async function toClassifyAgreements(db: Executor, tenantId: string, rows: Map<string, AgreementRow>) {
  const calendarIds = [
    ...new Set([...rows.values()].flatMap((row) => (row.calendarId ? [row.calendarId] : []))),
  ];
  const calendars = new Map(
    (await findCurrentCalendars(db, tenantId, calendarIds)).map(({ calendar, version }) => [
      calendar.id,
      toBusinessCalendar(version),
    ]),
  );
  const agreements = new Map<string, ClassifyAgreement>();
  for (const row of rows.values()) {
    agreements.set(row.id, {
      id: row.id,
      name: row.name,
      type: row.type,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      calendar: row.calendarId ? (calendars.get(row.calendarId) ?? null) : null,
      hourlyRateCents: row.hourlyRateCents,
      roleRates: Object.fromEntries(row.roleRates.map((r) => [r.workRoleId, r.hourlyRateCents])),
      tierPercent: {
        after_hours: row.afterHoursPercent,
        weekend: row.weekendPercent,
        holiday: row.holidayPercent,
      },
      coveredServiceIds: row.coveredServiceIds,
      coveredAssetTypes: row.coveredAssetTypes,
      excludedTicketTypes: row.excludedTicketTypes,
      excludedWorkTypeIds: row.excludedWorkTypeIds,
      excludedWorkRoleIds: row.excludedWorkRoleIds,
      fallbackAgreementId: row.fallbackAgreementId,
      onsiteMinimumMinutes: row.onsiteMinimumMinutes,
      tripChargeCents: row.tripChargeCents,
      remoteTicketMinimumMinutes: row.remoteTicketMinimumMinutes,
      roundingMinutes: row.roundingMinutes,
      vendorCausedWork: row.vendorCausedWork,
      overageRateCents: row.overageRateCents,
    });
  }
  return agreements;
}

function toClassifyTicket(ticket: TicketRow, context: ClassifyContext): ClassifyTicket {
  const notice = ticket.vendorId
    ? context.vendorNotices.get(noticeKey(ticket.clientId, ticket.vendorId))
    : undefined;
  const holds = context.coverageHolds.get(ticket.id) ?? [];
  return {
    id: ticket.id,
    type: ticket.type,
    serviceId: ticket.serviceId,
    // Tickets carry assets once the agent issue brings them.
    assetType: null,
    agreementId: ticket.agreementId,
    vendorNoticeAt: notice?.toISOString() ?? null,
    coverageHolds: holds.map((hold) => ({
      assetName: hold.assetName,
      from: hold.placedAt.toISOString(),
      until: hold.liftedAt?.toISOString() ?? null,
    })),
    afterHoursRequest: ticket.afterHoursRequest,
  };
}

/** A draft entry being logged or edited, classified together with the ticket's other time. */
export interface DraftEntry {
  id: string;
  startedAt: string;
  minutes: number;
  workTypeId: string;
  cause: ClassifyEntry['cause'];
  workRoleId: string | null;
  agreementId: string | null;
  override: ClassifyEntry['override'];
}

export type EntryWithTicket = { entry: repo.TimeEntryRow; ticket: TicketRow };

/** Opening balances of the block and retainer agreements among the loaded ones. */
export type OpeningBalances = (agreements: ReadonlyMap<string, AgreementRow>) => ClassifyInput['balances'];

/** What classifying needs besides the entries: the agreement chain with calendars, work types, names. */
export interface ClassifyContext {
  chain: Map<string, AgreementRow>;
  agreements: Map<string, ClassifyAgreement>;
  workTypes: Map<string, { name: string; isOnSite: boolean }>;
  roleNames: Map<string, string>;
  serviceNames: Map<string, string>;
  /** When each client was first given a standing notice about each vendor (vendors' noticeKey). */
  vendorNotices: Map<string, Date>;
  /** Coverage holds on the assets each ticket names, by ticket id. */
  coverageHolds: Map<string, TicketHold[]>;
}

/**
 * Loads every agreement the entries, their tickets and the `known` ones reach through fallbacks, with
 * their calendars, the work types, work role and service names: a handful of statements however many
 * entries there are.
 */
export async function loadClassifyContext(
  db: Executor,
  tenantId: string,
  sources: {
    tickets: Iterable<Pick<TicketRow, 'id' | 'agreementId' | 'serviceId' | 'clientId'>>;
    entryAgreementIds: Iterable<string | null>;
    /** Agreements the caller already read, which classifying needs too (with their fallbacks). */
    known?: ReadonlyMap<string, AgreementRow>;
  },
): Promise<ClassifyContext> {
  const tickets = [...sources.tickets];
  const chain = await loadChain(
    db,
    tenantId,
    [
      ...tickets.flatMap((t) => (t.agreementId ? [t.agreementId] : [])),
      ...[...sources.entryAgreementIds].flatMap((id) => (id ? [id] : [])),
    ],
    sources.known,
  );
  const agreements = await toClassifyAgreements(db, tenantId, chain);
  const workTypes = new Map(
    (await repo.listWorkTypes(db, tenantId, { includeArchived: true })).map((w) => [w.id, w]),
  );
  const roleNames = await listWorkRoleNames(db, tenantId);
  const serviceIds = new Set([
    ...[...chain.values()].flatMap((a) => a.coveredServiceIds),
    ...tickets.flatMap((t) => (t.serviceId ? [t.serviceId] : [])),
  ]);
  const serviceNames = new Map(
    (await findCatalogItems(db, tenantId, [...serviceIds])).map((item) => [item.id, item.name]),
  );
  const vendorNotices = await firstNoticeTimes(db, tenantId, [...new Set(tickets.map((t) => t.clientId))]);
  const coverageHolds = groupBy(
    await holdsOnTickets(
      db,
      tenantId,
      tickets.map((t) => t.id),
    ),
    (hold) => hold.ticketId,
  );
  return { chain, agreements, workTypes, roleNames, serviceNames, vendorNotices, coverageHolds };
}

/**
 * Classifies `rows` together with what `loadClassifyContext` loaded for them, and a draft entry (replacing
 * the row with its id, or joining them). Entries of several clients can go together: balances are per
 * agreement and minimums per ticket.
 */
export function classifyLoaded(
  context: ClassifyContext,
  rows: readonly EntryWithTicket[],
  options: { balances: OpeningBalances; draft?: DraftEntry & { ticket: TicketRow } },
): ClassifyResult {
  const { draft } = options;
  const tickets = new Map<string, ClassifyTicket>();
  for (const { ticket } of draft ? [...rows, { ticket: draft.ticket }] : rows) {
    if (!tickets.has(ticket.id)) tickets.set(ticket.id, toClassifyTicket(ticket, context));
  }
  const toEntry = (entry: DraftEntry & { ticketId: string }): ClassifyEntry => {
    const workType = context.workTypes.get(entry.workTypeId);
    return {
      ...entry,
      startedAt: new Date(entry.startedAt).toISOString(),
      workTypeName: workType?.name ?? 'Unknown work type',
      isOnSite: workType?.isOnSite ?? false,
      workRoleName: entry.workRoleId ? (context.roleNames.get(entry.workRoleId) ?? null) : null,
    };
  };
  const entries = rows
    .filter((row) => row.entry.id !== draft?.id)
    .map(({ entry }) =>
      toEntry({
        id: entry.id,
        ticketId: entry.ticketId,
        startedAt: entry.startedAt.toISOString(),
        minutes: entry.minutes,
        workTypeId: entry.workTypeId,
        cause: entry.cause,
        workRoleId: entry.workRoleId,
        agreementId: entry.agreementId,
        override: entry.billingOverride && {
          outcome: entry.billingOverride.outcome,
          reason: entry.billingOverride.reason,
        },
      }),
    );
  if (draft) entries.push(toEntry({ ...draft, ticketId: draft.ticket.id }));
  return classifyTime({
    entries,
    tickets,
    agreements: context.agreements,
    balances: options.balances(context.chain),
    serviceNames: context.serviceNames,
  });
}

/**
 * Classifications of the ticket's live entries (`own`, as the caller listed them; a draft replaces the
 * entry with its id, or joins them), by entry id. When a block or retainer is in the chain the client's
 * other time since it began is classified too, its draws first; the balances start full, as an estimate
 * until an invoice has bought and drawn them.
 */
export async function classifyTicketTime(
  db: Executor,
  ticket: TicketRow,
  ownEntries: readonly repo.TimeEntryRow[],
  currency: string,
  draft?: DraftEntry,
): Promise<Map<string, TimeClassification>> {
  const { tenantId } = ticket;
  const own = ownEntries.map((entry) => ({ entry, ticket }));
  const chain = await loadChain(db, tenantId, [
    ...(ticket.agreementId ? [ticket.agreementId] : []),
    ...own.flatMap((row) => (row.entry.agreementId ? [row.entry.agreementId] : [])),
    ...(draft?.agreementId ? [draft.agreementId] : []),
  ]);
  const pooled = [...chain.values()].filter((a) => a.type === 'block_hours' || a.type === 'retainer');
  const rows =
    pooled.length === 0
      ? own
      : await repo.listClientEntriesSince(
          db,
          tenantId,
          ticket.clientId,
          new Date(`${pooled.map((a) => a.startsOn).sort()[0]}T00:00:00Z`),
        );
  const context = await loadClassifyContext(db, tenantId, {
    tickets: [...rows.map((row) => row.ticket), ticket],
    entryAgreementIds: [...rows.map((row) => row.entry.agreementId), draft?.agreementId ?? null],
    known: chain,
  });
  const result = classifyLoaded(context, rows, {
    draft: draft && { ...draft, ticket },
    balances: (loaded) =>
      Object.fromEntries(
        [...loaded.values()].map((a) => [
          a.id,
          { minutes: a.blockMinutes ?? 0, cents: a.retainerCents ?? 0 },
        ]),
      ),
  });
  const mine = new Set([...own.map((row) => row.entry.id), ...(draft ? [draft.id] : [])]);
  return new Map(
    result.entries
      .filter((e) => mine.has(e.entryId))
      .map((e) => [e.entryId, toApi(e, currency, (id) => context.chain.get(id)?.name ?? null)]),
  );
}

function toApi(
  { entryId: _, segments, ...entry }: ClassifiedEntry,
  currency: string,
  nameOf: (id: string) => string | null,
): TimeClassification {
  return {
    ...entry,
    agreementName: entry.agreementId ? nameOf(entry.agreementId) : null,
    currency,
    segments: segments.map(({ agreementId: _a, valueCents: _v, ...segment }) => segment),
  };
}
