// The ticket queue: filters, keyset pagination with an opaque cursor, sorted by next SLA due by default.
import type { TicketListQuery } from '../../../shared/api/tickets.ts';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Scope } from '../../http/scope.ts';
import { toTicket } from './ticket-log.ts';
import * as repo from './tickets.repository.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;

function encodeCursor(sort: TicketListQuery['sort'], row: repo.ListedTicket): string {
  const t = row.ticket;
  const value = {
    due: iso(t.nextDueAt),
    number: t.number,
    updated: t.updatedAt.toISOString(),
    priority: t.priority,
  }[sort];
  const id = sort === 'priority' ? String(t.number) : t.id;
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): { value: string | number | null; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [
      string | number | null,
      string,
    ];
    if (typeof id !== 'string') throw new Error('bad cursor');
    return { value, id };
  } catch {
    throw new AppError('request.invalid', 'The cursor is not one this API gave out.', [
      { path: ['cursor'], message: 'Invalid cursor' },
    ]);
  }
}

export async function listQueue(db: Executor, scope: Scope, query: TicketListQuery) {
  const rows = await repo.listTickets(db, scope, {
    boardId: query.boardId,
    clientId: query.clientId,
    vendorId: query.vendorId,
    assigneeId:
      query.assigneeId === 'me' ? scope.membershipId : query.assigneeId === 'none' ? null : query.assigneeId,
    statuses: query.status,
    priorities: query.priority,
    slaStates: query.slaState,
    q: query.q,
    sort: query.sort,
    limit: query.limit + 1,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toTicket),
    nextCursor: rows.length > query.limit && last ? encodeCursor(query.sort, last) : null,
  };
}
