import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { createNotificationDispatcher } from '../notifications/notification-dispatcher.ts';

const t = await startTestApp();
const dispatcher = createNotificationDispatcher({
  db: t.handle.db,
  clock: { now: () => new Date() },
  mail: t.services.mail,
});
const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * HOUR).toISOString();

/**
 * Harbour Dental's agreement asks it to approve its vendors' changes; Quayside's does not. The same
 * vendor is engaged at both, and each has a server.
 */
async function world() {
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const client = async (name: string, requiresClientApprovalOfVendorChanges: boolean) => {
    const id = (await owner.post('/clients', { name })).body.id as string;
    const agreement = await owner.post('/agreements', {
      clientId: id,
      type: 'managed',
      name: 'Managed 2026',
      startsOn: '2026-01-01',
      isClientDefault: true,
      hourlyRateCents: 15_000,
      requiresClientApprovalOfVendorChanges,
    });
    expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
    const server = (await owner.post('/assets', { clientId: id, type: 'server', name: `${name} server` }))
      .body.id as string;
    return { id, server };
  };
  const harbour = await client('Harbour Dental', true);
  const quayside = await client('Quayside Freight', false);
  const vendorId = (await owner.post('/vendors', { name: 'Dentrix Support' })).body.id as string;
  for (const at of [harbour, quayside]) {
    await owner.post(`/vendors/${vendorId}/engagements`, { clientId: at.id, product: 'Dentrix' });
  }
  /** Raises a change request; the vendor's unless `vendorId: null` says it is the MSP's own. */
  const raise = async (where = harbour, overrides: Record<string, unknown> = {}) => {
    const answer = await owner.post('/change-requests', {
      clientId: where.id,
      vendorId,
      assetIds: [where.server],
      title: 'Upgrade Dentrix to 24.2',
      description: 'Install the 24.2 update.',
      risk: 'medium',
      backOutPlan: 'Restore the snapshot.',
      windowStart: at(2),
      windowEnd: at(4),
      ...overrides,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };
  const link = async (id: string) => {
    const answer = await owner.post(`/change-requests/${id}/approval-links`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return { ...answer.body, token: (answer.body.url as string).split('/approve-change/')[1]! };
  };
  return { ...tenant, harbour, quayside, vendorId, raise, link };
}

const get = async (w: Awaited<ReturnType<typeof world>>, id: string) =>
  (await w.owner.get(`/change-requests/${id}`)).body;

describe("the client's approval of a vendor's change", () => {
  it('is asked only where the agreement says so, and only of vendors', async () => {
    const w = await world();
    expect((await w.raise()).clientApproval).toEqual({
      status: 'pending',
      name: null,
      via: null,
      decidedAt: null,
      reason: null,
    });
    const elsewhere = await w.raise(w.quayside);
    expect(elsewhere.clientApproval.status).toBe('not_needed');
    const ours = await w.raise(w.harbour, { vendorId: null });
    expect(ours.clientApproval.status).toBe('not_needed');

    for (const id of [elsewhere.id, ours.id]) {
      const recorded = await w.owner.post(`/change-requests/${id}/client-decision`, {
        decision: 'approve',
        name: 'Dr. Ana Ruiz',
      });
      expect(recorded.status).toBe(409);
      expect(recorded.body.error.code).toBe('change_request.client_approval_not_needed');
      const link = await w.owner.post(`/change-requests/${id}/approval-links`);
      expect(link.body.error.code).toBe('change_request.client_approval_not_needed');
    }
    // Without the client's say, the MSP's approval approves as before.
    expect((await w.owner.post(`/change-requests/${elsewhere.id}/approve`, {})).body.status).toBe('approved');
  });

  it("approves once both have, the MSP first: its approval waits for the client's, recorded by staff", async () => {
    const w = await world();
    const request = await w.raise();
    const approved = await w.owner.post(`/change-requests/${request.id}/approve`, {});
    expect(approved.body).toMatchObject({
      status: 'requested',
      decidedByName: 'Olivia Owner',
      clientApproval: { status: 'pending' },
    });
    const again = await w.owner.post(`/change-requests/${request.id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('change_request.awaiting_client');

    const recorded = await w.owner.post(`/change-requests/${request.id}/client-decision`, {
      decision: 'approve',
      name: 'Dr. Ana Ruiz',
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body).toMatchObject({
      status: 'approved',
      decidedByName: 'Olivia Owner',
      clientApproval: { status: 'approved', name: 'Dr. Ana Ruiz', via: 'staff', reason: null },
    });
    const decidedTwice = await w.owner.post(`/change-requests/${request.id}/client-decision`, {
      decision: 'reject',
      name: 'Dr. Ana Ruiz',
      reason: 'Changed my mind',
    });
    expect(decidedTwice.status).toBe(409);
    expect((await get(w, request.id)).status).toBe('approved');

    const audit = await w.owner.get(`/audit-events?targetType=change_request&targetId=${request.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain(
      'change_request.client_decision',
    );
  });

  it('the client first, through a one-time link that shows the change and works once', async () => {
    const w = await world();
    const request = await w.raise();
    const { url, token, expiresAt } = await w.link(request.id);
    expect(url).toMatch(/^http:\/\/localhost\/approve-change\/[A-Za-z0-9_-]{20,}$/);
    // A link lasts until the window ends when that is sooner than its 14 days.
    expect(expiresAt).toBe(request.windowEnd);

    const view = await t.anonymous.get(`/public/change-approvals/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      mspName: 'Northwind IT',
      clientName: 'Harbour Dental',
      vendorName: 'Dentrix Support',
      number: request.number,
      title: 'Upgrade Dentrix to 24.2',
      backOutPlan: 'Restore the snapshot.',
      assets: [{ name: 'Harbour Dental server' }],
    });
    expect(JSON.stringify(view.body)).not.toContain(request.id);

    const refused = await t.anonymous.post(`/public/change-approvals/${token}`, {
      decision: 'approve',
      name: '',
    });
    expect(refused.status).toBe(400);
    const decided = await t.anonymous.post(`/public/change-approvals/${token}`, {
      decision: 'approve',
      name: 'Dr. Ana Ruiz',
      email: 'ana@harbourdental.example',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(204);
    expect(await get(w, request.id)).toMatchObject({
      status: 'requested',
      decidedAt: null,
      clientApproval: { status: 'approved', name: 'Dr. Ana Ruiz (ana@harbourdental.example)', via: 'link' },
    });
    for (const reuse of [
      await t.anonymous.get(`/public/change-approvals/${token}`),
      await t.anonymous.post(`/public/change-approvals/${token}`, { decision: 'approve', name: 'Eve' }),
    ]) {
      expect(reuse.status).toBe(404);
      expect(reuse.body.error.code).toBe('approval_link.not_found');
    }

    // The MSP hears of it, in the app and by mail, with a way to the request.
    await dispatcher.dispatchPending();
    const [told] = (await w.owner.get('/notifications')).body.items;
    expect(told).toMatchObject({
      type: 'change_request.client_decided',
      title: `Harbour Dental approved CR-${request.number}`,
      body: 'Upgrade Dentrix to 24.2 — Dr. Ana Ruiz (ana@harbourdental.example): approved; the MSP has yet to',
      link: `/changes/${request.id}`,
    });
    const [mail] = await t.handle.db
      .select()
      .from(outboundEmails)
      .where(
        and(
          eq(outboundEmails.tenantId, w.tenantId),
          eq(outboundEmails.templateKey, 'change_request.client_decided'),
        ),
      );
    expect(mail?.subject).toBe(`Harbour Dental approved CR-${request.number}: Upgrade Dentrix to 24.2`);
    expect(mail?.textBody).toContain(`/changes/${request.id}`);

    // Then the MSP's approval approves it.
    expect((await w.owner.post(`/change-requests/${request.id}/approve`, {})).body.status).toBe('approved');
    const audit = await w.owner.get(`/audit-events?targetType=change_request&targetId=${request.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain(
      'change_request.client_approved_by_link',
    );
  });

  it("rejects the request when the client rejects it, with the client's reason, and spends other links", async () => {
    const w = await world();
    const request = await w.raise();
    const { token } = await w.link(request.id);
    const noReason = await w.owner.post(`/change-requests/${request.id}/client-decision`, {
      decision: 'reject',
      name: 'Dr. Ana Ruiz',
    });
    expect(noReason.status).toBe(400);
    expect((await get(w, request.id)).clientApproval.status).toBe('pending');

    const rejected = await w.owner.post(`/change-requests/${request.id}/client-decision`, {
      decision: 'reject',
      name: 'Dr. Ana Ruiz',
      reason: 'Not during the school holidays',
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      clientApproval: { status: 'rejected', reason: 'Not during the school holidays' },
    });
    // The request has nothing left for the client to decide: its link no longer opens.
    expect((await t.anonymous.get(`/public/change-approvals/${token}`)).status).toBe(404);

    const viaLink = await w.raise();
    const second = await w.link(viaLink.id);
    const answer = await t.anonymous.post(`/public/change-approvals/${second.token}`, {
      decision: 'reject',
      name: 'Dr. Ana Ruiz',
      reason: 'Too close to month end',
    });
    expect(answer.status).toBe(204);
    expect(await get(w, viaLink.id)).toMatchObject({
      status: 'rejected',
      clientApproval: { status: 'rejected', via: 'link', reason: 'Too close to month end' },
    });
  });

  it('refuses links to unknown tokens and to requests the MSP has closed, alike', async () => {
    const w = await world();
    const request = await w.raise();
    const { token } = await w.link(request.id);
    await w.owner.post(`/change-requests/${request.id}/cancel`, { reason: 'The vendor withdrew it' });
    for (const path of [`/public/change-approvals/${token}`, `/public/change-approvals/${'x'.repeat(43)}`]) {
      const answer = await t.anonymous.get(path);
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('approval_link.not_found');
    }
    expect((await t.anonymous.get('/public/change-approvals/short')).status).toBe(400);
    const late = await w.owner.post(`/change-requests/${request.id}/approval-links`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('change_request.invalid_transition');
  });
});
