// Judges a report's detected changes inside its transaction: reads the asset's approved windows, its
// client's vendor accounts and the routine actors once, gives each change its outcome, and puts a
// vendor's changes outside an approved window on that vendor's incident ticket for the asset.
import { describeChange } from '../../../shared/change-sentence.ts';
import type { Executor } from '../../db/client.ts';
import { approvedWindows } from '../change-requests/change-windows.ts';
import { routineActorNames, vendorAccountsAtClient } from '../vendors/vendor-lookup.ts';
import { createJudge, type JudgedChange, type Judgement } from './change-outcomes.ts';
import type { AssetChangeRow } from './inventory.repository.ts';
import { recordVendorIncident } from './vendor-incidents.ts';

/** A detected change about to be written. */
type NewChange = Omit<AssetChangeRow, 'id' | keyof Judgement | 'judgedById' | 'judgedAt' | 'ticketId'> &
  JudgedChange;

/** Windows that end this long before a report still count: logs and clocks are a little apart. */
const SLACK_MS = 5 * 60_000;

export async function judgeChanges(
  tx: Executor,
  at: { tenantId: string; clientId: string; assetId: string; since: Date; until: Date },
  changes: readonly NewChange[],
  now: Date,
) {
  if (changes.length === 0) return [];
  const { tenantId, assetId } = at;
  const accounts = await vendorAccountsAtClient(tx, tenantId, at.clientId);
  const judge = createJudge({
    windows: await approvedWindows(
      tx,
      tenantId,
      [assetId],
      new Date(at.since.getTime() - SLACK_MS),
      new Date(at.until.getTime() + SLACK_MS),
    ),
    accounts,
    routine: await routineActorNames(tx, tenantId),
  });
  const judged = changes.map((change) => ({ ...change, ...judge(change), ticketId: null as string | null }));

  const byVendor = new Map<string, typeof judged>();
  for (const change of judged) {
    if (change.outcome !== 'vendor' || !change.vendorId) continue;
    byVendor.set(change.vendorId, [...(byVendor.get(change.vendorId) ?? []), change]);
  }
  const names = new Map(accounts.map((a) => [a.vendorId, a.vendorName]));
  for (const [vendorId, theirs] of byVendor) {
    const ticketId = await recordVendorIncident(
      tx,
      { tenantId, assetId, vendorId, vendorName: names.get(vendorId) ?? 'a vendor' },
      theirs.map((change) => ({ line: describeChange(change), outcomeReason: change.outcomeReason ?? '' })),
      now,
    );
    for (const change of theirs) change.ticketId = ticketId;
  }
  return judged;
}
