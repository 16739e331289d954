// Alerts become tickets: a failing disk, a degraded array, a failed backup, a backup older than its RPO,
// an agent silent beyond its client's threshold. One ticket per asset, condition and subject: while the
// condition holds nothing more is written; when it clears the ticket is resolved with a note; when it
// comes back the same ticket gets a note (and is reopened), or a new one opens if the old is closed.
import { and, eq, sql } from 'drizzle-orm';
import type { AssetCriticality } from '../../../shared/api/asset-enums.ts';
import type { InventoryHealth, InventoryState } from '../../../shared/api/inventory.ts';
import type { Priority } from '../../../shared/api/sla-policies.ts';
import type { Executor } from '../../db/client.ts';
import { assets } from '../assets/assets.table.ts';
import { inMaintenance } from '../change-requests/change-windows.ts';
import { clients } from '../clients/clients.table.ts';
import { type AlertTicket, openAlertTicket, recurAlertTicket, resolveAlertTicket } from '../tickets/index.ts';
import { slaBasisOfAssets } from './asset-standing.ts';
import { type AlertCondition, assetAlerts, ticketAssets } from './inventory.table.ts';

export interface Condition {
  condition: AlertCondition;
  subject: string;
  /** What is wrong, in a sentence. */
  detail: string;
}

const HOUR_MS = 3_600_000;

/** What each condition's ticket is titled, for the asset named. */
const titles: Record<AlertCondition, (subject: string, asset: string) => string> = {
  agent_offline: (_, asset) => `Agent offline: ${asset}`,
  disk_failing: (disk, asset) => `Disk failing: ${disk} on ${asset}`,
  raid_degraded: (array, asset) => `RAID degraded: ${array} on ${asset}`,
  backup_failed: (job, asset) => `Backup failed: ${job} on ${asset}`,
  backup_stale: (job, asset) => `Backup older than its RPO: ${job} on ${asset}`,
};

const clearedNotes: Record<AlertCondition, string> = {
  agent_offline: 'The agent is checking in again.',
  disk_failing: 'The disk no longer reports a failure.',
  raid_degraded: 'The array reports healthy again.',
  backup_failed: 'The backup job succeeded.',
  backup_stale: 'A backup within the RPO has completed.',
};

const priorityOf: Record<AssetCriticality, Priority> = {
  critical: 'P1',
  high: 'P2',
  normal: 'P3',
  low: 'P4',
};

function hoursAgo(instant: string, now: Date) {
  return Math.floor((now.getTime() - Date.parse(instant)) / HOUR_MS);
}

/** The sections of a state that alerts are judged on. */
export type AlertSections = Pick<InventoryState, 'disks' | 'raid' | 'backups'>;

/**
 * The conditions a report shows, and which conditions it could judge at all: a section the agent could
 * not collect neither raises nor clears its alerts.
 */
export function inventoryConditions(state: AlertSections, health: InventoryHealth, now: Date) {
  const judged = new Set<AlertCondition>();
  const found: Condition[] = [];
  if (state.disks) {
    judged.add('disk_failing');
    for (const disk of state.disks) {
      if (disk.health !== 'failing') continue;
      const model = disk.model ? ` (${disk.model})` : '';
      found.push({
        condition: 'disk_failing',
        subject: disk.device,
        detail: `${disk.device}${model} reports failing health${disk.detail ? `: ${disk.detail}` : ''}.`,
      });
    }
  }
  if (state.raid) {
    judged.add('raid_degraded');
    for (const array of state.raid) {
      if (array.health === 'ok') continue;
      const failed = array.failedMembers.length ? `; failed: ${array.failedMembers.join(', ')}` : '';
      found.push({
        condition: 'raid_degraded',
        subject: array.device,
        detail: `${array.device}${array.level ? ` (${array.level})` : ''} is ${array.health}${failed}.`,
      });
    }
  }
  if (state.backups) {
    judged.add('backup_failed');
    judged.add('backup_stale');
    const runs = new Map(health.backupRuns.map((run) => [run.name, run]));
    for (const job of state.backups) {
      if (job.status === 'failed') {
        found.push({
          condition: 'backup_failed',
          subject: job.name,
          detail: `The last run of ${job.name} failed.`,
        });
      }
      const last = runs.get(job.name)?.lastSuccessAt ?? null;
      if (!last || now.getTime() - Date.parse(last) > job.rpoHours * HOUR_MS) {
        found.push({
          condition: 'backup_stale',
          subject: job.name,
          detail: last
            ? `The last good backup of ${job.name} is ${hoursAgo(last, now)} hours old; its RPO is ${job.rpoHours} hours.`
            : `${job.name} has no successful backup on record; its RPO is ${job.rpoHours} hours.`,
        });
      }
    }
  }
  return { judged, found };
}

const keyOf = (c: { condition: string; subject: string }) => `${c.condition}\u0000${c.subject}`;

type AlertRow = typeof assetAlerts.$inferSelect;

async function alertsOf(
  tx: Executor,
  tenantId: string,
  assetId: string,
  conditions: readonly AlertCondition[],
) {
  return tx
    .select()
    .from(assetAlerts)
    .where(
      and(
        eq(assetAlerts.tenantId, tenantId),
        eq(assetAlerts.assetId, assetId),
        sql`${assetAlerts.condition} in ${conditions}`,
      ),
    );
}

