import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';

const t = await startTestApp();

/** A tenant with a client, one asset, and a vendor engaged there. */
async function world() {
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const client = (await owner.post('/clients', { name: 'Bright Smile Dental' })).body;
  const site = (await owner.post(`/clients/${client.id}/sites`, { name: 'Main', timeZone: 'UTC' })).body;
  const asset = (
    await owner.post('/assets', {
      clientId: client.id,
      siteId: site.id,
      type: 'server',
      name: 'DENTAL-SQL01',
    })
  ).body;
  const vendor = (await owner.post('/vendors', { name: 'Henry Schein One', products: ['Dentrix'] })).body;
  const engagement = (
    await owner.post(`/vendors/${vendor.id}/engagements`, { clientId: client.id, product: 'Dentrix' })
  ).body;
  return { ...tenant, client, asset, vendor, engagement };
}

/** A vendor change request a day from now. */
function vendorChange(w: Awaited<ReturnType<typeof world>>) {
  const start = Date.now() + 24 * 3_600_000;
  return {
    clientId: w.client.id,
    vendorId: w.vendor.id,
    assetIds: [w.asset.id],
    title: 'Dentrix 24.3 upgrade',
    description: 'Upgrade the Dentrix server components',
    risk: 'medium',
    backOutPlan: 'Restore the VM snapshot taken before the upgrade',
    windowStart: new Date(start).toISOString(),
    windowEnd: new Date(start + 2 * 3_600_000).toISOString(),
  };
}

const tokenOf = (url: string) => url.split('/').pop()!;

