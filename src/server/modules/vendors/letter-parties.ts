// Who a vendor letter is from and where it goes (the MSP's name, the client's first site's address),
// and the incidents it cites.
import { and, asc, eq } from 'drizzle-orm';
import { durationText } from '../../../shared/vendor-letter-text.ts';
import type { Executor } from '../../db/client.ts';
import { sites } from '../clients/clients.table.ts';
import { tenants } from '../identity/identity.table.ts';

export async function letterParties(
  db: Executor,
  tenantId: string,
  clientId: string,
): Promise<{ mspName: string; clientAddress: string }> {
  const [[tenant], [site]] = await Promise.all([
    db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)),
    db
      .select({ address: sites.address })
      .from(sites)
      .where(and(eq(sites.tenantId, tenantId), eq(sites.clientId, clientId)))
      .orderBy(asc(sites.createdAt))
      .limit(1),
  ]);
  return { mspName: tenant?.name ?? '', clientAddress: site?.address ?? '' };
}

/** The MSP's name, as its letters and vendor pages show it. */
export async function mspName(db: Executor, tenantId: string): Promise<string> {
  const [tenant] = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return tenant?.name ?? '';
}

/** The cited incidents as a letter's evidence rows: the ticket, and the clean-up logged on it. */
export function incidentLines(tickets: readonly { number: number; title: string; minutes: number }[]) {
  return tickets.map((ticket) => ({
    label: `#${ticket.number} ${ticket.title}`,
    detail: ticket.minutes > 0 ? `${durationText(ticket.minutes)} of clean-up logged` : 'No time logged yet',
  }));
}
