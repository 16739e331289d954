// Letters of Agency: drafted from the engagement, generated as a PDF for the client to sign, sent,
// signed (the signed copy uploaded and checked by its content), then in force until its end date —
// reminded of before then — or revoked. A signed letter is never edited: a renewal is a new letter.
import type {
  Loa,
  LoaInput,
  LoaListQuery,
  LoaSignedFields,
  LoaStatus,
  LoaUpdate,
} from '../../../shared/api/vendor-terms.ts';
import {
  LOA_FILE_MAX_BYTES,
  LOA_REMINDER_DAYS,
  type loaFileTypes,
} from '../../../shared/api/vendor-terms.ts';
import { addDays, daysBetween, utcDay } from '../../../shared/utc-days.ts';
import { defaultLoaScope } from '../../../shared/vendor-letter-text.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { readStoredFile, safeFileName, storeFile } from '../files/index.ts';
import { recordDomainEvent } from '../notifications/index.ts';
import { letterParties, mspName } from './letter-parties.ts';
import { renderLoaLetter } from './letters/loa-letter.ts';
import * as repo from './loas.repository.ts';
import * as vendorRepo from './vendors.repository.ts';

const loaNotFound = () => new AppError('loa.not_found', 'Letter of Agency not found.');
const fileInvalid = (message: string) =>
  new AppError('loa.file_invalid', message, [{ path: ['file'], message }]);

/** Today as a UTC calendar day: a letter is in force through its end date. */

/** The letter's status on `today`: a signed letter past its end date reads as expired. */
export function loaStatusOf(row: repo.LoaRow, today: string): LoaStatus {
  return row.status === 'signed' && row.expiresOn !== null && row.expiresOn < today ? 'expired' : row.status;
}

