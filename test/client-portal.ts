// A client's person in the client portal, for tests: a contact of the client's with an email, invited by
// the owner, who sets a password through the invitation and signs in.
import { expect } from 'vitest';
import { type ApiClient, type startTestApp, uniqueEmail } from './http.ts';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

export const PORTAL_PASSWORD = 'a client password 2026';

export async function portalPerson(
  t: TestApp,
  owner: ApiClient,
  clientId: string,
  person: { name: string; role: 'client_admin' | 'client_user' },
) {
  const email = uniqueEmail(person.role);
  const contact = await owner.post(`/clients/${clientId}/contacts`, { name: person.name, email });
  expect(contact.status, JSON.stringify(contact.body)).toBe(201);
  const invited = await owner.post(`/clients/${clientId}/portal-users`, {
    contactId: contact.body.id,
    role: person.role,
  });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  const token = (invited.body.invitation.url as string).split('/invitation/')[1]!;
  const accepted = await t.anonymous.post(`/public/invitations/${token}`, { password: PORTAL_PASSWORD });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(204);
  return {
    email,
    contactId: contact.body.id as string,
    userId: invited.body.user.id as string,
    session: await t.signIn(email, PORTAL_PASSWORD),
  };
}
