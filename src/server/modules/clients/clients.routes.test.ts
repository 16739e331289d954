import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';

const t = await startTestApp();
const nobody = '01900000-0000-7000-8000-000000000000';

describe('clients', () => {
  it('creates, finds by name, changes and archives a client', async () => {
    const { owner } = await t.newTenant();
    const created = await owner.post('/clients', {
      name: 'Harbour Dental',
      emailDomains: ['HarbourDental.example', 'harbourdental.example'],
      phone: '+44 20 7946 0000',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Harbour Dental', emailDomains: ['harbourdental.example'] });
    await owner.post('/clients', { name: 'Quayside Freight' });

    const found = await owner.get('/clients?q=harb');
    expect(found.body.items.map((c: { name: string }) => c.name)).toEqual(['Harbour Dental']);

    const changed = await owner.patch(`/clients/${created.body.id}`, { notes: 'Prefers calls before 10:00' });
    expect(changed.body.notes).toBe('Prefers calls before 10:00');
    expect(changed.body.name).toBe('Harbour Dental');

    const archived = (await owner.patch(`/clients/${created.body.id}`, { archived: true })).body;
    expect(archived).toMatchObject({ archived: true, emailDomains: ['harbourdental.example'] });
    expect((await owner.get('/clients')).body.items.map((c: { name: string }) => c.name)).toEqual([
      'Quayside Freight',
    ]);
    expect((await owner.get('/clients?archived=true')).body.total).toBe(1);
  });

  it('treats a search term with SQL wildcards literally', async () => {
    const { owner } = await t.newTenant();
    await owner.post('/clients', { name: '100% Fitness' });
    await owner.post('/clients', { name: '1000 Lakes Travel' });
    const found = await owner.get(`/clients?q=${encodeURIComponent('100%')}`);
    expect(found.body.items.map((c: { name: string }) => c.name)).toEqual(['100% Fitness']);
  });

  it('rejects an invalid email domain and a default calendar that does not exist', async () => {
    const { owner } = await t.newTenant();
    const badDomain = await owner.post('/clients', { name: 'Acme', emailDomains: ['not a domain'] });
    expect(badDomain.status).toBe(400);
    expect(badDomain.body.error.details[0].path).toEqual(['emailDomains', '0']);
    // Anyone can have a Gmail address: mail from it must not open tickets for this client.
    const freeMail = await owner.post('/clients', {
      name: 'Acme',
      emailDomains: ['acme.example', 'Gmail.com'],
    });
    expect(freeMail.status).toBe(400);
    expect(freeMail.body.error.details[0]).toMatchObject({
      path: ['emailDomains', '1'],
      message: expect.stringContaining('public mail service'),
    });
    const badCalendar = await owner.post('/clients', { name: 'Acme', defaultCalendarId: nobody });
    expect(badCalendar.status).toBe(400);
    expect(badCalendar.body.error.details[0].path).toEqual(['defaultCalendarId']);
    expect((await owner.get('/clients')).body.total).toBe(0);
  });

  it("hides another tenant's client behind the same 404 as a missing one", async () => {
    const theirs = (await (await t.newTenant('Rival MSP')).owner.post('/clients', { name: 'Their client' }))
      .body;
    const { owner } = await t.newTenant();
    const foreign = await owner.get(`/clients/${theirs.id}`);
    const missing = await owner.get(`/clients/${nobody}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await owner.patch(`/clients/${theirs.id}`, { name: 'Hijacked' })).status).toBe(404);
    expect((await owner.post(`/clients/${theirs.id}/contacts`, { name: 'Spy' })).status).toBe(404);
    expect((await owner.get('/clients')).body.total).toBe(0);
  });

  it('answers a malformed id with 400', async () => {
    const { owner } = await t.newTenant();
    expect((await owner.get('/clients/not-a-uuid')).status).toBe(400);
  });
});

describe('sites and contacts', () => {
  it('keeps sites with their time zones and contacts with their site', async () => {
    const { owner } = await t.newTenant();
    const client = (await owner.post('/clients', { name: 'Kiwi Orchards' })).body;
    const site = await owner.post(`/clients/${client.id}/sites`, {
      name: 'Nelson packhouse',
      timeZone: 'Pacific/Auckland',
      address: '12 Orchard Rd',
    });
    expect(site.status).toBe(201);
    const renamed = await owner.patch(`/sites/${site.body.id}`, { name: 'Nelson packhouse & office' });
    expect(renamed.body).toMatchObject({ address: '12 Orchard Rd', timeZone: 'Pacific/Auckland' });
    const badZone = await owner.post(`/clients/${client.id}/sites`, {
      name: 'Mars base',
      timeZone: 'Mars/Olympus',
    });
    expect(badZone.status).toBe(400);

    const contact = await owner.post(`/clients/${client.id}/contacts`, {
      name: 'Mere Ngata',
      email: 'Mere@KiwiOrchards.example',
      title: 'Office manager',
      siteId: site.body.id,
      isBillableUser: true,
    });
    expect(contact.status).toBe(201);
    expect(contact.body).toMatchObject({ email: 'mere@kiwiorchards.example', siteId: site.body.id });
    expect((await owner.get(`/clients/${client.id}/contacts?q=mere`)).body.items).toHaveLength(1);
    expect((await owner.get(`/clients/${client.id}`)).body).toMatchObject({ siteCount: 1, contactCount: 1 });

    const blocked = await owner.delete(`/sites/${site.body.id}`);
    expect(blocked.status).toBe(409);
    expect((await owner.patch(`/contacts/${contact.body.id}`, { siteId: null })).body.siteId).toBeNull();
    expect((await owner.delete(`/sites/${site.body.id}`)).status).toBe(204);
    expect((await owner.delete(`/contacts/${contact.body.id}`)).status).toBe(204);
    expect((await owner.get(`/contacts/${contact.body.id}`)).status).toBe(404);
  });

  it('refuses with 409 to delete a site with assets, and keeps it', async () => {
    const { owner } = await t.newTenant();
    const client = (await owner.post('/clients', { name: 'Kiwi Orchards' })).body;
    const site = (
      await owner.post(`/clients/${client.id}/sites`, { name: 'Packhouse', timeZone: 'Pacific/Auckland' })
    ).body;
    await owner.post('/assets', {
      clientId: client.id,
      siteId: site.id,
      type: 'printer',
      name: 'Label printer',
    });
    const refused = await owner.delete(`/sites/${site.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('move the assets to another site first');
    expect((await owner.get(`/clients/${client.id}/sites`)).body.items).toHaveLength(1);
  });

  it('refuses with 409 to delete a contact named on a ticket, and keeps it', async () => {
    const { owner } = await t.newTenant();
    const client = (await owner.post('/clients', { name: 'Kiwi Orchards' })).body;
    const contact = (await owner.post(`/clients/${client.id}/contacts`, { name: 'Mere Ngata' })).body;
    const ticket = await owner.post('/tickets', {
      clientId: client.id,
      title: 'Printer offline',
      priority: 'P3',
      contactId: contact.id,
    });
    expect(ticket.status).toBe(201);

    const refused = await owner.delete(`/contacts/${contact.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect((await owner.get(`/contacts/${contact.id}`)).status).toBe(200);
  });

  it("refuses a contact at another client's site", async () => {
    const { owner } = await t.newTenant();
    const a = (await owner.post('/clients', { name: 'A' })).body;
    const b = (await owner.post('/clients', { name: 'B' })).body;
    const siteOfB = (await owner.post(`/clients/${b.id}/sites`, { name: 'B HQ', timeZone: 'Europe/Paris' }))
      .body;
    const response = await owner.post(`/clients/${a.id}/contacts`, { name: 'Cross', siteId: siteOfB.id });
    expect(response.status).toBe(400);
    expect((await owner.get(`/clients/${a.id}/contacts`)).body.items).toHaveLength(0);
  });
});