function toLoa(row: repo.LoaWithNames, today: string): Loa {
  return {
    id: row.id,
    engagementId: row.engagementId,
    vendorId: row.vendorId,
    vendorName: row.vendorName,
    clientId: row.clientId,
    clientName: row.clientName,
    product: row.product,
    status: loaStatusOf(row, today),
    scope: row.scope,
    expiresOn: row.expiresOn,
    signerName: row.signerName,
    signerTitle: row.signerTitle,
    sentAt: row.sentAt?.toISOString() ?? null,
    sentTo: row.sentTo,
    signedOn: row.signedOn,
    file:
      row.fileName && row.fileContentType && row.fileSize !== null
        ? { fileName: row.fileName, contentType: row.fileContentType, size: row.fileSize }
        : null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedReason: row.revokedReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The type the bytes are, by their signature; null for anything but a PDF, PNG or JPEG. */
export function sniffLoaFileType(content: Buffer): (typeof loaFileTypes)[number] | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (content.length > 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff)
    return 'image/jpeg';
  return null;
}

export interface SignedCopy {
  fileName: string;
  content: Buffer;
}

export function createLoaService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;
  const today = () => utcDay(clock.now());

  async function requireLoa(tx: Executor, scope: Scope, id: string) {
    const row = await repo.findLoa(tx, scope, id);
    if (!row) throw loaNotFound();
    return row;
  }

  function refuseStep(row: repo.LoaRow, step: string, allowed: readonly LoaStatus[]) {
    const status = loaStatusOf(row, today());
    if (!allowed.includes(status)) {
      throw new AppError('loa.invalid_transition', `A letter that is ${status} cannot be ${step}.`, {
        status,
      });
    }
  }

  /** Runs a step on one letter in one audited transaction and answers the letter as it now is. */
  function step(
    actor: Actor,
    id: string,
    action: string,
    work: (tx: Executor, row: repo.LoaWithNames) => Promise<void>,
  ) {
    return actions.run(actor, action, async (tx, audit) => {
      const current = await requireLoa(tx, actor.scope, id);
      audit.target('letter_of_agency', id);
      await work(tx, current);
      const loa = toLoa(await requireLoa(tx, actor.scope, id), today());
      audit.change(toLoa(current, today()), loa);
      return loa;
    });
  }

  return {
    async list(scope: Scope, filter: LoaListQuery): Promise<Loa[]> {
      return (await repo.listLoas(db, scope, filter, today())).map((row) => toLoa(row, today()));
    },

    async get(scope: Scope, id: string): Promise<Loa> {
      return toLoa(await requireLoa(db, scope, id), today());
    },

    async create(actor: Actor, engagementId: string, input: LoaInput): Promise<Loa> {
      return actions.run(actor, 'letter_of_agency.create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const engagement = await vendorRepo.findEngagement(tx, actor.scope, engagementId);
        if (!engagement) throw new AppError('engagement.not_found', 'Engagement not found.');
        if (engagement.archivedAt) {
          throw new AppError('engagement.archived', 'This engagement is archived: restore it first.');
        }
        if (await repo.hasPendingLoa(tx, tenantId, engagementId)) {
          throw new AppError(
            'loa.pending_exists',
            'This engagement already has a letter in draft or out for signature: finish or revoke it first.',
          );
        }
        const now = clock.now();
        const row = await repo.insertLoa(tx, {
          tenantId,
          engagementId,
          status: 'draft',
          scope:
            input.scope ??
            defaultLoaScope(await mspName(tx, tenantId), engagement.vendorName, engagement.product),
          expiresOn: input.expiresOn ?? null,
          signerName: input.signerName ?? null,
          signerTitle: input.signerTitle ?? null,
          createdById: actor.scope.membershipId,
          createdAt: now,
          updatedAt: now,
        });
        const loa = toLoa(await requireLoa(tx, actor.scope, row.id), today());
        audit.target('letter_of_agency', loa.id);
        audit.change(null, loa);
        return loa;
      });
    },

    async update(actor: Actor, id: string, input: LoaUpdate): Promise<Loa> {
      return step(actor, id, 'letter_of_agency.update', async (tx, row) => {
        refuseStep(row, 'changed', ['draft', 'sent']);
        await repo.updateLoa(tx, row.tenantId, id, { ...input, updatedAt: clock.now() });
      });
    },

    async send(actor: Actor, id: string, sentTo: string): Promise<Loa> {
      return step(actor, id, 'letter_of_agency.send', async (tx, row) => {
        refuseStep(row, 'sent', ['draft', 'sent']);
        const now = clock.now();
        await repo.updateLoa(tx, row.tenantId, id, { status: 'sent', sentAt: now, sentTo, updatedAt: now });
      });
    },

    /** Records the signed copy: checked by its content, stored once, and the letter in force. */
    async sign(actor: Actor, id: string, fields: LoaSignedFields, copy: SignedCopy): Promise<Loa> {
      if (copy.content.length === 0) throw fileInvalid('Attach the signed copy.');
      if (copy.content.length > LOA_FILE_MAX_BYTES)
        throw fileInvalid('The signed copy may be at most 10 MiB.');
      const contentType = sniffLoaFileType(copy.content);
      if (!contentType) throw fileInvalid('The signed copy must be a PDF, PNG or JPEG file.');
      if (fields.signedOn > addDays(today(), 1)) {
        throw new AppError('request.invalid', 'A letter cannot be signed in the future.', [
          { path: ['signedOn'], message: 'In the future' },
        ]);
      }
      if (fields.expiresOn <= fields.signedOn) {
        throw new AppError('request.invalid', 'The letter must end after it was signed.', [
          { path: ['expiresOn'], message: 'On or before the signing date' },
        ]);
      }
      return step(actor, id, 'letter_of_agency.sign', async (tx, row) => {
        refuseStep(row, 'signed', ['draft', 'sent']);
        const sha256 = await storeFile(tx, row.tenantId, copy.content);
        await repo.updateLoa(tx, row.tenantId, id, {
          status: 'signed',
          signerName: fields.signerName,
          signerTitle: fields.signerTitle || null,
          signedOn: fields.signedOn,
          expiresOn: fields.expiresOn,
          fileSha256: sha256,
          fileName: safeFileName(copy.fileName, contentType),
          fileContentType: contentType,
          fileSize: copy.content.length,
          remindedDays: [],
          updatedAt: clock.now(),
        });
      });
    },

    async revoke(actor: Actor, id: string, reason: string): Promise<Loa> {
      return step(actor, id, 'letter_of_agency.revoke', async (tx, row) => {
        refuseStep(row, 'revoked', ['draft', 'sent', 'signed', 'expired']);
        const now = clock.now();
        await repo.updateLoa(tx, row.tenantId, id, {
          status: 'revoked',
          revokedAt: now,
          revokedReason: reason,
          updatedAt: now,
        });
      });
    },

    /** The letter to sign, generated from the engagement and the client's details. */
    async letter(scope: Scope, id: string): Promise<{ fileName: string; content: Buffer }> {
      const row = await requireLoa(db, scope, id);
      const parties = await letterParties(db, scope.tenantId, row.clientId);
      const content = await renderLoaLetter({
        ...parties,
        clientName: row.clientName,
        vendorName: row.vendorName,
        product: row.product,
        supportContract: row.supportContract,
        scope: row.scope,
        issuedOn: utcDay(row.sentAt ?? row.createdAt),
        expiresOn: row.expiresOn,
        signerName: row.signerName,
        signerTitle: row.signerTitle,
      });
      return {
        fileName: safeFileName(
          `Letter of Agency - ${row.vendorName} - ${row.clientName}.pdf`,
          'application/pdf',
        ),
        content,
      };
    },

    /** The signed copy, as uploaded. */
    async signedCopy(scope: Scope, id: string) {
      const row = await requireLoa(db, scope, id);
      const content = row.fileSha256 ? await readStoredFile(db, scope.tenantId, row.fileSha256) : null;
      if (!content || !row.fileName || !row.fileContentType) throw loaNotFound();
      return { fileName: row.fileName, contentType: row.fileContentType, content };
    },

    /**
     * Announces signed letters 30 and 7 days before they end and once they have, each threshold once
     * per letter (remindedDays), as `loa.expiring` events the notification loop delivers.
     */
    async remindExpiring(): Promise<number> {
      const now = clock.now();
      const day = utcDay(now);
      const due = await repo.listSignedEndingBy(db, addDays(day, Math.max(...LOA_REMINDER_DAYS)));
      let told = 0;
      for (const row of due) {
        const daysLeft = daysBetween(day, row.expiresOn!);
        const threshold =
          daysLeft < 0 ? 0 : [...LOA_REMINDER_DAYS].sort((a, b) => a - b).find((d) => daysLeft <= d);
        if (threshold === undefined || row.remindedDays.includes(threshold)) continue;
        await db.transaction(async (tx) => {
          await repo.updateLoa(tx, row.tenantId, row.id, { remindedDays: [...row.remindedDays, threshold] });
          await recordDomainEvent(tx, {
            tenantId: row.tenantId,
            type: 'loa.expiring',
            occurredAt: now,
            payload: {
              clientId: row.clientId,
              clientName: row.clientName,
              vendorId: row.vendorId,
              vendorName: row.vendorName,
              engagementId: row.engagementId,
              product: row.product,
              loaId: row.id,
              expiresOn: row.expiresOn,
              daysLeft,
            },
          });
        });
        told++;
      }
      return told;
    },
  };
}

export type LoaService = ReturnType<typeof createLoaService>;
