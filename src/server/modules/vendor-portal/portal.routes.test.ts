// The vendor portal end to end through the API: staff invite a vendor's person, who sets a password
// through the invitation and signs in to see only that vendor's engagements, rules and requests; the
// person acknowledges the rules, raises and withdraws a request, and cannot reach the staff routes or
// another vendor's things.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signedCopyForm } from '../../../../test/authz/fixtures.ts';
import { startTestApp, uniqueEmail } from '../../../../test/http.ts';
import { vendorIncident } from '../../../../test/vendor-incident.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { createNotificationDispatcher } from '../notifications/notification-dispatcher.ts';

const t = await startTestApp();
const dispatcher = createNotificationDispatcher({
  db: t.handle.db,
  clock: { now: () => new Date() },
  mail: t.services.mail,
});
const PASSWORD = 'a vendor password 2026';
const tomorrow = (hours: number) => new Date(Date.now() + (24 + hours) * 3_600_000).toISOString();

/** A tenant with two vendors engaged at one client each, rules published, and a server at each client. */
async function world() {
  const tenant = await t.newTenant();
  const { owner } = tenant;
  await owner.post('/engagement-rules', { text: 'Ask before you change anything.' });
  const at = async (clientName: string, vendorName: string) => {
    const client = (await owner.post('/clients', { name: clientName })).body;
    const vendor = (await owner.post('/vendors', { name: vendorName })).body;
    const engagement = (
      await owner.post(`/vendors/${vendor.id}/engagements`, {
        clientId: client.id,
        product: `${vendorName} PM`,
      })
    ).body;
    const asset = (
      await owner.post('/assets', { clientId: client.id, type: 'server', name: `${clientName} SQL` })
    ).body;
    return { client, vendor, engagement, asset };
  };
  return {
    ...tenant,
    mine: await at('Lakeshore Dental', 'Dentrix Inc'),
    theirs: await at('Harbor Law', 'Clio'),
  };
}

/** Invites a person for the vendor, accepts the invitation and signs them in. */
async function vendorUser(owner: Awaited<ReturnType<typeof world>>['owner'], vendorId: string) {
  const email = uniqueEmail('vendor');
  const created = await owner.post(`/vendors/${vendorId}/users`, { name: 'Dana Vendor', email });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const token = (created.body.invitation.url as string).split('/invitation/')[1]!;
  expect((await t.anonymous.post(`/public/invitations/${token}`, { password: PASSWORD })).status).toBe(204);
  return { email, id: created.body.user.id as string, token, session: await t.signIn(email, PASSWORD) };
}

const requestBody = (clientId: string, assetId: string) => ({
  clientId,
  assetIds: [assetId],
  title: 'Upgrade the practice database',
  description: 'Dentrix G7.3 update',
  risk: 'medium',
  backOutPlan: 'Restore the snapshot',
  windowStart: tomorrow(0),
  windowEnd: tomorrow(2),
});

