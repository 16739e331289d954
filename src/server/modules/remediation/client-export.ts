// The full export of a client's data, for a handover (and for the client, whenever it asks): one JSON
// document with its sites, contacts, assets, agreements, tickets and their public conversation, issued
// invoices and change requests. What the MSP keeps to itself — internal notes, time, costs, notes on the
// client and its assets — stays out, so the same file can go to the client or the next provider.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Scope } from '../../http/scope.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { assets } from '../assets/assets.table.ts';
import { changeRequests } from '../change-requests/change-requests.table.ts';
import { contacts, sites } from '../clients/clients.table.ts';
import { findClient } from '../clients/index.ts';
import { safeFileName } from '../files/index.ts';
import { invoiceLines, invoices } from '../invoices/invoices.table.ts';
import { ticketEvents, tickets } from '../tickets/tickets.table.ts';
import { mspName } from '../vendors/index.ts';

const EXPORT_VERSION = 1;

export async function clientExport(db: Executor, scope: Scope, clientId: string, now: Date) {
  const client = await findClient(db, scope, clientId);
  if (!client) throw new AppError('client.not_found', 'Client not found.');
  const { tenantId } = scope;
  const [siteRows, contactRows, assetRows, agreementRows, ticketRows, invoiceRows, changeRows, msp] =
    await Promise.all([
      db
        .select({ id: sites.id, name: sites.name, address: sites.address, timeZone: sites.timeZone })
        .from(sites)
        .where(and(eq(sites.tenantId, tenantId), eq(sites.clientId, clientId)))
        .orderBy(asc(sites.name)),
      db
        .select({
          id: contacts.id,
          name: contacts.name,
          email: contacts.email,
          phone: contacts.phone,
          title: contacts.title,
          siteId: contacts.siteId,
        })
        .from(contacts)
        .where(and(eq(contacts.tenantId, tenantId), eq(contacts.clientId, clientId)))
        .orderBy(asc(contacts.name)),
      db
        .select({
          id: assets.id,
          siteId: assets.siteId,
          type: assets.type,
          name: assets.name,
          serial: assets.serial,
          hostname: assets.hostname,
          os: assets.os,
          osVersion: assets.osVersion,
          criticality: assets.criticality,
          isManaged: assets.isManaged,
          isStandard: assets.isStandard,
          warrantyEndsOn: assets.warrantyEndsOn,
          archivedAt: assets.archivedAt,
        })
        .from(assets)
        .where(and(eq(assets.tenantId, tenantId), eq(assets.clientId, clientId)))
        .orderBy(asc(assets.name)),
      db
        .select({
          id: agreements.id,
          name: agreements.name,
          type: agreements.type,
          startsOn: agreements.startsOn,
          endsOn: agreements.endsOn,
          currency: agreements.currency,
        })
        .from(agreements)
        .where(and(eq(agreements.tenantId, tenantId), eq(agreements.clientId, clientId)))
        .orderBy(asc(agreements.startsOn)),
      db
        .select({
          id: tickets.id,
          number: tickets.number,
          title: tickets.title,
          description: tickets.description,
          type: tickets.type,
          priority: tickets.priority,
          status: tickets.status,
          contactId: tickets.contactId,
          openedAt: tickets.openedAt,
          resolvedAt: tickets.resolvedAt,
        })
        .from(tickets)
        .where(and(eq(tickets.tenantId, tenantId), eq(tickets.clientId, clientId)))
        .orderBy(asc(tickets.number)),
      db
        .select({
          id: invoices.id,
          number: invoices.number,
          period: invoices.period,
          status: invoices.status,
          currency: invoices.currency,
          issuedOn: invoices.issuedOn,
          dueOn: invoices.dueOn,
          subtotalCents: invoices.subtotalCents,
          taxCents: invoices.taxCents,
          totalCents: invoices.totalCents,
        })
        .from(invoices)
        .where(
          and(eq(invoices.tenantId, tenantId), eq(invoices.clientId, clientId), ne(invoices.status, 'draft')),
        )
        .orderBy(asc(invoices.period)),
      db
        .select({
          id: changeRequests.id,
          number: changeRequests.number,
          title: changeRequests.title,
          description: changeRequests.description,
          status: changeRequests.status,
          windowStart: changeRequests.windowStart,
          windowEnd: changeRequests.windowEnd,
        })
        .from(changeRequests)
        .where(and(eq(changeRequests.tenantId, tenantId), eq(changeRequests.clientId, clientId)))
        .orderBy(asc(changeRequests.number)),
      mspName(db, tenantId),
    ]);
  const ticketIds = ticketRows.map((t) => t.id);
  const invoiceIds = invoiceRows.map((i) => i.id);
  const [replies, lines] = await Promise.all([
    ticketIds.length
      ? db
          .select({
            ticketId: ticketEvents.ticketId,
            at: ticketEvents.occurredAt,
            author: ticketEvents.author,
            body: ticketEvents.body,
          })
          .from(ticketEvents)
          .where(
            and(
              eq(ticketEvents.tenantId, tenantId),
              inArray(ticketEvents.ticketId, ticketIds),
              eq(ticketEvents.type, 'public_reply'),
              eq(ticketEvents.isPublic, true),
            ),
          )
          .orderBy(asc(ticketEvents.occurredAt), asc(ticketEvents.id))
      : [],
    invoiceIds.length
      ? db
          .select({
            invoiceId: invoiceLines.invoiceId,
            description: invoiceLines.description,
            detail: invoiceLines.detail,
            quantity: invoiceLines.quantity,
            unit: invoiceLines.unit,
            unitPriceCents: invoiceLines.unitPriceCents,
            amountCents: invoiceLines.amountCents,
            ticketNumber: invoiceLines.ticketNumber,
          })
          .from(invoiceLines)
          .where(and(eq(invoiceLines.tenantId, tenantId), inArray(invoiceLines.invoiceId, invoiceIds)))
          .orderBy(asc(invoiceLines.position))
      : [],
  ]);
  const document = {
    format: 'accord.client-export',
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    provider: msp,
    client: { id: client.id, name: client.name, phone: client.phone, website: client.website },
    sites: siteRows,
    contacts: contactRows,
    assets: assetRows,
    agreements: agreementRows,
    tickets: ticketRows.map((ticket) => ({
      ...ticket,
      conversation: replies
        .filter((reply) => reply.ticketId === ticket.id)
        .map(({ ticketId: _, ...reply }) => reply),
    })),
    invoices: invoiceRows.map((invoice) => ({
      ...invoice,
      lines: lines.filter((line) => line.invoiceId === invoice.id).map(({ invoiceId: _, ...line }) => line),
    })),
    changeRequests: changeRows,
  };
  return {
    fileName: safeFileName(
      `${client.name} - data export ${now.toISOString().slice(0, 10)}.json`,
      'application/json',
    ),
    contentType: 'application/json',
    content: Buffer.from(JSON.stringify(document, null, 2)),
  };
}
