// Attachments as the API shows them, and downloads: a ticket's files to whoever may see the ticket, a
// mail's files still in triage to those who triage mail.
import type { Attachment } from '../../../shared/api/inbound-mail.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import { can } from '../../http/permissions.ts';
import type { Scope } from '../../http/scope.ts';
import { requireTicket } from '../tickets/index.ts';
import * as repo from './files.repository.ts';

const attachmentNotFound = () => new AppError('attachment.not_found', 'Attachment not found.');

export function toAttachment(row: repo.AttachmentRow): Attachment {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    url: `/api/v1/attachments/${row.id}`,
  };
}

export function createFileService(deps: { db: Database }) {
  const { db } = deps;

  async function canRead(scope: Scope, row: repo.AttachmentRow): Promise<boolean> {
    if (row.ticketId && can(scope.role, 'tickets.read')) {
      try {
        await requireTicket(db, scope, row.ticketId);
        return true;
      } catch {
        // not visible in the member's client scope; the triage permission may still reach it
      }
    }
    return row.inboundEmailId !== null && can(scope.role, 'mail.triage');
  }

  return {
    async listForTicket(scope: Scope, ticketId: string): Promise<Attachment[]> {
      await requireTicket(db, scope, ticketId);
      return (await repo.listAttachments(db, scope.tenantId, { ticketId })).map(toAttachment);
    },

    async download(scope: Scope, id: string) {
      const row = await repo.findAttachment(db, scope.tenantId, id);
      if (!row || !(await canRead(scope, row))) throw attachmentNotFound();
      const content = await repo.readStoredFile(db, scope.tenantId, row.sha256);
      if (!content) throw attachmentNotFound();
      return { fileName: row.fileName, contentType: row.contentType, content };
    },
  };
}

export type FileService = ReturnType<typeof createFileService>;