/**
 * Opens a ticket about an asset for Accord itself — its client's, at the default SLA policy, at the
 * priority its criticality says — and links it to the asset. `fields` say what it is about.
 */
export async function openAssetTicket(
  tx: Executor,
  tenantId: string,
  assetId: string,
  fields: (
    assetName: string,
  ) => Pick<AlertTicket, 'title' | 'description' | 'eventData' | 'type' | 'vendorId'>,
  now: Date,
) {
  const [asset] = await tx
    .select({
      name: assets.name,
      clientId: assets.clientId,
      criticality: assets.criticality,
      slaPolicyId: clients.defaultSlaPolicyId,
    })
    .from(assets)
    .innerJoin(clients, and(eq(clients.tenantId, assets.tenantId), eq(clients.id, assets.clientId)))
    .where(and(eq(assets.tenantId, tenantId), eq(assets.id, assetId)));
  const about = fields(asset!.name);
  const { basis } = await slaBasisOfAssets(tx, tenantId, [assetId]);
  const ticketId = await openAlertTicket(
    tx,
    {
      tenantId,
      clientId: asset!.clientId,
      priority: priorityOf[asset!.criticality],
      slaPolicyId: asset!.slaPolicyId,
      ...about,
      eventData: { ...about.eventData, basis },
    },
    now,
  );
  await tx.insert(ticketAssets).values({ tenantId, ticketId, assetId }).onConflictDoNothing();
  return ticketId;
}

const openTicketFor = (tx: Executor, tenantId: string, assetId: string, c: Condition, now: Date) =>
  openAssetTicket(
    tx,
    tenantId,
    assetId,
    (name) => ({
      title: titles[c.condition](c.subject, name),
      description: c.detail,
      eventData: { assetId, condition: c.condition, subject: c.subject },
    }),
    now,
  );

async function raise(
  tx: Executor,
  tenantId: string,
  assetId: string,
  c: Condition,
  known: AlertRow | undefined,
  now: Date,
) {
  if (known && !known.clearedAt) return;
  if (!known) {
    const ticketId = await openTicketFor(tx, tenantId, assetId, c, now);
    await tx.insert(assetAlerts).values({ tenantId, assetId, ...c, ticketId, raisedAt: now });
    return;
  }
  const note = `The condition is back (occurrence ${known.occurrences + 1}): ${c.detail}`;
  const holder =
    (await recurAlertTicket(tx, tenantId, known.ticketId, note, now)) ??
    (await openTicketFor(tx, tenantId, assetId, c, now));
  if (holder !== known.ticketId) {
    await tx.insert(ticketAssets).values({ tenantId, ticketId: holder, assetId }).onConflictDoNothing();
  }
  await tx
    .update(assetAlerts)
    .set({
      ticketId: holder,
      detail: c.detail,
      raisedAt: now,
      clearedAt: null,
      occurrences: known.occurrences + 1,
    })
    .where(and(eq(assetAlerts.tenantId, tenantId), eq(assetAlerts.id, known.id)));
}

async function clear(tx: Executor, alert: AlertRow, now: Date) {
  await resolveAlertTicket(
    tx,
    alert.tenantId,
    alert.ticketId,
    `Cleared automatically: ${clearedNotes[alert.condition]}`,
    now,
  );
  await tx
    .update(assetAlerts)
    .set({ clearedAt: now })
    .where(and(eq(assetAlerts.tenantId, alert.tenantId), eq(assetAlerts.id, alert.id)));
}

/** The conditions found, as one string: two reports with the same one hold the same alerts. */
export const conditionsKey = (found: readonly Condition[]) => found.map(keyOf).sort().join('\n');

/**
 * Brings an asset's alerts of the judged conditions in line with what holds now: raises what is new or
 * back, clears what is gone. Answers how many tickets were opened, noted or resolved, and the conditionsKey
 * of the judged alerts the record holds afterwards: what was found, or less when a change window deferred
 * raising.
 */
export async function syncAlerts(
  tx: Executor,
  tenantId: string,
  assetId: string,
  judged: ReadonlySet<AlertCondition>,
  conditions: readonly Condition[],
  now: Date,
): Promise<{ touched: number; held: string }> {
  let found = conditions;
  if (judged.size === 0) return { touched: 0, held: conditionsKey(found) };
  const known = new Map((await alertsOf(tx, tenantId, assetId, [...judged])).map((a) => [keyOf(a), a]));
  const holding = new Set(found.map(keyOf));
  let touched = 0;
  // In an approved change window the asset is in maintenance: reboots and rebuilds raise nothing, and a
  // condition still there when the window ends is raised by the next report.
  const raising = found.some((c) => !known.get(keyOf(c)) || known.get(keyOf(c))!.clearedAt);
  const deferred = raising && (await inMaintenance(tx, tenantId, assetId, now));
  if (deferred) found = [];
  for (const c of found) {
    const alert = known.get(keyOf(c));
    if (alert && !alert.clearedAt) continue;
    await raise(tx, tenantId, assetId, c, alert, now);
    touched++;
  }
  for (const alert of known.values()) {
    if (alert.clearedAt || holding.has(keyOf(alert))) continue;
    await clear(tx, alert, now);
    touched++;
  }
  const held = deferred ? conditions.filter((c) => known.get(keyOf(c))?.clearedAt === null) : found;
  return { touched, held: conditionsKey(held) };
}