describe('rules of engagement', () => {
  it('publishes versions, with a client addendum, and says where each engagement stands', async () => {
    const w = await world();
    const { owner } = w;
    expect((await owner.get('/engagement-rules')).body).toEqual({ current: null, versions: [] });
    expect((await owner.get(`/engagements/${w.engagement.id}/rules`)).body).toMatchObject({
      status: 'none',
      rulesVersion: null,
    });

    const first = await owner.post('/engagement-rules', {
      text: 'Every change goes through a change request.',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, clientId: null, publishedByName: expect.any(String) });
    expect(
      (await owner.post('/engagement-rules', { text: 'Every change goes through a change request.' })).body
        .error.code,
    ).toBe('engagement_rules.unchanged');
    expect((await owner.post('/engagement-rules', { text: '' })).status).toBe(400);
    expect((await owner.get(`/engagements/${w.engagement.id}/rules`)).body.status).toBe('not_acknowledged');

    const ack = await owner.post(`/engagements/${w.engagement.id}/acknowledgements`, {
      name: 'Sam Vendor',
      email: 'sam@hs1.example',
    });
    expect(ack.status).toBe(201);
    expect(ack.body).toMatchObject({
      status: 'acknowledged',
      rulesVersion: 1,
      acknowledgements: [
        { name: 'Sam Vendor', via: 'staff', rulesVersion: 1, addendumVersion: null, isCurrent: true },
      ],
    });

    // A client addendum is a new thing to acknowledge; withdrawing it (empty) restores the standing.
    const addendum = await owner.post(`/clients/${w.client.id}/engagement-rules`, {
      text: 'No work during clinic hours.',
    });
    expect(addendum.body).toMatchObject({ version: 1, clientId: w.client.id });
    expect((await owner.get(`/engagements/${w.engagement.id}/rules`)).body).toMatchObject({
      status: 'outdated',
      addendumVersion: 1,
    });
    await owner.post(`/clients/${w.client.id}/engagement-rules`, { text: '' });
    expect((await owner.get(`/engagements/${w.engagement.id}/rules`)).body.status).toBe('acknowledged');
    expect((await owner.get(`/clients/${w.client.id}/engagement-rules`)).body.versions).toHaveLength(2);

    // A new version of the MSP's rules makes every acknowledgement outdated.
    await owner.post('/engagement-rules', {
      text: 'Every change goes through a change request, 48 hours ahead.',
    });
    const history = (await owner.get('/engagement-rules')).body;
    expect(history.current.version).toBe(2);
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await owner.get(`/engagements/${w.engagement.id}/rules`)).body.status).toBe('outdated');

    const audit = await owner.get(`/audit-events?targetType=vendor_engagement&targetId=${w.engagement.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain(
      'engagement_rules.acknowledge',
    );
  });

  it('lets the vendor acknowledge once through a link, without signing in', async () => {
    const w = await world();
    const { owner } = w;
    expect((await owner.post(`/engagements/${w.engagement.id}/acknowledgement-links`)).body.error.code).toBe(
      'engagement_rules.none',
    );
    await owner.post('/engagement-rules', { text: 'Book a window before touching a server.' });
    await owner.post(`/clients/${w.client.id}/engagement-rules`, {
      text: 'Backups run at 22:00: stay clear.',
    });
    const link = await owner.post(`/engagements/${w.engagement.id}/acknowledgement-links`);
    expect(link.status).toBe(201);
    expect(link.body.url).toMatch(/\/acknowledge\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(link.body.url);

    const view = await t.anonymous.get(`/public/acknowledgements/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      clientName: 'Bright Smile Dental',
      vendorName: 'Henry Schein One',
      product: 'Dentrix',
      rules: { version: 1, text: 'Book a window before touching a server.' },
      addendum: { version: 1, text: 'Backups run at 22:00: stay clear.' },
    });

    const refused = await t.anonymous.post(`/public/acknowledgements/${token}`, {
      name: 'Sam Vendor',
      agree: false,
    });
    expect(refused.status).toBe(400);
    expect((await owner.get(`/engagements/${w.engagement.id}/rules`)).body.status).toBe('not_acknowledged');

    const done = await t.anonymous.post(`/public/acknowledgements/${token}`, {
      name: 'Sam Vendor',
      email: 'sam@hs1.example',
      agree: true,
    });
    expect(done.status).toBe(204);
    expect((await owner.get(`/engagements/${w.engagement.id}/rules`)).body).toMatchObject({
      status: 'acknowledged',
      acknowledgements: [{ name: 'Sam Vendor', email: 'sam@hs1.example', via: 'link', addendumVersion: 1 }],
    });

    // Spent: the link reads as unknown, and a second acknowledgement through it changes nothing.
    expect((await t.anonymous.get(`/public/acknowledgements/${token}`)).status).toBe(404);
    expect(
      (await t.anonymous.post(`/public/acknowledgements/${token}`, { name: 'Eve', agree: true })).status,
    ).toBe(404);
    expect((await owner.get(`/engagements/${w.engagement.id}/rules`)).body.acknowledgements).toHaveLength(1);
    expect((await t.anonymous.get('/public/acknowledgements/not-a-real-token-at-all-0000')).status).toBe(404);
  });

  it('refuses a vendor change request until the rules are acknowledged and, where required, a letter is signed', async () => {
    const w = await world();
    const { owner } = w;
    // No rules published and no letter required: a vendor's request is accepted.
    expect((await owner.post('/change-requests', vendorChange(w))).status).toBe(201);

    await owner.post('/engagement-rules', { text: 'Book a window before touching a server.' });
    const refused = await owner.post('/change-requests', vendorChange(w));
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'change_request.rules_not_acknowledged',
      message: expect.stringContaining('Henry Schein One has not acknowledged'),
    });
    // The MSP's own change is not a vendor's.
    expect((await owner.post('/change-requests', { ...vendorChange(w), vendorId: null })).status).toBe(201);

    await owner.post(`/engagements/${w.engagement.id}/acknowledgements`, { name: 'Sam Vendor' });
    expect((await owner.post('/change-requests', vendorChange(w))).status).toBe(201);

    await owner.post('/agreements', {
      clientId: w.client.id,
      type: 'managed',
      name: 'Managed 2026',
      startsOn: '2026-01-01',
      hourlyRateCents: 15_000,
      requiresLoa: true,
    });
    const noLetter = await owner.post('/change-requests', vendorChange(w));
    expect(noLetter.body.error.code).toBe('change_request.loa_required');
    const before = (await owner.get('/change-requests')).body.total;

    const loa = (await owner.post(`/engagements/${w.engagement.id}/loas`, {})).body;
    const form = new FormData();
    form.set('signerName', 'Dr. Patel');
    form.set('signedOn', new Date().toISOString().slice(0, 10));
    form.set('expiresOn', '2099-12-31');
    form.set('file', new File(['%PDF-1.7 signed'], 'signed.pdf'));
    expect((await owner.post(`/loas/${loa.id}/signed`, form)).status).toBe(200);
    expect((await owner.post('/change-requests', vendorChange(w))).status).toBe(201);
    expect((await owner.get('/change-requests')).body.total).toBe(before + 1);
  });
});
