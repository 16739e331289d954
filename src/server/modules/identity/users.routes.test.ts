import { describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, uniqueEmail } from '../../../../test/http.ts';

const t = await startTestApp();

describe('staff members and roles', () => {
  it('lets a technician see only the clients in their scope; others answer like missing ones', async () => {
    const { owner, member } = await t.newTenant();
    const alpha = (await owner.post('/clients', { name: 'Alpha Dental' })).body;
    const beta = (await owner.post('/clients', { name: 'Beta Logistics' })).body;
    const technician = await member('technician', { clientIds: [alpha.id] });

    const list = await technician.get('/clients');
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['Alpha Dental']);
    const foreign = await technician.get(`/clients/${beta.id}`);
    const missing = await technician.get('/clients/01900000-0000-7000-8000-000000000000');
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it('gives an empty scope nothing (deny by default)', async () => {
    const { owner, member } = await t.newTenant();
    await owner.post('/clients', { name: 'Gamma Law' });
    const technician = await member('technician');
    expect((await technician.get('/clients')).body).toEqual({ items: [], total: 0 });
  });

  it('forbids what a role may not do', async () => {
    const { member } = await t.newTenant();
    const technician = await member('technician', { allClients: true });
    const response = await technician.post('/clients', { name: 'Not mine to add' });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('auth.forbidden');
    expect((await technician.get('/users')).status).toBe(403);
  });

  it('lets only an owner make an owner, and keeps at least one active owner', async () => {
    const { owner, member } = await t.newTenant();
    const admin = await member('admin', { allClients: true });
    const promote = await admin.post('/users', {
      name: 'Would-be owner',
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      role: 'owner',
      allClients: true,
      clientIds: [],
    });
    expect(promote.status).toBe(403);

    const self = (await owner.get('/auth/session')).body.membership.id;
    const demote = await owner.patch(`/users/${self}`, { role: 'admin' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('user.last_owner');
    expect((await owner.get(`/users/${self}`)).body.role).toBe('owner');
  });

  it('signs a deactivated member out and keeps them out', async () => {
    const { owner, member } = await t.newTenant();
    const dispatcher = await member('dispatcher', { allClients: true });
    const id = (await dispatcher.get('/auth/session')).body.membership.id;
    expect((await owner.patch(`/users/${id}`, { active: false })).body.active).toBe(false);
    expect((await dispatcher.get('/clients')).status).toBe(401);
  });

  it('rejects a scope naming a client of another tenant', async () => {
    const other = await t.newTenant('Other MSP');
    const foreignClient = (await other.owner.post('/clients', { name: 'Theirs' })).body;
    const { owner } = await t.newTenant();
    const response = await owner.post('/users', {
      name: 'Tess Tech',
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      role: 'technician',
      allClients: false,
      clientIds: [foreignClient.id],
    });
    expect(response.status).toBe(400);
    expect((await owner.get('/users')).body.items).toHaveLength(1);
  });
});
