// Whose doing a detected change was — one of four outcomes, with the reason in words:
// 1. authorized: it could have happened inside an approved window on the asset, and nothing ties it to a
//    vendor other than the one the window was approved for;
// 2. routine: its actor is on the tenant's routine list (unattended-upgrades, SYSTEM, the MSP's tools);
// 3. vendor: outside any approved window, through one of a vendor's accounts at the client, or while a
//    vendor's session was open (said as such: evidence, not accusation);
// 4. unattributed: nothing ties it to anyone — triage, never charged to a vendor.
// Health and status changes (a disk failing, a backup job's status) are nobody's doing: no outcome.
import type { AssetChangeKind, ChangeOutcome, Session } from '../../../shared/api/inventory.ts';
import type { ApprovedWindow } from '../change-requests/change-windows.ts';
import type { ClientVendorAccount } from '../vendors/vendor-lookup.ts';

export interface JudgedChange {
  kind: AssetChangeKind;
  occurredAt: Date;
  timeFromLog: boolean;
  since: Date | null;
  actor: string | null;
  openSessions: Pick<Session, 'user' | 'from' | 'kind'>[];
}

export interface Judgement {
  outcome: ChangeOutcome | null;
  vendorId: string | null;
  changeRequestId: string | null;
  outcomeReason: string | null;
}

const madeBySomeone = (kind: AssetChangeKind) =>
  kind.startsWith('software.') ||
  kind.startsWith('service.') ||
  kind.startsWith('account.') ||
  kind === 'os.changed' ||
  kind === 'protection.changed';

/** "CONTOSO\dana" and "dana" are the same person to a vendor account "dana"; case never matters. */
const bareName = (name: string) => name.toLowerCase().replace(/^.*\\/, '');

export interface JudgeContext {
  windows: readonly ApprovedWindow[];
  accounts: readonly ClientVendorAccount[];
  /** Lower-cased routine actors. */
  routine: ReadonlySet<string>;
}

export function createJudge(context: JudgeContext) {
  const accountsByName = new Map<string, ClientVendorAccount>();
  for (const account of context.accounts) {
    accountsByName.set(account.identifier.toLowerCase(), account);
    accountsByName.set(bareName(account.identifier), account);
  }
  const vendorAccount = (name: string | null) =>
    name ? (accountsByName.get(name.toLowerCase()) ?? accountsByName.get(bareName(name))) : undefined;

  return (change: JudgedChange): Judgement => {
    const none = { vendorId: null, changeRequestId: null };
    if (!madeBySomeone(change.kind)) return { outcome: null, ...none, outcomeReason: null };

    // The vendor the evidence points to: its account made the change, or its session was open then.
    const byAccount = vendorAccount(change.actor);
    const session = byAccount ? undefined : change.openSessions.find((s) => vendorAccount(s.user));
    const vendor = byAccount ?? (session ? vendorAccount(session.user) : undefined);

    const from = change.timeFromLog || !change.since ? change.occurredAt : change.since;
    const to = change.occurredAt;
    const window = context.windows.find(
      (w) =>
        w.windowStart <= to &&
        w.windowEnd >= from &&
        (!vendor || w.vendorId === null || w.vendorId === vendor.vendorId),
    );
    if (window) {
      return {
        outcome: 'authorized',
        vendorId: window.vendorId,
        changeRequestId: window.changeRequestId,
        outcomeReason: `Inside the approved window of CR-${window.number}`,
      };
    }
    if (change.actor && context.routine.has(change.actor.toLowerCase())) {
      return { outcome: 'routine', ...none, outcomeReason: `Made by ${change.actor}, a routine actor` };
    }
    if (byAccount) {
      return {
        outcome: 'vendor',
        vendorId: byAccount.vendorId,
        changeRequestId: null,
        outcomeReason: `Outside an approved window, by ${change.actor}, an account of ${byAccount.vendorName}`,
      };
    }
    if (session && vendor) {
      const where = session.from ? ` (${session.kind} from ${session.from})` : ` (${session.kind})`;
      return {
        outcome: 'vendor',
        vendorId: vendor.vendorId,
        changeRequestId: null,
        outcomeReason:
          `Outside an approved window, while a session of ${session.user}${where}, an account of ` +
          `${vendor.vendorName}, was open; no log names who made it`,
      };
    }
    const unattributed = change.actor
      ? `By ${change.actor}, neither a vendor's account nor a routine actor`
      : change.openSessions.length > 0
        ? "No log names who made it, and none of the sessions open then was a vendor's"
        : 'Nothing ties it to anyone';
    return { outcome: 'unattributed', ...none, outcomeReason: unattributed };
  };
}
