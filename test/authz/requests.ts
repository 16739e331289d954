// How the authorization matrix calls each route: which object its id (or body id) stands for, and a
// minimal valid body. Routes that destroy their object act on a fresh one made for each call.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import {
  changeRequestBody,
  inTwentyDays,
  type Objects,
  type Role,
  type Session,
  signedCopyForm,
  signIn,
  type TargetName,
  timeEntryBody,
  type World,
} from './fixtures.ts';

export interface Call {
  world: World;
  role: Role;
  /** The session the request is sent with (anonymous has no cookie). */
  actor: Session;
  target: TargetName;
  objects: Objects;
}

export interface RequestPlan {
  /** The object kind the path's {id} stands for, or the body's id when the path has none. */
  target?: keyof Objects;
  query?: (o: Objects) => string;
  body?: (o: Objects, call: Call) => unknown;
  /** Makes the object to act on for own and other-client targets, when the call would destroy the fixture. */
  fresh?: (call: Call) => Promise<string>;
  /** Sends the request on a new session of the same member (the route ends the session). */
  freshSession?: boolean;
  /** The status a hidden object answers when it is not 404 (the bulk action names failures in a 422). */
  hiddenStatus?: number;
  /** Values for path parameters that are not ids (an email template's key): the same in every tenant. */
  params?: Record<string, string>;
}

const unique = (label: string) => `${label} ${randomBytes(4).toString('hex')}`;

async function make(session: Session, method: string, path: string, body: unknown): Promise<string> {
  const response = await session.json(method, path, body);
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  return response.body.id;
}

let freshMonths = 0;
let freshDays = 0;

/** A date no cost rate of the fixture's has yet, one day later on each call. */
function freshDate(): string {
  return new Date(Date.UTC(2030, 0, 1 + freshDays++)).toISOString().slice(0, 10);
}

/**
 * A draft invoice of the call's client with nothing but a project's fixed fee, in a month of its own
 * before the fixture's time (so it takes none); finalized when asked. Each is a month earlier than the
 * last, so no earlier draft stands in the way of finalizing it.
 */
