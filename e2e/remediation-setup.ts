// The history the remediation journey starts from, set up through the API as the owner: a measured client
// under a managed agreement with a penalty schedule (credits on the next invoice), two P1 tickets answered
// late last month, the month closed with one breach explained and one credit disputed, the next invoice, a
// vendor engaged at the client, and the client's admin invited to the portal with her password set. The
// server's clock can be moved forward (the journey needs dates to pass); only the server's, not the browser's.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Clock } from '../src/server/clock.ts';
import { addMeasuredClient, browserApi } from './journeys.ts';

const DAY_MS = 86_400_000;
let shiftDays = 0;

/** The server's clock (given to the harness): the real time, moved forward by moveServerClock. */
export const serverClock: Clock = { now: () => new Date(Date.now() + shiftDays * DAY_MS) };

/** Moves the server's clock to `days` after the real now; the browsers keep the real time. */
export function moveServerClock(days: number) {
  shiftDays = days;
}

export function restoreServerClock() {
  shiftDays = 0;
}

/** A day as the server reads it now, plus `days` ("YYYY-MM-DD", UTC). */
export const serverDay = (days = 0) =>
  new Date(Date.now() + (shiftDays + days) * DAY_MS).toISOString().slice(0, 10);

/** "4 January 2027", as the app writes a day. */
export const inWords = (day: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));

const now = new Date();
export const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  .toISOString()
  .slice(0, 7);
export const LAST_MONTH = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
}).format(new Date(`${lastMonth}-01T00:00:00Z`));

export interface History {
  clientId: string;
  agreementId: string;
  /** The two P1 tickets answered late last month: the first explained, the second's credit disputed. */
  late: { id: string; number: number; title: string }[];
  vendorId: string;
}

export const LATE_TITLES = [
  'Imaging server unreachable from the surgeries',
  'Practice management system down at reception',
];
export const EXPLANATION =
  'Our on-call engineer was paged on an old number; the rota is fixed so it cannot recur.';
export const DISPUTE_REASON =
  'The practice switched the server off for a floor clean and told us only afterwards.';

export async function setUpHistory(page: Page, clientName: string, vendorName: string): Promise<History> {
  const api = browserApi(page);
  const clientId = await addMeasuredClient(page, clientName);
  const { items } = await api.get<{ items: { id: string; name: string }[] }>('/catalog-items');
  const support = items.find((item) => item.name === 'Desktop and laptop support');
  const agreement = await api.post<{ id: string }>('/agreements', {
    clientId,
    type: 'managed',
    name: 'Managed support',
    startsOn: `${lastMonth}-01`,
    isClientDefault: true,
    hourlyRateCents: 15_000,
    recurringLines: [{ catalogItemId: support?.id, quantity: 8, minimumQuantity: 8, unitPriceCents: 4_500 }],
    penaltySchedule: {
      mode: 'invoice',
      effectiveFrom: lastMonth,
      perBreachCents: { P1: 10_000, P2: 5_000, P3: 2_500, P4: 0 },
    },
  });
  // Two P1 tickets last month, each answered three hours into a 30-minute target.
  const late: History['late'] = [];
  for (const [index, title] of LATE_TITLES.entries()) {
    const start = Date.parse(`${lastMonth}-${String(5 + index * 7).padStart(2, '0')}T10:00:00Z`);
    const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
    const ticket = await api.post<{ id: string; number: number }>('/tickets/import', {
      externalId: `old-psa-${index + 1}`,
      clientId,
      title,
      priority: 'P1',
      events: [
        { type: 'created', at: at(0) },
        { type: 'public_reply', at: at(180), author: 'staff' },
        { type: 'status', at: at(200), status: 'resolved' },
      ],
    });
    late.push({ ...ticket, title });
  }
  const vendorId = (await api.post<{ id: string }>('/vendors', { name: vendorName, products: ['Dentrix'] }))
    .id;
  await api.post(`/vendors/${vendorId}/engagements`, { clientId, product: 'Dentrix' });
  return { clientId, agreementId: agreement.id, late, vendorId };
}

/** Explains the first breach, closes last month (proposing both credits) and disputes the second's. */
export async function closeMonthAndDispute(page: Page, history: History) {
  const api = browserApi(page);
  const [explained, disputed] = history.late;
  await api.put(`/tickets/${explained?.id}/sla-explanations/first_response`, { text: EXPLANATION });
  await api.post(`/agreements/${history.agreementId}/sla-statements/${lastMonth}/close`, {});
  const statement = await api.get<{ credits: { id: string; ticketId: string | null; status: string }[] }>(
    `/agreements/${history.agreementId}/sla-statements/${lastMonth}`,
  );
  expect(statement.credits.map((credit) => credit.status)).toEqual(['proposed', 'proposed']);
  const credit = statement.credits.find((candidate) => candidate.ticketId === disputed?.id);
  await api.post(`/service-credits/${credit?.id}/dispute`, {
    exclusion: 'client_caused',
    reason: DISPUTE_REASON,
  });
}

/** Runs and issues the invoice for the server's current month; the credit that stands comes off it. */
export async function issueInvoice(page: Page, clientId: string): Promise<string> {
  const api = browserApi(page);
  const run = await api.post<{ results: { invoiceId: string | null }[] }>('/invoices/runs', {
    period: serverDay().slice(0, 7),
    clientIds: [clientId],
  });
  const invoiceId = run.results[0]?.invoiceId;
  expect(invoiceId).toBeTruthy();
  const draft = await api.get<{ countChanges: { agreementLineId: string; quantity: number }[] }>(
    `/invoices/${invoiceId}`,
  );
  if (draft.countChanges.length > 0) {
    await api.post(`/invoices/${invoiceId}/approve-counts`, {
      changes: draft.countChanges.map(({ agreementLineId, quantity }) => ({ agreementLineId, quantity })),
    });
  }
  await api.post(`/invoices/${invoiceId}/finalize`, {});
  return invoiceId as string;
}

/** Invites a contact as the company's admin and sets her password behind the link, signed out. */
export async function inviteAdmin(
  page: Page,
  serverUrl: string,
  clientId: string,
  person: { name: string; email: string; password: string },
) {
  const api = browserApi(page);
  const contact = await api.post<{ id: string }>(`/clients/${clientId}/contacts`, {
    name: person.name,
    email: person.email,
  });
  const created = await api.post<{ invitation: { url: string } }>(`/clients/${clientId}/portal-users`, {
    contactId: contact.id,
    role: 'client_admin',
  });
  const token = created.invitation.url.split('/invitation/')[1];
  const accepted = await fetch(`${serverUrl}/api/v1/public/invitations/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: person.password }),
  });
  expect(accepted.status).toBe(204);
}
