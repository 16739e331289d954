// A vendor's changes outside an approved window open one incident ticket per asset and vendor, with the
// changes and the evidence; later such changes are added to it while it is open. The words are the
// evidence's ("outside an approved window", "a session of … was open"), never an accusation without it.
import { and, desc, eq, isNotNull, notInArray } from 'drizzle-orm';
import { closedTicketStatuses } from '../../../shared/api/ticket-enums.ts';
import type { Executor } from '../../db/client.ts';
import { noteOnOpenTicket } from '../tickets/index.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { openAssetTicket } from './asset-alerts.ts';
import { assetChanges } from './inventory.table.ts';

export interface VendorChange {
  /** The change as a sentence, e.g. "software.removed Microsoft .NET Runtime 6.0.25 → —". */
  line: string;
  outcomeReason: string;
}

/** The open incident already holding this vendor's changes on the asset, if any. */
async function openIncident(tx: Executor, tenantId: string, assetId: string, vendorId: string) {
  const [row] = await tx
    .select({ ticketId: assetChanges.ticketId })
    .from(assetChanges)
    .innerJoin(
      tickets,
      and(eq(tickets.tenantId, assetChanges.tenantId), eq(tickets.id, assetChanges.ticketId)),
    )
    .where(
      and(
        eq(assetChanges.tenantId, tenantId),
        eq(assetChanges.assetId, assetId),
        eq(assetChanges.vendorId, vendorId),
        eq(assetChanges.outcome, 'vendor'),
        isNotNull(assetChanges.ticketId),
        notInArray(tickets.status, [...closedTicketStatuses]),
      ),
    )
    .orderBy(desc(assetChanges.detectedAt))
    .limit(1);
  return row?.ticketId ?? null;
}

/** Opens or adds to the vendor's incident on the asset; answers the ticket's id. */
export async function recordVendorIncident(
  tx: Executor,
  at: { tenantId: string; assetId: string; vendorId: string; vendorName: string },
  changes: readonly VendorChange[],
  now: Date,
): Promise<string> {
  const { tenantId, assetId, vendorId, vendorName } = at;
  const evidence = changes.map((c) => `- ${c.line}\n  ${c.outcomeReason}.`).join('\n');
  const held = await openIncident(tx, tenantId, assetId, vendorId);
  if (held) {
    const count = changes.length === 1 ? 'Another change' : `${changes.length} more changes`;
    if (
      await noteOnOpenTicket(tx, tenantId, held, `${count} outside an approved window:\n${evidence}`, now)
    ) {
      return held;
    }
  }
  return openAssetTicket(
    tx,
    tenantId,
    assetId,
    (name) => ({
      type: 'incident',
      vendorId,
      title: `Changes outside an approved window on ${name} (${vendorName})`,
      description:
        `The agent on ${name} found ${changes.length === 1 ? 'a change' : `${changes.length} changes`} ` +
        `made outside any approved change window, tied to ${vendorName}:\n${evidence}\n\n` +
        'Time logged on this ticket is vendor-caused; the agreement decides whether it is billable.',
      eventData: { assetId, vendorId },
    }),
    now,
  );
}
