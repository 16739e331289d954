// Files sent to the browser only ever as downloads: never rendered inline, never sniffed into something
// executable, never cached by shared caches.
import type { Context } from 'hono';

/** Declared types that cannot run in a browser; anything else is sent as application/octet-stream. */
const passiveTypes = new Set([
  'application/pdf',
  'application/zip',
  'application/gzip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'message/rfc822',
]);

export function downloadType(declared: string): string {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  return passiveTypes.has(type) ? type : 'application/octet-stream';
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const exact = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

export function sendDownload(c: Context, file: { fileName: string; contentType: string; content: Buffer }) {
  c.header('content-type', downloadType(file.contentType));
  c.header('content-disposition', contentDisposition(file.fileName));
  c.header('x-content-type-options', 'nosniff');
  c.header('content-security-policy', "default-src 'none'; sandbox");
  c.header('cache-control', 'private, no-store');
  c.header('content-length', String(file.content.length));
  return c.body(new Uint8Array(file.content), 200);
}
