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
import type { Executor } from '../../db/client.ts';
import {
  type AgreementRow,
  findAgreementsByIds,
  findCatalogItems,
  listWorkRoleNames,
} from '../agreements/index.ts';
import { findCurrentCalendar, toBusinessCalendar } from '../calendars/index.ts';
import type { TicketRow } from '../tickets/index.ts';
import * as repo from './time.repository.ts';

/** Fallback chains are short; this bounds the walk should data ever loop. */
const MAX_CHAIN = 20;

async function loadChain(db: Executor, tenantId: string, startIds: Iterable<string>) {
  const rows = new Map<string, AgreementRow>();
  let pending = [...new Set(startIds)];
  for (let depth = 0; pending.length > 0 && depth < MAX_CHAIN; depth++) {
    const found = await findAgreementsByIds(db, tenantId, pending);
    for (const row of found) rows.set(row.id, row);
    pending = found.flatMap((row) =>
      row.fallbackAgreementId && !rows.has(row.fallbackAgreementId) ? [row.fallbackAgreementId] : [],
    );
  }
  return rows;
}

async function toClassifyAgreements(db: Executor, tenantId: string, rows: Map<string, AgreementRow>) {
  const calendars = new Map<string, ClassifyAgreement['calendar']>();
  for (const row of rows.values()) {
    if (row.calendarId && !calendars.has(row.calendarId)) {
      const found = await findCurrentCalendar(db, tenantId, row.calendarId);
      calendars.set(row.calendarId, found ? toBusinessCalendar(found.version) : null);
    }
  }
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

function toClassifyTicket(ticket: TicketRow): ClassifyTicket {
  return {
    id: ticket.id,
    type: ticket.type,
    serviceId: ticket.serviceId,
    // Tickets carry assets once the agent issue brings them.
    assetType: null,
    agreementId: ticket.agreementId,
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

/**
 * Classifies `rows` together, with a draft entry (replacing the row with its id, or joining them): loads
 * every agreement the entries, their tickets and `alsoAgreementIds` reach through fallbacks, with their
 * calendars, work types, work role and service names.
 */
export async function classifyEntries(
  db: Executor,
  tenantId: string,
  rows: readonly EntryWithTicket[],
  options: {
    balances: OpeningBalances;
    draft?: DraftEntry & { ticket: TicketRow };
    alsoAgreementIds?: string[];
  },
): Promise<{ result: ClassifyResult; agreements: Map<string, AgreementRow> }> {
  const { draft } = options;
  const tickets = new Map<string, ClassifyTicket>();
  for (const { ticket } of draft ? [...rows, { ticket: draft.ticket }] : rows) {
    if (!tickets.has(ticket.id)) tickets.set(ticket.id, toClassifyTicket(ticket));
  }
  const chain = await loadChain(db, tenantId, [
    ...(options.alsoAgreementIds ?? []),
    ...[...tickets.values()].flatMap((t) => (t.agreementId ? [t.agreementId] : [])),
    ...rows.flatMap((row) => (row.entry.agreementId ? [row.entry.agreementId] : [])),
    ...(draft?.agreementId ? [draft.agreementId] : []),
  ]);
  const agreements = await toClassifyAgreements(db, tenantId, chain);
  const workTypes = new Map(
    (await repo.listWorkTypes(db, tenantId, { includeArchived: true })).map((w) => [w.id, w]),
  );
  const roleNames = await listWorkRoleNames(db, tenantId);

  const toEntry = (entry: DraftEntry & { ticketId: string }): ClassifyEntry => {
    const workType = workTypes.get(entry.workTypeId);
    return {
      ...entry,
      startedAt: new Date(entry.startedAt).toISOString(),
      workTypeName: workType?.name ?? 'Unknown work type',
      isOnSite: workType?.isOnSite ?? false,
      workRoleName: entry.workRoleId ? (roleNames.get(entry.workRoleId) ?? null) : null,
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
  const serviceIds = new Set([
    ...[...chain.values()].flatMap((a) => a.coveredServiceIds),
    ...[...tickets.values()].flatMap((t) => (t.serviceId ? [t.serviceId] : [])),
  ]);
  const serviceNames = new Map(
    (await findCatalogItems(db, tenantId, [...serviceIds])).map((item) => [item.id, item.name]),
  );
  // Vendor notices arrive with the vendor-control issue; until then the graduated clause absorbs.
  const result = classifyTime({
    entries,
    tickets,
    agreements,
    balances: options.balances(chain),
    vendorNoticeAt: null,
    serviceNames,
  });
  return { result, agreements: chain };
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
  const { result, agreements } = await classifyEntries(db, tenantId, rows, {
    draft: draft && { ...draft, ticket },
    alsoAgreementIds: [...chain.keys()],
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
      .map((e) => [e.entryId, toApi(e, currency, (id) => agreements.get(id)?.name ?? null)]),
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
