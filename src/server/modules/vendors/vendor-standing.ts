// Whether a vendor may have change requests accepted at a client: it must have acknowledged the rules
// of engagement in force there, and hold a signed, current Letter of Agency where the client's
// agreement requires one.
import type { LoaStatus } from '../../../shared/api/vendor-terms.ts';
import { utcDay } from '../../../shared/utc-days.ts';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Scope } from '../../http/scope.ts';
import { clientAgreementRequires } from '../agreements/index.ts';
import { hasSignedLoa, listLoas } from './loas.repository.ts';
import { loaStatusOf } from './loas.service.ts';
import { listAcknowledgements } from './rules.repository.ts';
import { engagementStanding, rulesInForce } from './rules.service.ts';
import { vendorNames } from './vendor-lookup.ts';
import { listLiveEngagementIds } from './vendors.repository.ts';

/** The rules in force for the vendor at the client, and where its live engagements there stand with them. */
export async function rulesStanding(db: Executor, tenantId: string, vendorId: string, clientId: string) {
  const inForce = await rulesInForce(db, tenantId, clientId);
  const engagementIds = inForce.rules ? await listLiveEngagementIds(db, tenantId, vendorId, clientId) : [];
  const { status } = engagementStanding(inForce, await listAcknowledgements(db, tenantId, engagementIds));
  return { inForce, status, acknowledged: status === 'acknowledged' };
}

/** Throws the reason a vendor's change request at the client cannot be accepted now. */
export async function requireVendorInGoodStanding(
  db: Executor,
  tenantId: string,
  vendorId: string,
  clientId: string,
  now: Date,
): Promise<void> {
  const vendor = {
    id: vendorId,
    name: (await vendorNames(db, tenantId, [vendorId])).get(vendorId) ?? 'The vendor',
  };
  const { inForce, acknowledged } = await rulesStanding(db, tenantId, vendorId, clientId);
  if (inForce.rules && !acknowledged) {
    const versions = `version ${inForce.rules.version}${inForce.addendum ? ` with the client’s addendum ${inForce.addendum.version}` : ''}`;
    throw new AppError(
      'change_request.rules_not_acknowledged',
      `${vendor.name} has not acknowledged the rules of engagement in force at this client (${versions}). ` +
        'Send them the rules to acknowledge first.',
      { rulesVersion: inForce.rules.version, addendumVersion: inForce.addendum?.version ?? null },
    );
  }
  const day = utcDay(now);
  if (
    (await clientAgreementRequires(db, tenantId, clientId, day, 'requiresLoa')) &&
    !(await hasSignedLoa(db, tenantId, vendor.id, clientId, day))
  ) {
    throw new AppError(
      'change_request.loa_required',
      `The client’s agreement requires a signed Letter of Agency before ${vendor.name} works, and none is in force.`,
    );
  }
}

export interface ClientPaperwork {
  /** The newest letter that was not revoked; null when there is none. */
  loa: { id: string; status: LoaStatus; expiresOn: string | null; hasSignedCopy: boolean } | null;
  rules: Awaited<ReturnType<typeof rulesStanding>>['status'];
}

/** Where the vendor's paperwork stands today at each of these clients: its Letter of Agency and the rules. */
export async function paperworkAt(
  db: Executor,
  scope: Scope,
  vendorId: string,
  clientIds: readonly string[],
  now: Date,
): Promise<Map<string, ClientPaperwork>> {
  const today = utcDay(now);
  const letters = await listLoas(db, scope, { vendorId }, today);
  const entries = await Promise.all(
    [...new Set(clientIds)].map(async (clientId): Promise<[string, ClientPaperwork]> => {
      const letter = letters.find((l) => l.clientId === clientId && l.status !== 'revoked');
      const loa = letter
        ? {
            id: letter.id,
            status: loaStatusOf(letter, today),
            expiresOn: letter.expiresOn,
            hasSignedCopy: letter.fileSha256 !== null,
          }
        : null;
      return [clientId, { loa, rules: (await rulesStanding(db, scope.tenantId, vendorId, clientId)).status }];
    }),
  );
  return new Map(entries);
}
