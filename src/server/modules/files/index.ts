// Files in the database and the attachments that name them.

export { safeFileName } from './file-names.ts';
export {
  attachMailFilesToTicket,
  countAttachmentsByEmail,
  insertAttachment,
  listAttachments,
  readStoredFile,
  storeFile,
} from './files.repository.ts';
export { createFileRoutes } from './files.routes.ts';
export { createFileService, type FileService, toAttachment } from './files.service.ts';
