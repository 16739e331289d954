// Keyset pages of a log read newest first by (instant, id): the opaque cursor clients pass back, and the
// condition for the rows after it. Shared by the audit and security logs, notifications and the mail logs.
import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../http/app-error.ts';

/** Where a page ended: the last row's instant and id. */
export interface LogPosition {
  at: Date;
  id: string;
}

export const encodeLogCursor = (at: Date, id: string) =>
  Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

export function decodeLogCursor(cursor: string): LogPosition {
  const [text, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = new Date(text ?? '');
  if (!id || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError('request.invalid', 'The cursor is not one this API gave out.', [
      { path: ['cursor'], message: 'Unknown cursor' },
    ]);
  }
  return { at, id };
}

/** Rows after the position in newest-first order: older, or as old with a smaller id. */
export const olderThan = (at: AnyPgColumn, id: AnyPgColumn, position: LogPosition): SQL =>
  or(lt(at, position.at), and(eq(at, position.at), lt(id, position.id)))!;