describe('vendor users and invitations', () => {
  it('invites by mail, lets the link set a password once, and keeps the person out of staff lists', async () => {
    const { owner, mine } = await world();
    const email = uniqueEmail('vendor');
    const created = await owner.post(`/vendors/${mine.vendor.id}/users`, { name: 'Dana Vendor', email });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ name: 'Dana Vendor', active: true, invitation: 'pending' });
    const url = created.body.invitation.url as string;
    const [mail] = await t.handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, email));
    expect(mail?.textBody).toContain(url);
    expect(mail?.subject).toContain('vendor portal');

    // Before the invitation is accepted there is no password to sign in with.
    expect((await t.anonymous.post('/auth/login', { email, password: PASSWORD })).status).toBe(401);
    const token = url.split('/invitation/')[1]!;
    const view = await t.anonymous.get(`/public/invitations/${token}`);
    expect(view.body).toMatchObject({ vendorName: 'Dentrix Inc', name: 'Dana Vendor', email });
    expect((await t.anonymous.post(`/public/invitations/${token}`, { password: 'short' })).status).toBe(400);
    expect((await t.anonymous.post(`/public/invitations/${token}`, { password: PASSWORD })).status).toBe(204);
    const again = await t.anonymous.post(`/public/invitations/${token}`, {
      password: 'another password 1234',
    });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('invitation.not_found');

    const signedIn = await t.signIn(email, PASSWORD);
    const session = (await signedIn.get('/auth/session')).body;
    expect(session.membership).toMatchObject({ role: 'vendor', permissions: [], clientIds: [] });
    const listed = (await owner.get(`/vendors/${mine.vendor.id}/users`)).body.items;
    expect(listed).toEqual([expect.objectContaining({ email, invitation: 'accepted' })]);
    expect((await owner.get('/users')).body.items.map((u: { email: string }) => u.email)).not.toContain(
      email,
    );
    expect((await owner.patch(`/users/${created.body.user.id}`, { role: 'owner' })).status).toBe(404);
    const reinvite = await owner.post(`/vendor-users/${created.body.user.id}/invitation`);
    expect(reinvite.body.error.code).toBe('invitation.not_needed');
  });

  it('gives someone Accord already knows no link, and refuses a member of the organization', async () => {
    const { owner, ownerEmail, mine } = await world();
    const other = await world();
    const known = await vendorUser(other.owner, other.mine.vendor.id);
    const joined = await owner.post(`/vendors/${mine.vendor.id}/users`, { name: 'Dana', email: known.email });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ invitation: null, user: { invitation: 'accepted' } });
    const taken = await owner.post(`/vendors/${mine.vendor.id}/users`, { name: 'Me', email: ownerEmail });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('user.email_taken');
  });

  it('holds vendor users to the portal users’ two-factor rule, not the staff rule', async () => {
    const { owner, mine } = await world();
    const person = await vendorUser(owner, mine.vendor.id);
    expect((await person.session.get('/auth/session')).body.mfaPending).toBeNull();
    await owner.patch('/settings/security', { mfaRequiredForClientUsers: true });
    const response = await t.anonymous.post('/auth/login', { email: person.email, password: PASSWORD });
    expect(response.body.mfaPending).toBe('enroll');
  });

  it('signs a deactivated person out, and a new invitation replaces the old link', async () => {
    const { owner, mine } = await world();
    const person = await vendorUser(owner, mine.vendor.id);
    expect((await person.session.get('/vendor-portal')).status).toBe(200);
    const off = await owner.patch(`/vendor-users/${person.id}`, { active: false });
    expect(off.body.active).toBe(false);
    expect((await person.session.get('/vendor-portal')).status).toBe(401);
    await expect(t.signIn(person.email, PASSWORD)).rejects.toThrow();

    const email = uniqueEmail('vendor');
    const created = await owner.post(`/vendors/${mine.vendor.id}/users`, { name: 'Pending', email });
    const first = (created.body.invitation.url as string).split('/invitation/')[1]!;
    const next = await owner.post(`/vendor-users/${created.body.user.id}/invitation`);
    expect(next.status).toBe(201);
    expect((await t.anonymous.get(`/public/invitations/${first}`)).status).toBe(404);
    const second = (next.body.url as string).split('/invitation/')[1]!;
    expect((await t.anonymous.get(`/public/invitations/${second}`)).status).toBe(200);
  });
});

