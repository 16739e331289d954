// Names for stored files that are safe to show and to offer as a download, whatever a sender or an
// uploader called them.

const CONTROLS = /[\p{Cc}\ufeff]/gu;

const extensions: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'application/json': '.json',
  'application/xml': '.xml',
  'application/msword': '.doc',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.ms-outlook': '.msg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/pkcs7-signature': '.p7s',
  'application/octet-stream': '.bin',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/bmp': '.bmp',
  'image/tiff': '.tif',
  'image/heic': '.heic',
  'image/svg+xml': '.svg',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/csv': '.csv',
  'text/xml': '.xml',
  'text/calendar': '.ics',
  'text/rfc822-headers': '.txt',
  'message/rfc822': '.eml',
  'message/delivery-status': '.txt',
};

/** Direction overrides that make `invoice\u202Efdp.exe` display as `invoiceexe.pdf`. */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED_WINDOWS_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.|$)/i;
const MAX_FILE_NAME = 150;

/** Without leading or trailing dots and spaces (a loop: a regex for this is quadratic on long names). */
function trimDotsAndSpaces(name: string): string {
  let start = 0;
  let end = name.length;
  while (start < end && (name[start] === '.' || name[start] === ' ')) start++;
  while (end > start && (name[end - 1] === '.' || name[end - 1] === ' ')) end--;
  return name.slice(start, end);
}

/**
 * A file name safe to store and to offer as a download: no directories (everything up to the last / or \
 * goes), no control or bidi-override characters, none of `<>:"|?*`, no leading dots, no trailing dots or
 * spaces, no reserved Windows device name, at most 150 characters keeping the extension; `attachment` and
 * an extension from the content type when nothing is left.
 */
export function safeFileName(name: string | null | undefined, contentType: string): string {
  let safe = (name ?? '').normalize('NFC');
  safe = safe.slice(Math.max(safe.lastIndexOf('/'), safe.lastIndexOf('\\')) + 1);
  safe = trimDotsAndSpaces(
    safe
      .replace(CONTROLS, '')
      .replace(BIDI_CONTROLS, '')
      .replace(/[<>:"|?*]/g, '_')
      .replace(/\s+/g, ' '),
  );
  if (RESERVED_WINDOWS_NAME.test(safe)) safe = `_${safe}`;
  const chars = [...safe];
  if (chars.length > MAX_FILE_NAME) {
    const dot = safe.lastIndexOf('.');
    const extension = dot > 0 && [...safe.slice(dot)].length <= 20 ? safe.slice(dot) : '';
    const stem = [...safe.slice(0, safe.length - extension.length)]
      .slice(0, MAX_FILE_NAME - [...extension].length)
      .join('');
    safe = trimDotsAndSpaces(stem) + extension;
  }
  if (safe) return safe;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return `attachment${extensions[type] ?? ''}`;
}
