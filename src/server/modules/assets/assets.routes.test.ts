import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { touchAssetsLastSeen } from './index.ts';

const t = await startTestApp();
const nobody = '01900000-0000-7000-8000-000000000000';
const names = (body: { items: { name: string }[] }) => body.items.map((a) => a.name);

/** A tenant with two clients, a site at the first, and its owner. */
async function world() {
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const harbour = (await owner.post('/clients', { name: 'Harbour Dental' })).body;
  const quayside = (await owner.post('/clients', { name: 'Quayside Freight' })).body;
  const surgery = (
    await owner.post(`/clients/${harbour.id}/sites`, { name: 'Surgery', timeZone: 'Europe/London' })
  ).body;
  return { ...tenant, harbour, quayside, surgery };
}

describe('assets', () => {
  it('adds, reads, changes, archives and restores an asset, auditing each change', async () => {
    const { owner, harbour, surgery } = await world();
    const created = await owner.post('/assets', {
      clientId: harbour.id,
      siteId: surgery.id,
      type: 'server',
      name: 'HD-SRV01',
      serial: 'CZ1234',
      hostname: 'hd-srv01.harbour.local',
      os: 'Windows Server',
      osVersion: '2022',
      warrantyEndsOn: '2027-06-30',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      clientName: 'Harbour Dental',
      siteName: 'Surgery',
      criticality: 'normal',
      isManaged: true,
      isStandard: false,
      notes: '',
      lastSeenAt: null,
      state: 'never',
      archived: false,
    });
    const id = created.body.id;
    expect((await owner.get(`/assets/${id}`)).body).toEqual(created.body);

    const changed = await owner.patch(`/assets/${id}`, { criticality: 'critical', serial: '' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ criticality: 'critical', serial: null, name: 'HD-SRV01' });

    expect((await owner.patch(`/assets/${id}`, { archived: true })).body.archived).toBe(true);
    expect((await owner.get('/assets')).body.total).toBe(0);
    expect(names((await owner.get('/assets?archived=true')).body)).toEqual(['HD-SRV01']);
    expect((await owner.patch(`/assets/${id}`, { archived: false })).body.archived).toBe(false);
    expect((await owner.get('/assets')).body.total).toBe(1);

    const audit = await owner.get(`/audit-events?targetType=asset&targetId=${id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'asset.create',
      'asset.update',
      'asset.update',
      'asset.update',
    ]);
  });

  it('filters by client, site, type, managed, state and text, sorted by client then name', async () => {
    const { tenantId, owner, harbour, quayside, surgery } = await world();
    const add = async (body: Record<string, unknown>) => (await owner.post('/assets', body)).body.id;
    const online = await add({ clientId: quayside.id, type: 'laptop', name: 'qf-lap-02' });
    const offline = await add({ clientId: harbour.id, type: 'server', name: 'HD-SRV01', serial: 'CZ-77' });
    await add({ clientId: harbour.id, siteId: surgery.id, type: 'printer', name: 'Reception printer' });
    await add({
      clientId: harbour.id,
      type: 'phone',
      name: 'ap-phone',
      isManaged: false,
      hostname: 'x7.lan',
    });
    const now = Date.now();
    await touchAssetsLastSeen(t.handle.db, tenantId, [
      { assetId: online, at: new Date(now - 60_000) },
      { assetId: offline, at: new Date(now - 6 * 60_000) },
    ]);

    const all = (await owner.get('/assets')).body;
    expect(names(all)).toEqual(['ap-phone', 'HD-SRV01', 'Reception printer', 'qf-lap-02']);
    expect(all.items.map((a: { state: string }) => a.state)).toEqual(['never', 'offline', 'never', 'online']);
    const list = async (query: string) => names((await owner.get(`/assets?${query}`)).body);
    expect(await list(`clientId=${quayside.id}`)).toEqual(['qf-lap-02']);
    expect(await list(`siteId=${surgery.id}`)).toEqual(['Reception printer']);
    expect(await list('type=server')).toEqual(['HD-SRV01']);
    expect(await list('managed=no')).toEqual(['ap-phone']);
    expect(await list('managed=yes')).toHaveLength(3);
    expect(await list('state=online')).toEqual(['qf-lap-02']);
    expect(await list('state=offline')).toEqual(['HD-SRV01']);
    expect(await list('state=never')).toEqual(['ap-phone', 'Reception printer']);
    expect(await list('q=cz-7')).toEqual(['HD-SRV01']);
    expect(await list('q=X7.LAN')).toEqual(['ap-phone']);
    expect(await list(`q=${encodeURIComponent('%')}`)).toEqual([]);
    expect((await owner.get('/assets?limit=2&offset=1')).body).toMatchObject({ total: 4 });
    expect(names((await owner.get('/assets?limit=2&offset=1')).body)).toEqual([
      'HD-SRV01',
      'Reception printer',
    ]);
  });

  it('never moves a last check-in back, and takes the latest of repeated ones', async () => {
    const { tenantId, owner, harbour } = await world();
    const id = (await owner.post('/assets', { clientId: harbour.id, type: 'server', name: 'S' })).body.id;
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    await touchAssetsLastSeen(t.handle.db, tenantId, [
      { assetId: id, at: at(10) },
      { assetId: id, at: at(2) },
    ]);
    const seen = (await owner.get(`/assets/${id}`)).body.lastSeenAt;
    await touchAssetsLastSeen(t.handle.db, tenantId, [{ assetId: id, at: at(20) }]);
    expect((await owner.get(`/assets/${id}`)).body).toMatchObject({ lastSeenAt: seen, state: 'online' });
  });

  it("shows a scoped technician only its clients' assets: others are 404 like missing ones", async () => {
    const { owner, member, harbour, quayside } = await world();
    const mine = (await owner.post('/assets', { clientId: harbour.id, type: 'laptop', name: 'Mine' })).body;
    const theirs = (await owner.post('/assets', { clientId: quayside.id, type: 'laptop', name: 'Theirs' }))
      .body;
    const technician = await member('technician', { clientIds: [harbour.id] });

    expect(names((await technician.get('/assets')).body)).toEqual(['Mine']);
    expect(names((await technician.get(`/assets?clientId=${quayside.id}`)).body)).toEqual([]);
    expect((await technician.get(`/assets/${mine.id}`)).status).toBe(200);
    const hidden = await technician.get(`/assets/${theirs.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual((await technician.get(`/assets/${nobody}`)).body);
    expect(hidden.body.error.code).toBe('asset.not_found');
    expect((await technician.patch(`/assets/${theirs.id}`, { name: 'Hijacked' })).status).toBe(404);
    const elsewhere = await technician.post('/assets', { clientId: quayside.id, type: 'laptop', name: 'X' });
    expect(elsewhere.status).toBe(404);
    expect((await owner.get(`/assets/${theirs.id}`)).body.name).toBe('Theirs');
    expect((await owner.get('/assets')).body.total).toBe(2);

    const billing = await member('billing', { allClients: true });
    expect((await billing.get('/assets')).body.total).toBe(2);
    expect((await billing.post('/assets', { clientId: harbour.id, type: 'other', name: 'No' })).status).toBe(
      403,
    );
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const { owner, harbour, quayside, surgery } = await world();
    const bad = async (body: Record<string, unknown>, path: string[]) => {
      const response = await owner.post('/assets', {
        clientId: harbour.id,
        type: 'server',
        name: 'S',
        ...body,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.details[0].path).toEqual(path);
      return response.body.error.details[0].message as string;
    };
    expect(await bad({ type: 'toaster' }, ['type'])).toContain('server, workstation');
    expect(await bad({ name: '  ' }, ['name'])).toBe('Give the asset a name');
    expect(await bad({ warrantyEndsOn: '2027-02-30' }, ['warrantyEndsOn'])).toContain('YYYY-MM-DD');
    expect(await bad({ criticality: 'urgent' }, ['criticality'])).toContain('low, normal');
    expect(await bad({ lastSeenAt: '2026-01-01T00:00:00Z' }, [])).toBeTruthy();
    const wrongSite = await owner.post('/assets', {
      clientId: quayside.id,
      siteId: surgery.id,
      type: 'server',
      name: 'S',
    });
    expect(wrongSite.status).toBe(400);
    expect(wrongSite.body.error.details[0]).toMatchObject({ path: ['siteId'] });
    const noClient = await owner.post('/assets', { clientId: nobody, type: 'server', name: 'S' });
    expect(noClient.status).toBe(404);
    expect((await owner.get('/assets?archived=any')).body.total).toBe(0);

    const id = (await owner.post('/assets', { clientId: quayside.id, type: 'server', name: 'QF-SRV' })).body
      .id;
    const before = (await owner.get(`/assets/${id}`)).body;
    const moveSite = await owner.patch(`/assets/${id}`, { siteId: surgery.id, name: 'Renamed' });
    expect(moveSite.status).toBe(400);
    expect(moveSite.body.error.details[0].path).toEqual(['siteId']);
    expect((await owner.patch(`/assets/${id}`, { clientId: harbour.id })).status).toBe(400);
    expect((await owner.get(`/assets/${id}`)).body).toEqual(before);
    expect((await owner.get('/assets?state=sometimes')).status).toBe(400);
    expect((await owner.get('/assets/not-a-uuid')).status).toBe(400);
  });
});
