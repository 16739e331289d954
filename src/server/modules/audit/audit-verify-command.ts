// `accord audit verify [--tenant ID]`: recomputes the chains and answers with a process exit code.
import type { Executor } from '../../db/client.ts';
import { countUnsealed } from './audit.repository.ts';
import { verifyAllChains } from './audit.service.ts';

/** Prints one line per tenant; returns 0 when every chain holds, 1 when one does not. */
export async function runAuditVerify(
  db: Executor,
  options: { tenantId?: string; print?: (line: string) => void } = {},
): Promise<number> {
  const print = options.print ?? console.log;
  const results = await verifyAllChains(db, options.tenantId);
  if (results.length === 0) print('No audit events yet.');
  for (const result of results) {
    const pending = await countUnsealed(db, result.tenantId);
    const waiting = pending > 0 ? `, ${pending} waiting to be sealed` : '';
    print(
      result.isValid
        ? `ok     tenant ${result.tenantId}: ${result.checked} sealed events${waiting}`
        : `BROKEN tenant ${result.tenantId}: first bad seq ${result.firstBadSeq} (${result.problem}): ${result.message}`,
    );
  }
  return results.every((r) => r.isValid) ? 0 : 1;
}
