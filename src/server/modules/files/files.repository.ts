// Every query on stored files and attachments.
import { createHash } from 'node:crypto';
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { attachments, storedFiles } from './files.table.ts';

export type AttachmentRow = typeof attachments.$inferSelect;

export const sha256Hex = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Stores the bytes once per organization and answers their SHA-256 (the stored file's key). */
export async function storeFile(db: Executor, tenantId: string, content: Buffer): Promise<string> {
  const sha256 = sha256Hex(content);
  await db
    .insert(storedFiles)
    .values({ tenantId, sha256, size: content.length, content })
    .onConflictDoNothing();
  return sha256;
}

export async function readStoredFile(db: Executor, tenantId: string, sha256: string): Promise<Buffer | null> {
  const [row] = await db
    .select({ content: storedFiles.content })
    .from(storedFiles)
    .where(and(eq(storedFiles.tenantId, tenantId), eq(storedFiles.sha256, sha256)));
  return row?.content ?? null;
}

export interface NewAttachment {
  tenantId: string;
  content: Buffer;
  /** Already made safe (safeFileName). */
  fileName: string;
  contentType: string;
  ticketId?: string | null;
  inboundEmailId?: string | null;
}

export async function insertAttachment(db: Executor, file: NewAttachment): Promise<string> {
  const sha256 = await storeFile(db, file.tenantId, file.content);
  const [row] = await db
    .insert(attachments)
    .values({
      tenantId: file.tenantId,
      sha256,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.content.length,
      ticketId: file.ticketId ?? null,
      inboundEmailId: file.inboundEmailId ?? null,
    })
    .returning({ id: attachments.id });
  return row!.id;
}

export async function listAttachments(
  db: Executor,
  tenantId: string,
  of: { ticketId: string } | { inboundEmailId: string },
): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.tenantId, tenantId),
        'ticketId' in of
          ? eq(attachments.ticketId, of.ticketId)
          : eq(attachments.inboundEmailId, of.inboundEmailId),
      ),
    )
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

export async function findAttachment(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenantId), eq(attachments.id, id)));
  return row;
}

/** A received mail placed on a ticket later (triage): its attachments join the ticket. */
export async function attachMailFilesToTicket(
  db: Executor,
  tenantId: string,
  inboundEmailId: string,
  ticketId: string,
): Promise<void> {
  await db
    .update(attachments)
    .set({ ticketId })
    .where(
      and(
        eq(attachments.tenantId, tenantId),
        eq(attachments.inboundEmailId, inboundEmailId),
        isNull(attachments.ticketId),
      ),
    );
}

/** How many attachments each of these received mails has. */
export async function countAttachmentsByEmail(
  db: Executor,
  tenantId: string,
  inboundEmailIds: readonly string[],
): Promise<Map<string, number>> {
  if (inboundEmailIds.length === 0) return new Map();
  const rows = await db
    .select({ inboundEmailId: attachments.inboundEmailId, n: count() })
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenantId), inArray(attachments.inboundEmailId, [...inboundEmailIds])))
    .groupBy(attachments.inboundEmailId);
  return new Map(rows.map((row) => [row.inboundEmailId!, row.n]));
}