describe('the vendor portal', () => {
  it('shows the vendor its own engagements and paperwork, and nothing of another vendor', async () => {
    const { owner, mine, theirs } = await world();
    const { session } = await vendorUser(owner, mine.vendor.id);
    const overview = (await session.get('/vendor-portal')).body;
    expect(overview.vendor).toEqual({ id: mine.vendor.id, name: 'Dentrix Inc' });
    expect(overview.engagements).toEqual([
      expect.objectContaining({ clientName: 'Lakeshore Dental', loa: null, rules: 'not_acknowledged' }),
    ]);
    expect(JSON.stringify(overview)).not.toContain('Harbor Law');
    expect((await session.get(`/vendor-portal/engagements/${theirs.engagement.id}/rules`)).status).toBe(404);
    expect((await session.get(`/vendor-portal/assets?clientId=${theirs.client.id}`)).status).toBe(404);
    const assets = (await session.get(`/vendor-portal/assets?clientId=${mine.client.id}`)).body.items;
    expect(assets).toEqual([{ id: mine.asset.id, name: 'Lakeshore Dental SQL', type: 'server' }]);

    // A signed Letter of Agency: its status, and its signed copy to download; another vendor's is hidden.
    const signedLoa = async (engagementId: string) => {
      const loa = (await owner.post(`/engagements/${engagementId}/loas`, { signerName: 'Dr. Ruiz' })).body;
      await owner.post(`/loas/${loa.id}/signed`, signedCopyForm('Dr. Ruiz'));
      return loa.id as string;
    };
    const [own, foreign] = [await signedLoa(mine.engagement.id), await signedLoa(theirs.engagement.id)];
    const [engagement] = (await session.get('/vendor-portal')).body.engagements;
    expect(engagement.loa).toEqual({
      id: own,
      status: 'signed',
      expiresOn: '2030-01-02',
      hasSignedCopy: true,
    });
    const copy = await session.get(`/vendor-portal/loas/${own}/signed-copy`);
    expect(copy.status).toBe(200);
    expect(copy.headers.get('content-disposition')).toContain('attachment');
    expect((await session.get(`/vendor-portal/loas/${foreign}/signed-copy`)).status).toBe(404);
  });

  it('refuses staff routes to a vendor person, and the portal to staff', async () => {
    const { owner, mine } = await world();
    const { session } = await vendorUser(owner, mine.vendor.id);
    for (const path of ['/clients', '/tickets', `/vendors/${mine.vendor.id}`, '/change-requests', '/users']) {
      expect((await session.get(path)).status, path).toBe(403);
    }
    const staff = await owner.get('/vendor-portal');
    expect(staff.status).toBe(403);
    expect(staff.body.error.code).toBe('portal.vendor_only');
  });

  it('takes a request only once the rules are acknowledged, in the vendor’s name, and lets it be withdrawn', async () => {
    const { owner, mine, theirs } = await world();
    const { session } = await vendorUser(owner, mine.vendor.id);
    const body = requestBody(mine.client.id, mine.asset.id);
    const refused = await session.post('/vendor-portal/change-requests', body);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('change_request.rules_not_acknowledged');

    const acknowledged = await session.post(
      `/vendor-portal/engagements/${mine.engagement.id}/acknowledgement`,
    );
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Dana Vendor' });
    const standing = (await owner.get(`/engagements/${mine.engagement.id}/rules`)).body;
    expect(standing.acknowledgements[0]).toMatchObject({ name: 'Dana Vendor', via: 'portal' });

    const raised = await session.post('/vendor-portal/change-requests', body);
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    expect(raised.body).toMatchObject({ vendorName: 'Dentrix Inc', status: 'requested', overlapCount: 0 });
    expect(raised.body.requestedByName).toBe('Dana Vendor');
    const staffView = (await owner.get(`/change-requests/${raised.body.id}`)).body;
    expect(staffView).toMatchObject({ vendorId: mine.vendor.id, requestedByName: 'Dana Vendor' });
    // The MSP hears of it: the owner, who triages, is told in the app.
    await dispatcher.dispatchPending();
    const inbox = (await owner.get('/notifications')).body.items;
    expect(inbox).toContainEqual(
      expect.objectContaining({
        type: 'change_request.vendor_requested',
        title: `Dentrix Inc asks for CR-${raised.body.number} at Lakeshore Dental`,
        link: `/changes/${raised.body.id}`,
      }),
    );

    // Another client's asset, or another vendor's client, is refused.
    const elsewhere = await session.post('/vendor-portal/change-requests', {
      ...body,
      clientId: theirs.client.id,
      assetIds: [theirs.asset.id],
    });
    expect(elsewhere.status).toBe(404);
    const strangerAsset = await session.post('/vendor-portal/change-requests', {
      ...body,
      assetIds: [theirs.asset.id],
    });
    expect(strangerAsset.status).toBe(400);

    // The MSP's own request at the same client, and another vendor's, are not the vendor's to see.
    const msp = (await owner.post('/change-requests', body)).body;
    expect((await session.get(`/vendor-portal/change-requests/${msp.id}`)).status).toBe(404);
    const listed = (await session.get('/vendor-portal/change-requests')).body;
    expect(listed.items.map((r: { id: string }) => r.id)).toEqual([raised.body.id]);
    expect(JSON.stringify(listed)).not.toContain('overlaps');

    const withdrawn = await session.post(`/vendor-portal/change-requests/${raised.body.id}/withdraw`, {
      reason: 'The update slipped a week',
    });
    expect(withdrawn.body).toMatchObject({
      status: 'cancelled',
      decisionReason: 'The update slipped a week',
    });
    const twice = await session.post(`/vendor-portal/change-requests/${raised.body.id}/withdraw`, {
      reason: 'again',
    });
    expect(twice.body.error.code).toBe('change_request.invalid_transition');
  });

  it('shows the changes attributed to the vendor with the evidence, and puts a reply on the incident', async () => {
    const w = await vendorIncident(t);
    const other = await world();
    const { session } = await vendorUser(w.owner, w.vendor.id);
    const [change, ...more] = (await session.get('/vendor-portal/changes')).body.items;
    expect(more).toEqual([]);
    expect(change).toMatchObject({
      clientName: 'Lakeshore Dental',
      assetName: 'LFD-SQL01',
      change: 'Installed dotnet-runtime 8.0.1',
      ticketId: w.ticketId,
      repliedAt: null,
    });
    expect(change.evidence).toContain('dentrix-support');
    expect((await session.get('/vendor-portal')).body.changesOutsideWindows).toBe(1);

    const text = 'Our technician installed the runtime for the G7.3 update.';
    expect((await session.post(`/vendor-portal/incidents/${w.ticketId}/reply`, { text })).status).toBe(204);
    const [replied] = (await session.get('/vendor-portal/changes')).body.items;
    expect(replied.repliedAt).not.toBeNull();
    const events = (await w.owner.get(`/tickets/${w.ticketId}`)).body.events;
    expect(events.at(-1)).toMatchObject({
      type: 'vendor_reply',
      isPublic: true,
      body: text,
      data: { vendorName: 'Dentrix Inc', name: 'Dana Vendor' },
    });

    // Another vendor's person sees none of it and cannot reply on it.
    const stranger = await vendorUser(w.owner, (await w.owner.post('/vendors', { name: 'Clio' })).body.id);
    expect((await stranger.session.get('/vendor-portal/changes')).body.items).toEqual([]);
    const refused = await stranger.session.post(`/vendor-portal/incidents/${w.ticketId}/reply`, { text });
    expect(refused.status).toBe(404);
    const { session: elsewhere } = await vendorUser(other.owner, other.mine.vendor.id);
    expect((await elsewhere.post(`/vendor-portal/incidents/${w.ticketId}/reply`, { text })).status).toBe(404);
  });
});
