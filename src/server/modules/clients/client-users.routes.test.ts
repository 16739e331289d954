// Staff invite a client's contacts to the client portal: the invitation by mail, the password set once,
// the role that decides whose tickets they see, and deactivation that signs them out at once. A portal
// user reaches neither the staff routes nor the vendor portal, and staff do not reach the client portal.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PORTAL_PASSWORD, portalPerson } from '../../../../test/client-portal.ts';
import { startTestApp, uniqueEmail } from '../../../../test/http.ts';
import { outboundEmails } from '../mail/mail.table.ts';

const t = await startTestApp();

async function world() {
  const tenant = await t.newTenant('Northwind IT');
  const client = (await tenant.owner.post('/clients', { name: 'Lakeshore Dental' })).body;
  return { ...tenant, client };
}

describe('client portal users', () => {
  it('invites a contact by mail with a link that sets a password once', async () => {
    const { owner, client } = await world();
    const email = uniqueEmail('dana');
    const contact = (await owner.post(`/clients/${client.id}/contacts`, { name: 'Dana Diaz', email })).body;
    const created = await owner.post(`/clients/${client.id}/portal-users`, {
      contactId: contact.id,
      role: 'client_admin',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.user).toMatchObject({
      contactId: contact.id,
      clientId: client.id,
      name: 'Dana Diaz',
      email,
      role: 'client_admin',
      active: true,
      invitation: 'pending',
    });
    const url = created.body.invitation.url as string;
    const [mail] = await t.handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, email));
    expect(mail?.subject).toBe('Northwind IT invites you to its client portal');
    expect(mail?.textBody).toContain(url);
    expect(mail?.textBody).toContain('Lakeshore Dental');

    const token = url.split('/invitation/')[1]!;
    const invitation = await t.anonymous.get(`/public/invitations/${token}`);
    expect(invitation.body).toMatchObject({
      mspName: 'Northwind IT',
      clientName: 'Lakeshore Dental',
      vendorName: null,
      name: 'Dana Diaz',
    });
    expect(
      (await t.anonymous.post(`/public/invitations/${token}`, { password: PORTAL_PASSWORD })).status,
    ).toBe(204);
    expect(
      (await t.anonymous.post(`/public/invitations/${token}`, { password: PORTAL_PASSWORD })).status,
    ).toBe(404);
    const dana = await t.signIn(email, PORTAL_PASSWORD);
    expect((await dana.get('/auth/session')).body.membership.role).toBe('client_admin');
    const listed = await owner.get(`/clients/${client.id}/portal-users`);
    expect(listed.body.items).toEqual([expect.objectContaining({ email, invitation: 'accepted' })]);
    // Portal users are not staff.
    expect((await owner.get('/users')).body.items.map((u: { email: string }) => u.email)).not.toContain(
      email,
    );
  });

  it('refuses a contact without an email, a second user for one contact, and another client’s contact', async () => {
    const { owner, client } = await world();
    const other = (await owner.post('/clients', { name: 'Harbor Law' })).body;
    const noEmail = (await owner.post(`/clients/${client.id}/contacts`, { name: 'No Mail' })).body;
    const refused = await owner.post(`/clients/${client.id}/portal-users`, {
      contactId: noEmail.id,
      role: 'client_user',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('client_user.contact_email_required');

    const person = await portalPerson(t, owner, client.id, { name: 'Sam Staff', role: 'client_user' });
    const again = await owner.post(`/clients/${client.id}/portal-users`, {
      contactId: person.contactId,
      role: 'client_admin',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('client_user.exists');

    const theirs = (
      await owner.post(`/clients/${other.id}/contacts`, { name: 'Harbor Person', email: uniqueEmail('h') })
    ).body;
    const crossed = await owner.post(`/clients/${client.id}/portal-users`, {
      contactId: theirs.id,
      role: 'client_user',
    });
    expect(crossed.status).toBe(400);
    expect((await owner.get(`/clients/${client.id}/portal-users`)).body.items).toHaveLength(1);
    // A contact who signs in to the portal stays.
    expect((await owner.delete(`/contacts/${person.contactId}`)).status).toBe(409);
  });

  it('changes the role at once, and deactivation signs the person out', async () => {
    const { owner, client } = await world();
    const person = await portalPerson(t, owner, client.id, { name: 'Sam Staff', role: 'client_user' });
    const promoted = await owner.patch(`/client-users/${person.userId}`, { role: 'client_admin' });
    expect(promoted.body).toMatchObject({ role: 'client_admin', active: true });
    expect((await person.session.get('/portal')).body.role).toBe('client_admin');

    expect((await owner.patch(`/client-users/${person.userId}`, {})).status).toBe(400);
    const off = await owner.patch(`/client-users/${person.userId}`, { active: false });
    expect(off.body.active).toBe(false);
    expect((await person.session.get('/portal')).status).toBe(401);
    await expect(t.signIn(person.email, PORTAL_PASSWORD)).rejects.toThrow();
    await owner.patch(`/client-users/${person.userId}`, { active: true });
    expect((await (await t.signIn(person.email, PORTAL_PASSWORD)).get('/portal')).status).toBe(200);
  });

  it('issues a new invitation only to someone who has not set a password', async () => {
    const { owner, client } = await world();
    const contact = (
      await owner.post(`/clients/${client.id}/contacts`, { name: 'Pat', email: uniqueEmail('pat') })
    ).body;
    const created = await owner.post(`/clients/${client.id}/portal-users`, {
      contactId: contact.id,
      role: 'client_user',
    });
    const first = (created.body.invitation.url as string).split('/invitation/')[1]!;
    const again = await owner.post(`/client-users/${created.body.user.id}/invitation`);
    expect(again.status).toBe(201);
    expect((await t.anonymous.get(`/public/invitations/${first}`)).status).toBe(404);
    const second = (again.body.url as string).split('/invitation/')[1]!;
    await t.anonymous.post(`/public/invitations/${second}`, { password: PORTAL_PASSWORD });
    const done = await owner.post(`/client-users/${created.body.user.id}/invitation`);
    expect(done.status).toBe(409);
    expect(done.body.error.code).toBe('invitation.not_needed');
  });

  it('keeps a portal user out of the staff routes and the vendor portal, and staff out of the portal', async () => {
    const { owner, client } = await world();
    const { session } = await portalPerson(t, owner, client.id, { name: 'Dana', role: 'client_admin' });
    for (const path of [
      '/tickets',
      '/clients',
      `/clients/${client.id}/contacts`,
      '/agreements',
      '/invoices',
    ]) {
      const response = await session.get(path);
      expect(response.status, path).toBe(403);
    }
    expect((await session.get('/vendor-portal')).body.error.code).toBe('portal.vendor_only');
    const staff = await owner.get('/portal');
    expect(staff.status).toBe(403);
    expect(staff.body.error.code).toBe('portal.client_only');
  });
});
