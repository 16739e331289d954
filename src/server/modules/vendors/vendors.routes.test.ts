import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { defaultRoutineActors } from '../../../shared/api/vendors.ts';

const t = await startTestApp();
const nobody = '01900000-0000-7000-8000-000000000000';
const names = (body: { items: { name: string }[] }) => body.items.map((v) => v.name);

/** A tenant with two clients and its owner. */
async function world() {
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const harbour = (await owner.post('/clients', { name: 'Harbour Dental' })).body;
  const quayside = (await owner.post('/clients', { name: 'Quayside Freight' })).body;
  return { ...tenant, harbour, quayside };
}

const dentalSoft = {
  name: 'DentalSoft Ltd',
  products: ['Dentrix', 'Dentrix Imaging'],
  website: 'https://dentalsoft.example',
  supportEmail: 'support@dentalsoft.example',
};

describe('vendors', () => {
  it('adds, reads, changes, archives and restores a vendor, auditing each change', async () => {
    const { owner } = await world();
    const created = await owner.post('/vendors', dentalSoft);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...dentalSoft,
      supportPhone: null,
      notes: '',
      archived: false,
      engagementCount: 0,
    });
    const id = created.body.id;
    expect((await owner.get(`/vendors/${id}`)).body).toEqual(created.body);

    const changed = await owner.patch(`/vendors/${id}`, { supportPhone: '+44 20 7946 0100', website: '' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      supportPhone: '+44 20 7946 0100',
      website: null,
      name: 'DentalSoft Ltd',
    });

    expect((await owner.patch(`/vendors/${id}`, { archived: true })).body.archived).toBe(true);
    expect((await owner.get('/vendors')).body).toEqual({ items: [], total: 0 });
    expect(names((await owner.get('/vendors?archived=true')).body)).toEqual(['DentalSoft Ltd']);
    expect((await owner.get('/vendors?archived=any')).body.total).toBe(1);
    expect((await owner.patch(`/vendors/${id}`, { archived: false })).body.archived).toBe(false);
    expect(names((await owner.get('/vendors')).body)).toEqual(['DentalSoft Ltd']);

    const audit = await owner.get(`/audit-events?targetType=vendor&targetId=${id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'vendor.create',
      'vendor.update',
      'vendor.update',
      'vendor.update',
    ]);
  });

  it('searches names and products, sorted by name', async () => {
    const { owner } = await world();
    await owner.post('/vendors', dentalSoft);
    await owner.post('/vendors', { name: 'archiTECH', products: ['Vectorworks'] });
    await owner.post('/vendors', { name: 'Ledgerline', products: ['Sage 50'] });
    expect(names((await owner.get('/vendors')).body)).toEqual(['archiTECH', 'DentalSoft Ltd', 'Ledgerline']);
    expect(names((await owner.get('/vendors?q=imaging')).body)).toEqual(['DentalSoft Ltd']);
    expect(names((await owner.get('/vendors?q=TECH')).body)).toEqual(['archiTECH']);
    expect(names((await owner.get(`/vendors?q=${encodeURIComponent('%')}`)).body)).toEqual([]);
    expect((await owner.get('/vendors?limit=1&offset=1')).body).toMatchObject({
      total: 3,
      items: [{ name: 'DentalSoft Ltd' }],
    });
  });

  it('refuses a second vendor of the same name in any case, and lets another tenant use it', async () => {
    const { owner } = await world();
    await owner.post('/vendors', dentalSoft);
    const other = (await owner.post('/vendors', { name: 'Other' })).body;
    const twin = await owner.post('/vendors', { name: 'dentalsoft LTD' });
    expect(twin.status).toBe(409);
    expect(twin.body.error).toMatchObject({ code: 'vendor.name_taken', details: [{ path: ['name'] }] });
    expect((await owner.patch(`/vendors/${other.id}`, { name: 'DENTALSOFT LTD' })).status).toBe(409);
    expect((await owner.get(`/vendors/${other.id}`)).body.name).toBe('Other');
    expect((await owner.get('/vendors')).body.total).toBe(2);
    const elsewhere = await world();
    expect((await elsewhere.owner.post('/vendors', dentalSoft)).status).toBe(201);
  });

  it('engages a vendor at clients, lists them by vendor and by client, and counts them', async () => {
    const { owner, harbour, quayside } = await world();
    const vendor = (await owner.post('/vendors', dentalSoft)).body;
    const engaged = await owner.post(`/vendors/${vendor.id}/engagements`, {
      clientId: harbour.id,
      product: 'Dentrix',
      supportContract: 'Gold plan DS-4471',
      renewsOn: '2026-09-30',
      slaTerms: '4 h response in business hours',
    });
    expect(engaged.status).toBe(201);
    expect(engaged.body).toMatchObject({
      vendorId: vendor.id,
      vendorName: 'DentalSoft Ltd',
      clientId: harbour.id,
      clientName: 'Harbour Dental',
      product: 'Dentrix',
      supportContract: 'Gold plan DS-4471',
      renewsOn: '2026-09-30',
      archived: false,
      accounts: [],
    });
    await owner.post(`/vendors/${vendor.id}/engagements`, { clientId: quayside.id, product: 'Dentrix' });
    const twin = await owner.post(`/vendors/${vendor.id}/engagements`, {
      clientId: harbour.id,
      product: 'DENTRIX',
    });
    expect(twin.status).toBe(409);
    expect(twin.body.error.code).toBe('engagement.duplicate');

    expect((await owner.get(`/vendors/${vendor.id}`)).body.engagementCount).toBe(2);
    const byVendor = (await owner.get(`/vendors/${vendor.id}/engagements`)).body.items;
    expect(byVendor.map((e: { clientName: string }) => e.clientName)).toEqual([
      'Harbour Dental',
      'Quayside Freight',
    ]);
    const byClient = (await owner.get(`/engagements?clientId=${harbour.id}`)).body.items;
    expect(byClient).toEqual([engaged.body]);
    expect((await owner.get(`/engagements/${engaged.body.id}`)).body).toEqual(engaged.body);

    const changed = await owner.patch(`/engagements/${engaged.body.id}`, {
      renewsOn: null,
      supportContract: '',
    });
    expect(changed.body).toMatchObject({ renewsOn: null, supportContract: null, product: 'Dentrix' });
    expect((await owner.patch(`/engagements/${engaged.body.id}`, { archived: true })).body.archived).toBe(
      true,
    );
    expect((await owner.get(`/engagements?clientId=${harbour.id}`)).body.items).toEqual([]);
    expect((await owner.get(`/engagements?clientId=${harbour.id}&archived=true`)).body.items).toHaveLength(1);
    expect((await owner.get(`/vendors/${vendor.id}`)).body.engagementCount).toBe(1);

    await owner.patch(`/vendors/${vendor.id}`, { archived: true });
    const archived = await owner.post(`/vendors/${vendor.id}/engagements`, {
      clientId: harbour.id,
      product: 'Dentrix Imaging',
    });
    expect(archived.status).toBe(422);
    expect(archived.body.error.code).toBe('vendor.archived');
  });

  it('adds and removes vendor accounts, refusing the same identifier twice in any case', async () => {
    const { owner, harbour } = await world();
    const vendor = (await owner.post('/vendors', dentalSoft)).body;
    const engagement = (
      await owner.post(`/vendors/${vendor.id}/engagements`, { clientId: harbour.id, product: 'Dentrix' })
    ).body;
    const account = await owner.post(`/engagements/${engagement.id}/accounts`, {
      kind: 'os_user',
      identifier: 'HARBOUR\\dentalsoft',
    });
    expect(account.status).toBe(201);
    expect(account.body).toMatchObject({ engagementId: engagement.id, kind: 'os_user', notes: '' });
    const twin = await owner.post(`/engagements/${engagement.id}/accounts`, {
      kind: 'os_user',
      identifier: 'harbour\\DENTALSOFT',
    });
    expect(twin.status).toBe(409);
    expect(twin.body.error).toMatchObject({
      code: 'vendor_account.duplicate',
      details: [{ path: ['identifier'] }],
    });
    const tool = await owner.post(`/engagements/${engagement.id}/accounts`, {
      kind: 'remote_tool',
      identifier: 'harbour\\dentalsoft',
    });
    expect(tool.status).toBe(201);
    expect((await owner.get(`/engagements/${engagement.id}`)).body.accounts).toHaveLength(2);

    expect((await owner.delete(`/vendor-accounts/${account.body.id}`)).status).toBe(204);
    expect((await owner.delete(`/vendor-accounts/${account.body.id}`)).status).toBe(404);
    const left = (await owner.get(`/engagements/${engagement.id}`)).body.accounts;
    expect(left.map((a: { kind: string }) => a.kind)).toEqual(['remote_tool']);
    const audit = await owner.get(`/audit-events?targetType=vendor_account&targetId=${account.body.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'vendor_account.create',
      'vendor_account.delete',
    ]);
  });

  it("shows a scoped technician only its clients' engagements, and lets it change nothing", async () => {
    const { owner, member, harbour, quayside } = await world();
    const vendor = (await owner.post('/vendors', dentalSoft)).body;
    const mine = (
      await owner.post(`/vendors/${vendor.id}/engagements`, { clientId: harbour.id, product: 'A' })
    ).body;
    const theirs = (
      await owner.post(`/vendors/${vendor.id}/engagements`, { clientId: quayside.id, product: 'B' })
    ).body;
    const account = (
      await owner.post(`/engagements/${theirs.id}/accounts`, { kind: 'os_user', identifier: 'x' })
    ).body;
    const technician = await member('technician', { clientIds: [harbour.id] });

    expect((await technician.get('/vendors')).body.items[0].engagementCount).toBe(1);
    const byVendor = (await technician.get(`/vendors/${vendor.id}/engagements`)).body.items;
    expect(byVendor.map((e: { id: string }) => e.id)).toEqual([mine.id]);
    expect((await technician.get('/engagements')).body.items.map((e: { id: string }) => e.id)).toEqual([
      mine.id,
    ]);
    expect((await technician.get(`/engagements?clientId=${quayside.id}`)).body.items).toEqual([]);
    const hidden = await technician.get(`/engagements/${theirs.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual((await technician.get(`/engagements/${nobody}`)).body);
    expect((await technician.post('/vendors', { name: 'Nope' })).status).toBe(403);
    expect((await technician.delete(`/vendor-accounts/${account.id}`)).status).toBe(403);

    // A dispatcher scoped to one client manages only there.
    const dispatcher = await member('dispatcher', { clientIds: [harbour.id] });
    const elsewhere = await dispatcher.post(`/vendors/${vendor.id}/engagements`, {
      clientId: quayside.id,
      product: 'C',
    });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('client.not_found');
    expect((await dispatcher.patch(`/engagements/${theirs.id}`, { product: 'Hijacked' })).status).toBe(404);
    expect(
      (await dispatcher.post(`/engagements/${theirs.id}/accounts`, { kind: 'os_user', identifier: 'y' }))
        .status,
    ).toBe(404);
    expect((await dispatcher.delete(`/vendor-accounts/${account.id}`)).status).toBe(404);
    const kept = (await owner.get(`/engagements/${theirs.id}`)).body;
    expect(kept).toMatchObject({ product: 'B', accounts: [{ identifier: 'x' }] });
    expect((await owner.get(`/vendors/${vendor.id}/engagements`)).body.items).toHaveLength(2);
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const { owner, harbour } = await world();
    const bad = async (path: string, body: unknown, field: string[]) => {
      const response = await owner.post(path, body);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.code).toBe('request.invalid');
      expect(response.body.error.details[0].path).toEqual(field);
    };
    await bad('/vendors', { name: '  ' }, ['name']);
    await bad('/vendors', { name: 'V', supportEmail: 'not an email' }, ['supportEmail']);
    await bad('/vendors', { name: 'V', products: [''] }, ['products', '0']);
    await bad('/vendors', { name: 'V', engagementCount: 3 }, []);
    expect((await owner.get('/vendors?archived=any')).body.total).toBe(0);

    const vendor = (await owner.post('/vendors', dentalSoft)).body;
    const engagements = `/vendors/${vendor.id}/engagements`;
    await bad(engagements, { clientId: 'nope', product: 'Dentrix' }, ['clientId']);
    await bad(engagements, { clientId: harbour.id, product: '' }, ['product']);
    await bad(engagements, { clientId: harbour.id, product: 'Dentrix', renewsOn: '30/09/2026' }, [
      'renewsOn',
    ]);
    expect((await owner.post(engagements, { clientId: nobody, product: 'Dentrix' })).status).toBe(404);
    expect(
      (await owner.post(`/vendors/${nobody}/engagements`, { clientId: harbour.id, product: 'D' })).status,
    ).toBe(404);
    expect((await owner.get(engagements)).body.items).toEqual([]);

    const engagement = (await owner.post(engagements, { clientId: harbour.id, product: 'Dentrix' })).body;
    await bad(`/engagements/${engagement.id}/accounts`, { kind: 'ssh_key', identifier: 'x' }, ['kind']);
    await bad(`/engagements/${engagement.id}/accounts`, { kind: 'os_user', identifier: ' ' }, ['identifier']);
    const moved = await owner.patch(`/engagements/${engagement.id}`, { clientId: nobody, product: 'X' });
    expect(moved.status).toBe(400);
    expect((await owner.get(`/engagements/${engagement.id}`)).body).toEqual(engagement);
    const before = (await owner.get(`/vendors/${vendor.id}`)).body;
    expect((await owner.patch(`/vendors/${vendor.id}`, { name: '', notes: 'x' })).status).toBe(400);
    expect((await owner.get(`/vendors/${vendor.id}`)).body).toEqual(before);
    expect((await owner.get('/vendors?archived=maybe')).status).toBe(400);
    expect((await owner.get('/vendors/not-a-uuid')).status).toBe(400);
    expect((await owner.get(`/vendors/${nobody}`)).body.error.code).toBe('vendor.not_found');
  });
});

describe('routine actors', () => {
  it('starts every new organization with the default updaters', async () => {
    const { owner, member } = await world();
    const list = (await owner.get('/routine-actors')).body.items;
    expect(list.map((a: { actor: string }) => a.actor).sort()).toEqual(
      defaultRoutineActors.map((a) => a.actor).sort(),
    );
    const billing = await member('billing', { allClients: true });
    expect((await billing.get('/routine-actors')).body.items).toHaveLength(defaultRoutineActors.length);
    expect((await billing.post('/routine-actors', { actor: 'ansible' })).status).toBe(403);
  });

  it('adds and removes routine actors, refusing one already listed in any case', async () => {
    const { owner } = await world();
    const added = await owner.post('/routine-actors', { actor: 'svc-rmm', note: 'Our RMM agent' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ actor: 'svc-rmm', note: 'Our RMM agent' });
    const twin = await owner.post('/routine-actors', { actor: 'system' });
    expect(twin.status).toBe(409);
    expect(twin.body.error.code).toBe('routine_actor.duplicate');
    expect((await owner.post('/routine-actors', { actor: '' })).status).toBe(400);
    const count = defaultRoutineActors.length + 1;
    expect((await owner.get('/routine-actors')).body.items).toHaveLength(count);

    expect((await owner.delete(`/routine-actors/${added.body.id}`)).status).toBe(204);
    expect((await owner.delete(`/routine-actors/${added.body.id}`)).status).toBe(404);
    expect((await owner.get('/routine-actors')).body.items).toHaveLength(count - 1);
    const audit = await owner.get(`/audit-events?targetType=routine_actor&targetId=${added.body.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'routine_actor.create',
      'routine_actor.delete',
    ]);
  });
});