async function freshInvoice(call: Call, finalized: boolean): Promise<string> {
  const owner = call.world.staff.owner.session;
  const month = 2019 * 12 + 11 - freshMonths++;
  const period = `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
  await make(owner, 'POST', '/agreements', {
    clientId: call.objects.client,
    type: 'project',
    name: unique('Project'),
    startsOn: `${period}-01`,
    endsOn: `${period}-28`,
    hourlyRateCents: 100,
    fixedFeeCents: 100,
  });
  const run = await owner.json('POST', '/invoices/runs', { period, clientIds: [call.objects.client] });
  const id: string = run.body.results[0].invoiceId;
  if (finalized) await make(owner, 'POST', `/invoices/${id}/finalize`, {});
  return id;
}

/** The member who owns "your own" things in this call: the actor, or the owner for the anonymous caller. */
function me(call: Call): Session {
  return call.role === 'anonymous' ? call.world.staff.owner.session : call.actor;
}

const remediationResponse = {
  items: [
    {
      issue: 'Late answers',
      action: 'A second engineer on call',
      owner: 'Sam',
      dueOn: inTwentyDays(),
      priority: 'high',
    },
  ],
};

const isPortalRole = (role: Role) => role === 'vendor' || role === 'client';

/** Whether the actor may log time (others' own entries are made by the owner instead). */
const works = (role: Role) =>
  role === 'owner' || role === 'admin' || role === 'dispatcher' || role === 'technician';

const past = '2026-01-05T10:00:00Z';
const calendarBody = {
  name: 'Office hours',
  timeZone: 'Europe/London',
  weeklyHours: { mon: [['09:00', '17:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: [],
};

export const requestPlans: Record<string, RequestPlan> = {
  'GET /setup': {},
  'POST /setup': {
    body: () => ({
      organizationName: 'Late Co',
      name: 'Late',
      email: `late-${randomBytes(4).toString('hex')}@example.test`,
      password: 'correct horse battery staple',
    }),
  },
  'POST /auth/login': {
    body: (_o, call) => ({ email: call.world.a.subject.email, password: 'correct horse battery staple' }),
  },
  'POST /auth/logout': { freshSession: true },
  // A domain with no provider: 404 sso.no_provider, whoever asks.
  'POST /auth/sso/start': { body: () => ({ email: `someone@${randomBytes(4).toString('hex')}.test` }) },
  // An unknown state: the redirect back to /login?sso_error=expired.
  'GET /auth/sso/callback': { query: () => '?code=x&state=unknown' },
  'GET /auth/session': {},
  // Another organization, or none, is "not a member" (the same 403 for both, so existence does not leak).
  'POST /auth/select-tenant': {
    target: 'tenantId',
    body: (o) => ({ tenantId: o.tenantId }),
    freshSession: true,
    hiddenStatus: 403,
  },
  'GET /auth/sessions': {},
  'DELETE /auth/sessions': {},
  // Your own other session; another member's (the subject's) is 404.
  'DELETE /auth/sessions/{id}': {
    target: 'session',
    fresh: (call) => otherSessionOf(call.target === 'own' ? me(call) : call.world.a.subject.session),
  },
  'GET /auth/mfa': {},
  'POST /auth/mfa/totp/setup': {},
  'POST /auth/mfa/totp/confirm': { body: () => ({ code: '000000' }) },
  'POST /auth/mfa/verify': { body: () => ({ code: '000000' }) },
  'POST /auth/mfa/recovery-codes': { body: () => ({ code: '000000' }) },
  'POST /auth/mfa/disable': { body: () => ({ password: 'not the password' }) },
  'POST /auth/password': {
    body: () => ({ currentPassword: 'not the password', newPassword: 'a brand new passphrase' }),
  },
  'GET /settings/security': {},
  // Kept off: the fixture's members sign in with a password alone.
  'PATCH /settings/security': { body: () => ({ mfaRequiredForStaff: false }) },
  'GET /api-tokens': {},
  'POST /api-tokens': { body: () => ({ name: unique('Token') }) },
  'DELETE /api-tokens/{id}': {
    target: 'apiToken',
    fresh: (call) =>
      make(call.target === 'own' ? me(call) : call.world.a.subject.session, 'POST', '/api-tokens', {
        name: unique('Token'),
      }),
  },
  'GET /users': {},
  'POST /users': {
    body: () => ({
      name: 'New Member',
      email: `member-${randomBytes(4).toString('hex')}@example.test`,
      password: 'correct horse battery staple',
      role: 'technician',
      allClients: false,
      clientIds: [],
    }),
  },
  'GET /users/{id}': { target: 'user' },
  'PATCH /users/{id}': { target: 'user', body: () => ({ active: true }) },
  'GET /users/{id}/sessions': { target: 'user' },
  'DELETE /users/{id}/sessions': { target: 'user' },
  'DELETE /users/{id}/mfa': { target: 'user' },

  'GET /clients': { query: () => '?archived=any' },
  'POST /clients': { body: () => ({ name: unique('Client') }) },
  'GET /clients/{id}': { target: 'client' },
  'PATCH /clients/{id}': { target: 'client', body: () => ({ phone: '+44 20 7946 0000' }) },
  'GET /clients/{id}/sites': { target: 'client' },
  'POST /clients/{id}/sites': {
    target: 'client',
    body: () => ({ name: unique('Site'), timeZone: 'Europe/London' }),
  },
  'PATCH /sites/{id}': { target: 'site', body: () => ({ address: '1 High Street' }) },
  'DELETE /sites/{id}': {
    target: 'site',
    fresh: (call) =>
      make(call.world.staff.owner.session, 'POST', `/clients/${call.objects.client}/sites`, {
        name: unique('Site'),
        timeZone: 'Europe/London',
      }),
  },
  'GET /clients/{id}/contacts': { target: 'client', query: () => '?q=a' },
  'POST /clients/{id}/contacts': { target: 'client', body: () => ({ name: unique('Contact') }) },
  'GET /contacts/{id}': { target: 'contact' },
  'PATCH /contacts/{id}': { target: 'contact', body: () => ({ phone: '+44 20 7946 0001' }) },
  'DELETE /contacts/{id}': {
    target: 'contact',
    fresh: (call) =>
      make(call.world.staff.owner.session, 'POST', `/clients/${call.objects.client}/contacts`, {
        name: unique('Contact'),
      }),
  },

  'GET /assets': { query: () => '?archived=any' },
  // A client id in the body that is not yours is a 404 on the client, the same as a missing one.
  'POST /assets': {
    target: 'client',
    body: (o) => ({ clientId: o.client, siteId: o.site, type: 'laptop', name: unique('Asset') }),
  },
  'GET /assets/{id}': { target: 'asset' },
  'PATCH /assets/{id}': { target: 'asset', body: () => ({ criticality: 'high' }) },
  'GET /assets/{id}/inventory': { target: 'agentAsset' },
  'GET /assets/{id}/changes': { target: 'agentAsset' },
  'GET /asset-changes': {},
  'POST /asset-changes/{id}/judge': {
    target: 'assetChange',
    body: () => ({ outcome: 'routine', reason: 'An update the MSP scheduled' }),
  },
  'GET /assets/{id}/tickets': { target: 'asset' },
  'GET /tickets/{id}/assets': { target: 'ticket' },
  'PUT /tickets/{id}/assets': { target: 'ticket', body: (o) => ({ assetIds: [o.asset] }) },

  // Change requests. A client id in the body that is not yours is a 404 on the client, like a missing one.
  // Decisions move a request on for good, so each acts on a fresh one in the state it starts from.
  'GET /change-requests': {},
  'POST /change-requests': { target: 'client', body: (o) => changeRequestBody(o.client, o.asset) },
  'GET /change-requests/{id}': { target: 'changeRequest' },
  'POST /change-requests/{id}/approve': { target: 'changeRequest', fresh: (call) => freshChange(call, []) },
  'POST /change-requests/{id}/reject': {
    target: 'changeRequest',
    fresh: (call) => freshChange(call, []),
    body: () => ({ reason: 'Clashes with month end' }),
  },
  'POST /change-requests/{id}/start': {
    target: 'changeRequest',
    fresh: (call) => freshChange(call, ['approve']),
  },
  'POST /change-requests/{id}/complete': {
    target: 'changeRequest',
    fresh: (call) => freshChange(call, ['approve', 'start']),
  },
  'POST /change-requests/{id}/cancel': {
    target: 'changeRequest',
    fresh: (call) => freshChange(call, []),
    body: () => ({ reason: 'Postponed' }),
  },
  // The fixture's request is the MSP's own: the client has no say on it (409), but the route answers.
  'POST /change-requests/{id}/client-decision': {
    target: 'changeRequest',
    body: () => ({ decision: 'approve', name: 'Practice owner' }),
  },
  'POST /change-requests/{id}/approval-links': { target: 'changeRequest' },
  // An unknown link: 404 to everyone, signed in or not.
  'GET /public/change-approvals/{token}': { params: { token: 'unknown-link-token-0123456789' } },
  'POST /public/change-approvals/{token}': {
    params: { token: 'unknown-link-token-0123456789' },
    body: () => ({ decision: 'approve', name: 'Practice owner' }),
  },
  // The fixture's ticket has no vendor: 409, but the route answers.
  'POST /tickets/{id}/vendor-reply-links': { target: 'ticket' },
  'GET /public/vendor-replies/{token}': { params: { token: 'unknown-link-token-0123456789' } },
  'POST /public/vendor-replies/{token}': {
    params: { token: 'unknown-link-token-0123456789' },
    body: () => ({ name: 'Vendor tech', text: 'We did it' }),
  },
  'GET /clients/{id}/change-calendar': { target: 'client' },
  'POST /clients/{id}/change-calendar': { target: 'client' },
  'DELETE /clients/{id}/change-calendar': { target: 'client' },

  // Vendors. The vendor is the organization's, so Beta's engagement is reached through the body's client.
  'GET /vendors': { query: () => '?archived=any' },
  'POST /vendors': { body: () => ({ name: unique('Vendor'), products: ['Dentrix'] }) },
  'GET /vendors/{id}': { target: 'vendor' },
  'GET /vendors/{id}/users': { target: 'vendor' },
  'POST /vendors/{id}/users': {
    target: 'vendor',
    body: () => ({ name: 'Vendor tech', email: `${unique('vendor').replace(' ', '-')}@example.test` }),
  },
  'PATCH /vendor-users/{id}': { target: 'vendorUser', body: () => ({ active: true }) },
  'POST /vendor-users/{id}/invitation': { target: 'vendorUser' },
  'GET /public/invitations/{token}': { params: { token: 'unknown-link-token-0123456789' } },
  'POST /public/invitations/{token}': {
    params: { token: 'unknown-link-token-0123456789' },
    body: () => ({ password: 'a long enough password' }),
  },
  'GET /clients/{id}/portal-users': { target: 'client' },
  // The contact has a portal user already: 409 for whoever may ask.
  'POST /clients/{id}/portal-users': {
    target: 'client',
    body: (x) => ({ contactId: x.contact, role: 'client_user' }),
  },
  'PATCH /client-users/{id}': { target: 'clientUser', body: () => ({ role: 'client_user' }) },
  'POST /client-users/{id}/invitation': { target: 'clientUser' },

  'GET /portal': {},
  'GET /portal/tickets': { query: () => '?state=all' },
  'POST /portal/tickets': { body: () => ({ title: 'The printer is jammed' }) },
  'GET /portal/tickets/{id}': { target: 'ticket' },
  'POST /portal/tickets/{id}/replies': { target: 'ticket', body: () => ({ body: 'Thanks, that fixed it.' }) },
  'GET /portal/agreements': {},
  'GET /portal/agreements/{id}/sla-statements': { target: 'agreement' },
  'GET /portal/agreements/{id}/sla-statements/{month}': {
    target: 'agreement',
    params: { month: '2021-03' },
  },
  'GET /portal/agreements/{id}/sla-statements/{month}/pdf': {
    target: 'agreement',
    params: { month: '2021-03' },
  },
  'GET /portal/invoices': {},
  'GET /portal/invoices/{id}': { target: 'issuedInvoice' },
  'GET /portal/invoices/{id}/pdf': { target: 'issuedInvoice' },
  'GET /portal/change-requests': {},
  // The request does not ask the client's approval: 409 for the company's person.
  'POST /portal/change-requests/{id}/decision': {
    target: 'changeRequest',
    body: () => ({ decision: 'reject', reason: 'Not during month end' }),
  },
  'GET /portal/vendors': {},
  'GET /portal/remediation-plans': {},
  'POST /portal/remediation-plans': {
    body: () => ({ title: 'Slow answers', concern: 'Three P1s waited over an hour this month.' }),
  },
  'GET /portal/remediation-plans/{id}': { target: 'remediationPlan' },
  // The MSP answers the client's concern: 409 for the company's person.
  'POST /portal/remediation-plans/{id}/response': {
    target: 'remediationPlan',
    body: () => remediationResponse,
  },
  'PATCH /portal/remediation-items/{id}': { target: 'remediationItem', body: () => ({ status: 'done' }) },
  // The time box runs until later: 409.
  'POST /portal/remediation-plans/{id}/decision': {
    target: 'remediationPlan',
    body: () => ({ decision: 'continue', reason: 'Much better lately' }),
  },
  'GET /portal/remediation-plans/{id}/letter.pdf': { target: 'remediationPlan' },
  'GET /portal/export': {},

  'GET /remediation-plans': { query: () => '?state=all' },
  'POST /remediation-plans': {
    body: (x) => ({
      clientId: x.client,
      direction: 'client_to_msp',
      title: 'Slow answers',
      concern: 'Three late P1s.',
    }),
  },
  'GET /remediation-plans/{id}': { target: 'remediationPlan' },
  // Answered already: 409.
  'POST /remediation-plans/{id}/response': { target: 'remediationPlan', body: () => remediationResponse },
  'PATCH /remediation-items/{id}': {
    target: 'remediationItem',
    body: () => ({ status: 'open', note: 'Under way' }),
  },
  'POST /remediation-plans/{id}/recommendation': {
    target: 'vendorPlan',
    body: () => ({ decision: 'terminate', reason: 'Two more outages' }),
  },
  'POST /remediation-plans/{id}/decision': {
    target: 'remediationPlan',
    body: () => ({ decision: 'continue', reason: 'Much better lately' }),
  },
  // Not terminated, so no checklist: 409.
  'PUT /remediation-plans/{id}/handover/{key}': {
    target: 'remediationPlan',
    params: { key: 'credentials' },
    body: () => ({ done: true }),
  },
  'GET /remediation-plans/{id}/letter.pdf': { target: 'remediationPlan' },
  'GET /clients/{id}/export': { target: 'client' },

  'GET /vendor-portal/engagements/{id}/rules': { target: 'engagement' },
  'POST /vendor-portal/engagements/{id}/acknowledgement': { target: 'engagement' },
  'GET /vendor-portal/loas/{id}/signed-copy': { target: 'loa' },
  'GET /vendor-portal/assets': { target: 'client', query: (o) => `?clientId=${o.client}` },
  'GET /vendor-portal/change-requests/{id}': { target: 'vendorRequest' },
  'POST /vendor-portal/change-requests': {
    target: 'client',
    body: (o) => changeRequestBody(o.client, o.asset),
  },
  'POST /vendor-portal/change-requests/{id}/withdraw': {
    target: 'vendorRequest',
    body: () => ({ reason: 'Withdrawn' }),
    fresh: ({ world, objects }) =>
      make(world.a.owner, 'POST', '/change-requests', {
        ...changeRequestBody(objects.client, objects.asset),
        vendorId: objects.vendor,
      }),
  },
  'GET /vendor-portal/remediation-plans': {},
  'GET /vendor-portal/remediation-plans/{id}': { target: 'vendorPlan' },
  // Answered already (staff recorded the vendor's item): 409.
  'POST /vendor-portal/remediation-plans/{id}/response': {
    target: 'vendorPlan',
    body: () => remediationResponse,
  },
  'PATCH /vendor-portal/remediation-items/{id}': {
    target: 'vendorPlanItem',
    body: () => ({ status: 'done' }),
  },
  'POST /vendor-portal/incidents/{id}/reply': {
    target: 'vendorIncident',
    body: () => ({ text: 'Our reply' }),
  },
  'PATCH /vendors/{id}': { target: 'vendor', body: () => ({ supportPhone: '+44 20 7946 0100' }) },
  'GET /vendors/{id}/engagements': { target: 'vendor', query: () => '?archived=any' },
  'POST /vendors/{id}/engagements': {
    target: 'vendor',
    body: (o) => ({ clientId: o.client, product: unique('Product') }),
  },
  'GET /engagements': { query: () => '?archived=any' },
  'GET /engagements/{id}': { target: 'engagement' },
  'PATCH /engagements/{id}': { target: 'engagement', body: () => ({ renewsOn: '2027-01-31' }) },
  'POST /engagements/{id}/accounts': {
    target: 'engagement',
    body: () => ({ kind: 'remote_tool', identifier: unique('tool') }),
  },
  'DELETE /vendor-accounts/{id}': {
    target: 'vendorAccount',
    fresh: (call) =>
      make(call.world.staff.owner.session, 'POST', `/engagements/${call.objects.engagement}/accounts`, {
        kind: 'os_user',
        identifier: unique('account'),
      }),
  },
  // Letters of Agency: the fixture's letter is signed, so editing, sending or signing it again answers
  // 409 — past the permission and scope checks, which is what the matrix asks.
  'GET /loas': {},
  'POST /engagements/{id}/loas': { target: 'engagement', body: () => ({ signerName: 'Dr. Patel' }) },
  'GET /loas/{id}': { target: 'loa' },
  'PATCH /loas/{id}': { target: 'loa', body: () => ({ signerTitle: 'Practice owner' }) },
  'POST /loas/{id}/send': { target: 'loa', body: () => ({ sentTo: 'owner@client.example' }) },
  'POST /loas/{id}/signed': { target: 'loa', body: () => signedCopyForm('Dr. Patel') },
  'POST /loas/{id}/revoke': { target: 'loa', body: () => ({ reason: 'The client changed vendors' }) },
  'GET /loas/{id}/letter.pdf': { target: 'loa' },
  'GET /loas/{id}/signed-copy': { target: 'loa' },
  'GET /engagement-rules': {},
  'POST /engagement-rules': { body: () => ({ text: unique('Rules') }) },
  'GET /clients/{id}/engagement-rules': { target: 'client' },
  'POST /clients/{id}/engagement-rules': { target: 'client', body: () => ({ text: unique('Addendum') }) },
  'GET /engagements/{id}/rules': { target: 'engagement' },
  'POST /engagements/{id}/acknowledgements': { target: 'engagement', body: () => ({ name: 'Vendor tech' }) },
  'POST /engagements/{id}/acknowledgement-links': { target: 'engagement' },
  // An unknown link: 404 to everyone, signed in or not.
  'GET /public/acknowledgements/{token}': { params: { token: 'unknown-link-token-0123456789' } },
  'POST /public/acknowledgements/{token}': {
    params: { token: 'unknown-link-token-0123456789' },
    body: () => ({ name: 'Vendor tech', agree: true }),
  },
  'GET /vendor-notices': {},
  'POST /vendor-notices': {
    target: 'client',
    body: (o) => ({ clientId: o.client, vendorId: o.vendor, text: unique('Notice') }),
  },
  'GET /vendor-notices/{id}': { target: 'vendorNotice' },
  'POST /vendor-notices/{id}/withdraw': {
    target: 'vendorNotice',
    body: () => ({ reason: 'Given by mistake' }),
  },
  'GET /vendor-notices/{id}/letter.pdf': { target: 'vendorNotice' },
  'GET /vendors/{id}/scorecard': { target: 'vendor' },
  // Coverage holds: the first call puts the agent's asset on hold; later ones answer 409 past the checks.
  'GET /coverage-holds': {},
  'POST /coverage-holds': {
    target: 'client',
    body: (o) => ({ assetId: o.agentAsset, vendorId: o.vendor, reason: unique('Hold'), conditions: {} }),
  },
  'GET /coverage-holds/{id}': { target: 'coverageHold' },
  'POST /coverage-holds/{id}/lift': {
    target: 'coverageHold',
    body: () => ({ reason: 'The vendor signed up' }),
  },
  'GET /coverage-holds/{id}/letter.pdf': { target: 'coverageHold' },
  'GET /routine-actors': {},
  'POST /routine-actors': { body: () => ({ actor: unique('updater') }) },
  'DELETE /routine-actors/{id}': {
    target: 'routineActor',
    fresh: (call) =>
      make(call.world.staff.owner.session, 'POST', '/routine-actors', { actor: unique('updater') }),
  },

  // Agents: agents.manage. Revoking twice answers the same, so the fixture's objects serve every call.
  'GET /enrollment-tokens': {},
  'POST /enrollment-tokens': { target: 'client', body: (o) => ({ clientId: o.client, siteId: o.site }) },
  'POST /enrollment-tokens/{id}/revoke': { target: 'enrollmentToken' },
  'GET /agents': {},
  'POST /agents/{id}/revoke': { target: 'agent' },

  'GET /calendars': {},
  'POST /calendars': { body: () => calendarBody },
  'GET /calendars/{id}': { target: 'calendar' },
  'PUT /calendars/{id}': {
    target: 'calendar',
    body: () => ({ ...calendarBody, name: 'Calendar (tenant A)' }),
  },
  'GET /calendars/{id}/versions': { target: 'calendar' },
  'GET /calendars/{id}/due': { target: 'calendar', query: () => `?from=${past}&minutes=60` },
  'GET /calendars/{id}/business-minutes': {
    target: 'calendar',
    query: () => `?from=${past}&to=2026-01-06T10:00:00Z`,
  },
  'GET /sla-policies': {},
  // A calendar id in the body that is not yours is a 400 on calendarId, the same as a missing one.
  'POST /sla-policies': {
    target: 'calendar',
    hiddenStatus: 400,
    body: (o) => ({ name: unique('Policy'), calendarId: o.calendar, targets: slaTargets() }),
  },
  'GET /sla-policies/{id}': { target: 'slaPolicy' },
  'PUT /sla-policies/{id}': {
    target: 'slaPolicy',
    body: (_o, call) => ({
      name: 'Policy (tenant A)',
      calendarId: call.world.a.own.calendar,
      targets: slaTargets(),
    }),
  },
  'GET /sla-policies/{id}/versions': { target: 'slaPolicy' },

  'GET /boards': {},
  'GET /tickets': { query: () => '?limit=200' },
  'POST /tickets': {
    target: 'client',
    body: (o) => ({ clientId: o.client, title: 'Printer offline', priority: 'P3' }),
  },
  'POST /tickets/import': {
    target: 'client',
    body: (o) => ({
      externalId: unique('ext'),
      clientId: o.client,
      title: 'Imported',
      priority: 'P3',
      events: [{ type: 'created', at: past }],
    }),
  },
  'POST /tickets/bulk': {
    target: 'ticket',
    hiddenStatus: 422,
    body: (o) => ({ ticketIds: [o.ticket], action: { type: 'status', status: 'open' } }),
  },
  'GET /tickets/{id}': { target: 'ticket' },
  'PATCH /tickets/{id}': { target: 'ticket', body: () => ({ type: 'incident' }) },
  'POST /tickets/{id}/replies': { target: 'ticket', body: () => ({ body: 'We are on it.' }) },
  'POST /tickets/{id}/notes': { target: 'ticket', body: () => ({ body: 'Checked the spooler.' }) },
  'POST /tickets/{id}/calls': { target: 'ticket', body: () => ({ channel: 'call' }) },
  'POST /tickets/{id}/assign': { target: 'ticket', body: () => ({ assigneeId: null }) },
  'POST /tickets/{id}/status': { target: 'ticket', body: () => ({ status: 'open' }) },
  'POST /tickets/{id}/priority': { target: 'ticket', body: () => ({ priority: 'P2' }) },

  'GET /notifications': { query: () => '?unread=true' },
  'GET /notifications/unread-count': {},
  'POST /notifications/read-all': {},
  'POST /notifications/{id}/read': {
    target: 'notification',
    fresh: (call) =>
      call.world.notificationOf(call.target === 'own' ? me(call) : call.world.a.subject.session),
  },
  'GET /notification-preferences': {},
  'PUT /notification-preferences': {
    body: () => ({ items: [{ type: 'ticket.created', channel: 'in_app' }] }),
  },
  'GET /ticket-views': {},
  'POST /ticket-views': { body: () => ({ name: unique('View'), query: 'sort=due' }) },
  'DELETE /ticket-views/{id}': {
    target: 'view',
    // A portal's person has no views (no staff queue to read): it is asked to delete the owner's.
    fresh: (call) =>
      make(
        call.target === 'own' && !isPortalRole(call.role) ? me(call) : call.world.a.subject.session,
        'POST',
        '/ticket-views',
        {
          name: unique('View'),
          query: 'sort=due',
        },
      ),
  },
  'GET /assignees': {},
  'GET /settings/tickets': {},
  'PATCH /settings/tickets': { body: () => ({}) },

  'GET /work-types': { query: () => '?archived=true' },
  'POST /work-types': { body: () => ({ name: unique('Work type') }) },
  'PATCH /work-types/{id}': { target: 'workType', body: () => ({ name: 'Work type (tenant A)' }) },
  'GET /tickets/{id}/time-entries': { target: 'ticket' },
  'POST /tickets/{id}/time-entries': {
    target: 'ticket',
    body: (_o, call) => timeEntryBody(call.world.a.own.workType),
  },
  'PATCH /time-entries/{id}': { target: 'timeEntry', body: () => ({ minutes: 20 }), fresh: freshEntry },
  'DELETE /time-entries/{id}': { target: 'timeEntry', fresh: freshEntry },
  'GET /time-entries/{id}/history': { target: 'timeEntry' },
  'POST /tickets/{id}/time-entries/classify': {
    target: 'ticket',
    body: (_o, call) => timeEntryBody(call.world.a.own.workType),
  },
  'PUT /time-entries/{id}/billing': {
    target: 'timeEntry',
    body: () => ({ override: { outcome: 'absorbed', reason: 'Goodwill' } }),
  },

  'GET /tax-codes': { query: () => '?archived=any' },
  'POST /tax-codes': { body: () => ({ name: unique('Tax code'), rateBasisPoints: 500 }) },
  'GET /tax-codes/{id}': { target: 'taxCode' },
  'PATCH /tax-codes/{id}': { target: 'taxCode', body: () => ({ description: 'Changed' }) },
  'GET /catalog-items': { query: () => '?archived=any' },
  // A tax code id in the body that is not yours is a 400 on taxCodeId, the same as a missing one.
  'POST /catalog-items': {
    target: 'taxCode',
    hiddenStatus: 400,
    body: (o) => ({
      category: 'advisory',
      name: unique('Catalog item'),
      unit: 'hourly',
      priceCents: 100,
      taxCodeId: o.taxCode,
    }),
  },
  'POST /catalog-items/standard': {},
  'GET /catalog-items/{id}': { target: 'catalogItem' },
  'PATCH /catalog-items/{id}': { target: 'catalogItem', body: () => ({ priceCents: 12000 }) },

  'GET /agreements': { query: () => '?status=any' },
  // A client id in the body that is not yours is a 404 on the client, the same as a missing one.
  'POST /agreements': {
    target: 'client',
    body: (o) => ({
      clientId: o.client,
      type: 'break_fix',
      name: unique('Agreement'),
      startsOn: '2026-01-01',
      hourlyRateCents: 100,
    }),
  },
  'GET /agreements/{id}': { target: 'agreement' },
  'GET /agreements/{id}/sla-statements': { target: 'agreement' },
  'GET /agreements/{id}/sla-statements/check': { target: 'agreement' },
  'GET /agreements/{id}/sla-statements/{month}': { target: 'agreement', params: { month: '2020-03' } },
  'GET /agreements/{id}/sla-statements/{month}/pdf': { target: 'agreement', params: { month: '2020-03' } },
  'POST /agreements/{id}/sla-statements/{month}/close': { target: 'agreement', params: { month: '2020-03' } },
  'POST /service-credits/{id}/dispute': {
    target: 'serviceCredit',
    body: () => ({ exclusion: 'client_caused', reason: 'The client asked us to wait' }),
  },
  'PUT /tickets/{id}/sla-explanations/{clock}': {
    target: 'ticket',
    params: { clock: 'resolution' },
    body: () => ({ text: 'Waiting on a part' }),
  },
  'PATCH /agreements/{id}': { target: 'agreement', body: () => ({ roundingMinutes: 15 }) },
  'DELETE /agreements/{id}': {
    target: 'agreement',
    fresh: (call) =>
      make(call.world.staff.owner.session, 'POST', '/agreements', {
        clientId: call.objects.client,
        type: 'break_fix',
        name: unique('Agreement'),
        startsOn: '2026-01-01',
        hourlyRateCents: 100,
      }),
  },
  'GET /invoices': { query: () => '?period=2026-02' },
  // A client id in the body that is not yours is refused as no such client.
  'POST /invoices/runs': {
    target: 'client',
    hiddenStatus: 400,
    body: (o) => ({ period: '2026-02', clientIds: [o.client] }),
  },
  'GET /invoices/{id}': { target: 'invoice' },
  'GET /invoices/{id}/pdf': { target: 'invoice' },
  'GET /invoices/export': { query: () => '?period=2026-02&format=plain' },
  'POST /invoices/{id}/rebuild': { target: 'invoice' },
  // A count the draft does not show: answered 409, nothing approved.
  'POST /invoices/{id}/approve-counts': {
    target: 'invoice',
    body: () => ({ changes: [{ agreementLineId: '0190f0f0-0000-7000-8000-000000000000', quantity: 1 }] }),
  },
  // Finalizing locks time and deleting removes the draft, so they act on a draft of a month of their own.
  'POST /invoices/{id}/finalize': { target: 'invoice', fresh: (call) => freshInvoice(call, false) },
  'DELETE /invoices/{id}': { target: 'invoice', fresh: (call) => freshInvoice(call, false) },
  'POST /invoices/{id}/void': {
    target: 'invoice',
    fresh: (call) => freshInvoice(call, true),
    body: () => ({ reason: 'Issued in error' }),
  },
  // A line the invoice does not have: answered 400, nothing credited.
  'POST /invoices/{id}/credit-notes': {
    target: 'invoice',
    fresh: (call) => freshInvoice(call, true),
    body: () => ({
      reason: 'Goodwill',
      lines: [{ invoiceLineId: '0190f0f0-0000-7000-8000-000000000000', amountCents: 1 }],
    }),
  },
  'GET /credit-notes': { query: () => '?period=2026-02' },
  'GET /credit-notes/{id}': { target: 'creditNote' },
  'GET /credit-notes/{id}/pdf': { target: 'creditNote' },
  'GET /credit-notes/export': { query: () => '?period=2026-02&format=plain' },
  'GET /billing/settings': {},
  'PATCH /billing/settings': { body: () => ({ paymentTermsDays: 30 }) },
  'GET /profitability': { query: () => '?from=2026-01&to=2026-03' },
  'GET /profitability/clients/{id}': { target: 'client', query: () => '?from=2026-01&to=2026-03' },
  'GET /profitability/clients/{id}/entries': { target: 'client', query: () => '?period=2026-02' },
  'GET /cost-rates': {},
  // A member id in the body that is not yours is refused as no such member, the same as a missing one.
  'POST /cost-rates': {
    target: 'user',
    hiddenStatus: 400,
    body: (o) => ({ membershipId: o.user, effectiveFrom: freshDate(), hourlyCostCents: 5_000 }),
  },
  'DELETE /cost-rates/{id}': {
    target: 'costRate',
    fresh: (call) =>
      make(call.world.staff.owner.session, 'POST', '/cost-rates', {
        membershipId: call.world.a.own.user,
        effectiveFrom: freshDate(),
        hourlyCostCents: 5_000,
      }),
  },
  'GET /work-roles': {},
  'POST /work-roles': { body: () => ({ name: unique('Work role') }) },
  'PATCH /work-roles/{id}': { target: 'workRole', body: () => ({ position: 5 }) },
  'GET /work-roles/assignments': {},
  'PUT /users/{id}/work-role': { target: 'user', body: () => ({ workRoleId: null }) },

  'GET /sso-providers': {},
  'POST /sso-providers': { body: ssoProviderBody },
  'GET /sso-providers/{id}': { target: 'ssoProvider' },
  'PATCH /sso-providers/{id}': { target: 'ssoProvider', body: () => ({ name: 'SSO (tenant A)' }) },
  'DELETE /sso-providers/{id}': {
    target: 'ssoProvider',
    fresh: (call) => make(call.world.staff.owner.session, 'POST', '/sso-providers', ssoProviderBody()),
  },

  'GET /security-events': { query: () => '?action=auth.' },

  'GET /settings/mail': {},
  // A loopback relay nobody listens on: saved, never contacted.
  'PUT /settings/mail': { body: () => mailSettingsBody },
  'DELETE /settings/mail': {},
  // Answers 409 (not set up) or 502 (nothing listening): either way no mail leaves the test.
  'POST /settings/mail/test': {},
  'GET /email-templates': {},
  'GET /email-templates/{key}': { params: { key: 'ticket.created' } },
  'PUT /email-templates/{key}': { params: { key: 'ticket.created' }, body: () => templateBody },
  'DELETE /email-templates/{key}': { params: { key: 'ticket.created' } },
  'POST /email-templates/{key}/preview': { params: { key: 'ticket.created' }, body: () => templateBody },
  'GET /outbound-emails': { query: () => '?status=queued' },
  'POST /outbound-emails/{id}/retry': { target: 'outboundEmail' },

  'GET /mailboxes': {},
  'POST /mailboxes': { body: () => mailboxBody() },
  'GET /mailboxes/{id}': { target: 'mailbox' },
  'PUT /mailboxes/{id}': {
    target: 'mailbox',
    body: () => ({
      name: unique('Mailbox'),
      address: `renamed-${randomBytes(4).toString('hex')}@example.test`,
      kind: 'smtp',
    }),
  },
  'DELETE /mailboxes/{id}': {
    target: 'mailbox',
    fresh: (call) => make(call.world.staff.owner.session, 'POST', '/mailboxes', mailboxBody()),
  },
  'POST /mailboxes/{id}/test': { target: 'mailbox' },
  'POST /mailboxes/{id}/poll': { target: 'mailbox' },
  'GET /inbound-emails': {},
  'GET /inbound-emails/{id}': { target: 'inboundEmail' },
  'GET /inbound-emails/{id}/raw': { target: 'inboundEmail' },
  'POST /inbound-emails/{id}/create-ticket': {
    target: 'inboundEmail',
    body: (o) => ({ clientId: o.client }),
    fresh: (call) => freshTriageMail(call),
  },
  'POST /inbound-emails/{id}/attach': {
    target: 'inboundEmail',
    body: (o) => ({ ticketId: o.ticket }),
    fresh: (call) => freshTriageMail(call),
  },
  'POST /inbound-emails/{id}/dismiss': { target: 'inboundEmail', fresh: (call) => freshTriageMail(call) },
  'GET /tickets/{id}/attachments': { target: 'ticket' },
  'GET /attachments/{id}': { target: 'attachment' },
};

const mailboxBody = () => ({
  name: unique('Mailbox'),
  address: `mailbox-${randomBytes(4).toString('hex')}@example.test`,
  kind: 'smtp',
});

/** Triage actions place their mail for good: each call gets a new one in the target's tenant. */
const freshTriageMail = (call: Call) =>
  call.world.triageMail(call.objects.tenantId, call.objects.mailbox, unique('Mail'));

const mailSettingsBody = {
  smtpHost: '127.0.0.1',
  smtpPort: 9,
  smtpSecurity: 'none',
  smtpAuth: 'none',
  fromAddress: 'help@example.test',
  fromName: 'Help desk',
};

const templateBody = {
  subject: '[#{{ticket.number}}] {{ticket.title}}',
  textBody: 'Hello {{recipient.name}}',
  htmlBody: '<p>Hello {{recipient.name}}</p>',
};

/** A change request on the call's client's asset, taken through `actions` by the owner. */
async function freshChange(call: Call, actions: string[]): Promise<string> {
  const owner = call.world.staff.owner.session;
  const id = await make(
    owner,
    'POST',
    '/change-requests',
    changeRequestBody(call.objects.client, call.objects.asset),
  );
  for (const action of actions) await make(owner, 'POST', `/change-requests/${id}/${action}`, {});
  return id;
}

/** Signs the member in once more and returns that new session's id (not the one `session` uses). */
async function otherSessionOf(session: Session): Promise<string> {
  const login = await session.json('POST', '/auth/login', {
    email: session.email,
    password: 'correct horse battery staple',
  });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  const list = await session.json('GET', '/auth/sessions');
  const other = list.body.items.find((s: { current: boolean }) => !s.current);
  expect(other, JSON.stringify(list.body)).toBeDefined();
  return other.id;
}

/** A disabled provider for a fresh domain (an enabled one's domain may not be taken twice). */
function ssoProviderBody() {
  return {
    kind: 'oidc',
    name: unique('SSO'),
    issuer: 'https://idp.example.com',
    clientId: 'client',
    clientSecret: 'a client secret',
    emailDomains: [`sso-${randomBytes(4).toString('hex')}.test`],
    enabled: false,
  };
}

function slaTargets() {
  const target = { firstResponseMinutes: 60, resolutionMinutes: 480 };
  return { P1: target, P2: target, P3: target, P4: target };
}

/** Your own entry on Alpha's ticket; on Beta's ticket, the owner's. */
function freshEntry(call: Call): Promise<string> {
  const author = call.target === 'own' && works(call.role) ? me(call) : call.world.staff.owner.session;
  return make(
    author,
    'POST',
    `/tickets/${call.objects.ticket}/time-entries`,
    timeEntryBody(call.world.a.own.workType),
  );
}

export async function freshSessionOf(call: Call, t: Parameters<typeof signIn>[0]): Promise<Session> {
  return call.actor.email ? signIn(t, call.actor.email) : call.actor;
}
