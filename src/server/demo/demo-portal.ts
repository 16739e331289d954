// The dental practice in the client portal: its owner as the company's admin and its office manager as a
// user, both with the demo's password; and the owner's concern about slow answers to outages, filed in the
// portal and answered by the dispatcher with two items, so the plan screens have something to show.
import type { Services } from '../app.ts';
import type { Executor } from '../db/client.ts';
import type { Actor } from '../http/scope.ts';
import { loadMemberScope } from '../modules/identity/index.ts';

export interface DemoPortalUser {
  name: string;
  email: string;
  title: string;
}

const addDays = (now: Date, days: number) =>
  new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

export async function seedDemoPortal(
  db: Executor,
  services: Services,
  owner: Actor,
  dispatcher: Actor,
  dental: { clientId: string; contactIds: string[] },
  now: Date,
  password: string,
): Promise<DemoPortalUser[]> {
  const people = [
    {
      contactId: dental.contactIds[0]!,
      role: 'client_admin' as const,
      title: 'the dental practice’s owner, company admin in the client portal',
    },
    {
      contactId: dental.contactIds[1]!,
      role: 'client_user' as const,
      title: 'the dental practice’s office manager, in the client portal',
    },
  ];
  const seeded: DemoPortalUser[] = [];
  const actors: Actor[] = [];
  for (const person of people) {
    const { user, invitation } = await services.clientUsers.create(
      owner,
      dental.clientId,
      { contactId: person.contactId, role: person.role },
      'http://localhost',
    );
    if (invitation) {
      const token = invitation.url.split('/invitation/')[1]!;
      await services.invitations.accept(token, { password }, { ip: null, userAgent: 'Accord demo' });
    }
    seeded.push({ name: user.name, email: user.email, title: person.title });
    const scope = await loadMemberScope(db, owner.scope.tenantId, user.id);
    if (scope) actors.push({ ...owner, scope });
  }
  const [maria] = actors;
  if (!maria) return seeded;
  const plan = await services.remediation.file(maria, {
    clientId: dental.clientId,
    direction: 'client_to_msp',
    vendorId: null,
    title: 'Slow answers when the practice system is down',
    concern:
      'Twice this quarter the practice system was down at opening time and nobody answered for over an hour. ' +
      'We need a first answer within the hour we pay for, every time.',
  });
  await services.remediation.respond(dispatcher, plan.id, {
    text: 'You are right, and we are sorry. This is what changes.',
    items: [
      {
        issue: 'Nobody watches the queue before 8:00',
        action: 'An engineer on call from 7:00 on weekdays, paged by new P1 tickets',
        owner: 'Priya, service desk lead',
        dueOn: addDays(now, 14),
        priority: 'high',
      },
      {
        issue: 'Server alerts reach one inbox',
        action: 'Alerts for the practice server open P1 tickets and page the on-call engineer',
        owner: 'Tomás, engineer',
        dueOn: addDays(now, 30),
        priority: 'medium',
      },
    ],
  });
  return seeded;
}
