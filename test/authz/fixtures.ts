// Fixtures for the authorization matrix: two tenants built through the API, staff for every role,
// and in tenant B a canary string in every text field so leaks across tenants are visible.
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { insertAttachment } from '../../src/server/modules/files/index.ts';
import { totpCode, totpStep } from '../../src/server/modules/identity/totp.ts';
import { domainEvents, notifications } from '../../src/server/modules/notifications/notifications.table.ts';
import { TEST_PASSWORD, uniqueEmail } from '../http.ts';
import { plainMail } from '../inbound-mails.ts';
import { inventoryReport } from '../inventory-report.ts';

/** A date inside a new plan's time box. */
export const inTwentyDays = () => new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);

/** Staff of every role, a vendor's person (of the vendor engaged at Alpha), Alpha's company admin, and no one. */
export const roles = [
  'owner',
  'admin',
  'dispatcher',
  'technician',
  'billing',
  'vendor',
  'client',
  'anonymous',
] as const;
export type Role = (typeof roles)[number];
export type StaffRole = Exclude<Role, 'anonymous' | 'vendor' | 'client'>;

export type TestApp = Awaited<ReturnType<typeof import('../http.ts').startTestApp>>;

export interface RawResponse {
  status: number;
  text: string;
}

/** A signed-in session (or none): requests take the full URL path, so tests can send odd paths. */
export interface Session {
  email: string | null;
  /** The whole response, for its headers (a new session cookie). */
  request(method: string, path: string, body?: unknown): Promise<Response>;
  send(method: string, path: string, body?: unknown): Promise<RawResponse>;
  json(method: string, apiPath: string, body?: unknown): Promise<{ status: number; body: Json }>;
}

// biome-ignore lint/suspicious/noExplicitAny: fixtures read ids out of response bodies
type Json = any;

/** Every object kind a route takes an id for, as seen from one target. */
export interface Objects {
  tenantId: string;
  client: string;
  site: string;
  contact: string;
  /** The client's asset (at its site). */
  asset: string;
  /** An enrollment token for the client (one of its two uses spent on `agent`). */
  enrollmentToken: string;
  /** An agent enrolled at the client, with its own asset. */
  agent: string;
  /** The agent's asset, which has reported an inventory (with a change between two reports). */
  agentAsset: string;
  /** That change (a package installed, nobody's: unattributed). */
  assetChange: string;
  ticket: string;
  timeEntry: string;
  calendar: string;
  slaPolicy: string;
  user: string;
  apiToken: string;
  /** A signed-in session's id (GET /auth/sessions), for the session routes. */
  session: string;
  view: string;
  workType: string;
  ssoProvider: string;
  /** One of the member's own notifications (the owner's in the fixture). */
  notification: string;
  /** A queued message in the outbound mail log. */
  outboundEmail: string;
  mailbox: string;
  /** A received mail waiting in triage. */
  inboundEmail: string;
  /** A file on the target's ticket. */
  attachment: string;
  taxCode: string;
  catalogItem: string;
  /** The client's agreement (each client has one). */
  agreement: string;
  /** A credit proposed under the agreement's penalty schedule for a late P1 in March 2021. */
  serviceCredit: string;
  workRole: string;
  /** The client's draft invoice for February 2026 (its time entry, in arrears). */
  invoice: string;
  /** The client's finalized invoice for January 2010 (a project's fixed fee). */
  issuedInvoice: string;
  /** A contact of the client's invited to the client portal as a user (the invitation not yet accepted). */
  clientUser: string;
  /** The client's concern about the MSP, filed by staff and answered with one item. */
  remediationPlan: string;
  remediationItem: string;
  /** A credit note against the client's finalized invoice for January 2010 (a project's fixed fee). */
  creditNote: string;
  /** A cost rate of the member no test acts as. */
  costRate: string;
  /** A vendor of the tenant's engaged at the client (Alpha's and Beta's are two vendors). */
  vendor: string;
  /** The vendor's engagement at the client. */
  engagement: string;
  /** An account on that engagement. */
  vendorAccount: string;
  /** A signed Letter of Agency for that engagement. */
  loa: string;
  /** A notice to the client about the vendor, citing the client's ticket. */
  vendorNotice: string;
  /** A coverage hold on the client's asset because of the vendor. */
  coverageHold: string;
  routineActor: string;
  /** A requested change to the client's asset, a day from now. */
  changeRequest: string;
  /** A person of the vendor's, invited to the vendor portal (the invitation not yet accepted). */
  vendorUser: string;
  /** The vendor's own requested change to the client's asset (it acknowledged the rules). */
  vendorRequest: string;
  /** The MSP's remediation plan about the vendor at the client, with one item. */
  vendorPlan: string;
  vendorPlanItem: string;
  /** The incident the vendor's change outside a window opened on the agent's asset. */
  vendorIncident: string;
}

export function session(t: TestApp, email: string | null, cookie?: string, csrf?: string): Session {
  function request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (csrf) headers['x-csrf-token'] = csrf;
    // Form data (an upload) sets its own multipart content type; anything else goes as JSON.
    const isForm = body instanceof FormData;
    if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
    // An absolute URL keeps the path as sent (app.request would merge a leading "//").
    const url = /^https?:/.test(path) ? path : `http://localhost${path}`;
    const payload = body === undefined ? undefined : isForm ? body : JSON.stringify(body);
    return Promise.resolve(t.app.request(url, { method, headers, body: payload }));
  }
  async function send(method: string, path: string, body?: unknown): Promise<RawResponse> {
    const response = await request(method, path, body);
    return { status: response.status, text: await response.text() };
  }
  return {
    email,
    request,
    send,
    async json(method, apiPath, body) {
      const response = await send(method, `/api/v1${apiPath}`, body);
      return { status: response.status, body: response.text ? JSON.parse(response.text) : null };
    },
  };
}

/** A notification for the signed-in member, written as the dispatcher would (no ticket needed). */
/** A mail from a sender no client knows, received at the mailbox: an open triage item. */
export async function triageMailFor(t: TestApp, tenantId: string, mailboxId: string, subject: string) {
  const result = await t.services.receiver.receive(
    { tenantId, mailboxId, via: 'smtp', boardId: null, defaultPriority: 'P3' },
    { raw: plainMail({ from: `stranger-${randomBytes(4).toString('hex')}@nowhere.example`, subject }) },
  );
  if (result.outcome !== 'triage') throw new Error(`expected triage, got ${result.outcome}`);
  return result.id;
}

/** A text file on a ticket, as a mail reply would leave it. */
const fileOn = (t: TestApp, tenantId: string, ticketId: string, text: string) =>
  insertAttachment(t.handle.db, {
    tenantId,
    content: Buffer.from(text),
    fileName: 'notes.txt',
    contentType: 'text/plain',
    ticketId,
  });

export async function notificationFor(t: TestApp, member: Session): Promise<string> {
  const { tenantId, id: membershipId } = (await member.json('GET', '/auth/session')).body.membership;
  const [event] = await t.handle.db
    .insert(domainEvents)
    .values({ tenantId, type: 'ticket.created', occurredAt: new Date(), processedAt: new Date() })
    .returning();
  const [row] = await t.handle.db
    .insert(notifications)
    .values({
      tenantId,
      membershipId,
      eventId: event!.id,
      type: 'ticket.created',
      title: 'New ticket',
      body: 'A fixture notification',
      createdAt: new Date(),
    })
    .returning();
  return row!.id;
}

export async function signIn(t: TestApp, email: string): Promise<Session> {
  const response = await t.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login failed for ${email}: ${await response.text()}`);
  return sessionFrom(t, email, response, (await response.json()).csrfToken);
}

/** Sets up an authenticator for a signed-in session; answers the session that follows (new cookie). */
export async function enrollMfa(t: TestApp, pending: Session): Promise<Session> {
  const { secret } = await created(pending.json('POST', '/auth/mfa/totp/setup'));
  const confirm = await pending.request('POST', '/api/v1/auth/mfa/totp/confirm', {
    code: totpCode(secret, totpStep(new Date())),
  });
  expect(confirm.status, await confirm.clone().text()).toBe(200);
  return sessionFrom(t, pending.email!, confirm, (await confirm.json()).session.csrfToken);
}

/** A session from a response that set the session cookie (setup, sign-in, MFA). */
function sessionFrom(t: TestApp, email: string, response: Response, csrfToken: string): Session {
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  return session(t, email, cookie, csrfToken);
}

/**
 * First-run setup as a new owner meets it: the organization requires MFA, so the owner sets up an
 * authenticator before anything else. Then the fixture turns the rule and the owner's authenticator
 * off, so every role signs in with a password alone (matrix.test.ts sweeps a session waiting on MFA).
 */
async function setUpFirstOrganization(t: TestApp, account: Record<string, string>): Promise<Session> {
  const setup = await t.app.request('/api/v1/setup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  const setupBody = await setup.json();
  expect(setupBody.mfaPending).toBe('enroll');
  const owner = await enrollMfa(t, sessionFrom(t, account.email!, setup, setupBody.csrfToken));
  await created(owner.json('PATCH', '/settings/security', { mfaRequiredForStaff: false }));
  await created(owner.json('POST', '/auth/mfa/disable', { password: account.password }));
  return owner;
}

async function created(promise: Promise<{ status: number; body: Json }>): Promise<Json> {
  const response = await promise;
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  return response.body;
}

const office = (name: string) => {
  const hours: [string, string][] = [['09:00', '17:00']];
  return {
    name,
    timeZone: 'Europe/London',
    weeklyHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] },
    holidays: [] as string[],
  };
};
const targets = (calendarId: string) => {
  const target = { firstResponseMinutes: 60, resolutionMinutes: 480, calendarId };
  return { P1: target, P2: target, P3: target, P4: target };
};

/** Makes one client with a site, contact and ticket (with a reply, a note and a time entry). */
async function clientWithTicket(
  t: TestApp,
  owner: Session,
  text: (field: string) => string,
  workTypeId: string,
  slaPolicyId: string,
) {
  const client = await created(
    owner.json('POST', '/clients', {
      name: text('Client'),
      notes: text('notes'),
      phone: text('phone').slice(0, 50),
      website: text('website'),
    }),
  );
  const site = await created(
    owner.json('POST', `/clients/${client.id}/sites`, {
      name: text('Site'),
      timeZone: 'Europe/London',
      address: text('address'),
    }),
  );
  const contact = await created(
    owner.json('POST', `/clients/${client.id}/contacts`, {
      name: text('Contact'),
      title: text('title'),
      phone: text('phone').slice(0, 50),
      email: `${text('mail')
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '-')}@example.test`,
      siteId: site.id,
    }),
  );
  const asset = await created(
    owner.json('POST', '/assets', {
      clientId: client.id,
      siteId: site.id,
      type: 'server',
      name: text('Asset'),
      serial: text('serial').slice(0, 100),
      hostname: text('hostname').slice(0, 253),
      os: text('os').slice(0, 100),
      osVersion: text('os version').slice(0, 100),
      notes: text('asset notes'),
    }),
  );
  const changeRequest = await created(
    owner.json('POST', '/change-requests', changeRequestBody(client.id, asset.id, text)),
  );
  const enrollmentToken = await created(
    owner.json('POST', '/enrollment-tokens', { clientId: client.id, siteId: site.id, maxUses: 2 }),
  );
  const enrolled = await owner.request('POST', '/agent/v1/enroll', {
    token: enrollmentToken.token,
    hostname: text('agent host').slice(0, 255),
    os: 'Debian GNU/Linux',
    osVersion: '12',
  });
  expect(enrolled.status, await enrolled.clone().text()).toBe(201);
  const agent = await enrolled.json();
  // Two reports, the second with one package more: an inventory and a change to read.
  for (const [index, packageCount] of [3, 4].entries()) {
    const report = inventoryReport({
      packageCount,
      collectedAt: new Date(Date.now() - (2 - index) * 60_000).toISOString(),
    });
    report.state.software![0]!.name = fixturePackage(text);
    const answer = await t.app.request('/agent/v1/inventory', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${agent.credential}`,
        'idempotency-key': `authz-report-${index}-${randomUUID()}`,
      },
      body: JSON.stringify(report),
    });
    expect(answer.status, await answer.clone().text()).toBe(200);
  }
  const [assetChange] = (await owner.json('GET', `/assets/${agent.assetId}/changes`)).body.items;
  // The client's only agreement, so its ticket (and the ticket's time) is under it.
  const agreement = await created(
    owner.json('POST', '/agreements', {
      clientId: client.id,
      type: 'break_fix',
      name: text('Agreement'),
      startsOn: '2020-01-01',
      hourlyRateCents: 15000,
      notes: text('agreement notes'),
    }),
  );
  const ticket = await created(
    owner.json('POST', '/tickets', {
      clientId: client.id,
      title: text('Ticket'),
      description: text('description'),
      priority: 'P3',
      contactId: contact.id,
      subType: text('subtype').slice(0, 100),
    }),
  );
  await created(owner.json('POST', `/tickets/${ticket.id}/replies`, { body: text('reply') }));
  await created(owner.json('POST', `/tickets/${ticket.id}/notes`, { body: text('note') }));
  await created(owner.json('POST', `/tickets/${ticket.id}/calls`, { body: text('call') }));
  const entry = await created(
    owner.json('POST', `/tickets/${ticket.id}/time-entries`, timeEntryBody(workTypeId, text('time'))),
  );
  const run = await owner.json('POST', '/invoices/runs', { period: '2026-02', clientIds: [client.id] });
  if (run.status !== 200) throw new Error(`invoice run: ${JSON.stringify(run.body)}`);
  await created(
    owner.json('POST', '/agreements', {
      clientId: client.id,
      type: 'project',
      name: text('Project'),
      startsOn: '2010-01-01',
      endsOn: '2010-01-31',
      hourlyRateCents: 100,
      fixedFeeCents: 10_000,
    }),
  );
  const old = await owner.json('POST', '/invoices/runs', { period: '2010-01', clientIds: [client.id] });
  const finalized = await owner.json('POST', `/invoices/${old.body.results[0].invoiceId}/finalize`, {});
  const creditNote = await created(
    owner.json('POST', `/invoices/${finalized.body.id}/credit-notes`, {
      reason: text('reason'),
      lines: [{ invoiceLineId: finalized.body.lines[0].id, amountCents: 100 }],
    }),
  );
  return {
    client: client.id,
    site: site.id,
    contact: contact.id,
    asset: asset.id,
    enrollmentToken: enrollmentToken.id,
    agent: agent.agentId,
    agentAsset: agent.assetId,
    assetChange: assetChange.id,
    ticket: ticket.id,
    timeEntry: entry.id,
    agreement: agreement.id,
    serviceCredit: await serviceCreditOf(owner, client.id, agreement.id, slaPolicyId, text),
    invoice: run.body.results[0].invoiceId as string,
    issuedInvoice: finalized.body.id as string,
    clientUser: (
      await created(
        owner.json('POST', `/clients/${client.id}/portal-users`, {
          contactId: contact.id,
          role: 'client_user',
        }),
      )
    ).user.id as string,
    creditNote: creditNote.id,
    ...(await remediationAt(owner, client.id, ticket.id, text)),
    changeRequest: changeRequest.id,
    agentCredential: agent.credential as string,
  };
}

/** The MSP's plan about the vendor at the client, with the item the vendor sent (recorded by staff). */
async function vendorPlanAt(
  owner: Session,
  clientId: string,
  vendorId: string,
  text: (field: string) => string,
) {
  const plan = await created(
    owner.json('POST', '/remediation-plans', {
      clientId,
      direction: 'msp_to_vendor',
      vendorId,
      title: text('Vendor concern'),
      concern: text('vendor concern'),
    }),
  );
  const answered = await created(
    owner.json('POST', `/remediation-plans/${plan.id}/response`, {
      items: [
        {
          issue: text('issue'),
          action: text('action'),
          owner: text('owner'),
          dueOn: inTwentyDays(),
          priority: 'low',
        },
      ],
    }),
  );
  return { vendorPlan: plan.id as string, vendorPlanItem: answered.items[0].id as string };
}

/** The client's concern about the MSP citing its ticket, answered with one item. */
async function remediationAt(
  owner: Session,
  clientId: string,
  ticketId: string,
  text: (field: string) => string,
) {
  const plan = await created(
    owner.json('POST', '/remediation-plans', {
      clientId,
      direction: 'client_to_msp',
      title: text('Concern'),
      concern: text('concern'),
      evidence: [{ kind: 'ticket', id: ticketId }],
    }),
  );
  const answered = await created(
    owner.json('POST', `/remediation-plans/${plan.id}/response`, {
      text: text('response'),
      items: [
        {
          issue: text('issue'),
          action: text('action'),
          owner: text('owner'),
          dueOn: inTwentyDays(),
          priority: 'high',
        },
      ],
    }),
  );
  return { remediationPlan: plan.id as string, remediationItem: answered.items[0].id as string };
}

/**
 * A credit the agreement's penalty schedule proposed for a P1 answered a week late in March 2021 (closing
 * that month closes the ones before it, from the agreement's start).
 */
async function serviceCreditOf(
  owner: Session,
  clientId: string,
  agreementId: string,
  slaPolicyId: string,
  text: (field: string) => string,
): Promise<string> {
  await created(
    owner.json('PATCH', `/agreements/${agreementId}`, {
      penaltySchedule: { perBreachCents: { P1: 100, P2: 0, P3: 0, P4: 0 }, effectiveFrom: '2020-01' },
    }),
  );
  await created(
    owner.json('POST', '/tickets/import', {
      externalId: text('late ticket'),
      clientId,
      title: text('Late ticket'),
      priority: 'P1',
      slaPolicyId,
      events: [
        { type: 'created', at: '2021-03-02T10:00:00Z' },
        { type: 'public_reply', author: 'staff', at: '2021-03-09T10:00:00Z' },
      ],
    }),
  );
  const closed = await created(
    owner.json('POST', `/agreements/${agreementId}/sla-statements/2021-03/close`, {}),
  );
  return closed.credits[0].id;
}

/** A change request for one asset of the client, in a window a day from now. */
export function changeRequestBody(
  clientId: string,
  assetId: string,
  text: (field: string) => string = (f) => f,
) {
  const start = Date.now() + 24 * 3_600_000;
  return {
    clientId,
    assetIds: [assetId],
    title: text('Change'),
    description: text('change description'),
    risk: 'low',
    backOutPlan: text('back-out plan'),
    windowStart: new Date(start).toISOString(),
    windowEnd: new Date(start + 2 * 3_600_000).toISOString(),
  };
}

/** The vendor's engagement at the client, with one account, a signed Letter of Agency and a notice. */
async function engagementAt(
  t: TestApp,
  owner: Session,
  vendorId: string,
  client: { client: string; ticket: string; asset: string; agentAsset: string; agentCredential: string },
  text: (f: string) => string,
) {
  const engagement = await created(
    owner.json('POST', `/vendors/${vendorId}/engagements`, {
      clientId: client.client,
      product: text('product'),
      supportContract: text('contract'),
      slaTerms: text('vendor SLA'),
      notes: text('engagement notes'),
    }),
  );
  const account = await created(
    owner.json('POST', `/engagements/${engagement.id}/accounts`, {
      kind: 'os_user',
      identifier: text('vendor account'),
      notes: text('account notes'),
    }),
  );
  const loa = await created(
    owner.json('POST', `/engagements/${engagement.id}/loas`, {
      scope: text('scope'),
      signerName: text('signer'),
    }),
  );
  await created(owner.json('POST', `/loas/${loa.id}/signed`, signedCopyForm(text('signer'))));
  const notice = await created(
    owner.json('POST', '/vendor-notices', {
      clientId: client.client,
      vendorId,
      text: text('notice'),
      ticketIds: [client.ticket],
    }),
  );
  const hold = await created(
    owner.json('POST', '/coverage-holds', {
      assetId: client.asset,
      vendorId,
      reason: text('hold reason'),
      ticketIds: [client.ticket],
      conditions: { loaSigned: true },
    }),
  );
  await created(
    owner.json('POST', `/engagements/${engagement.id}/acknowledgements`, { name: text('signer') }),
  );
  const vendorRequest = await created(
    owner.json('POST', '/change-requests', {
      ...changeRequestBody(client.client, client.asset, text),
      vendorId,
    }),
  );
  const vendorUser = await created(
    owner.json('POST', `/vendors/${vendorId}/users`, {
      name: text('vendor person'),
      email: uniqueEmail('vendor-person'),
    }),
  );
  return {
    engagement: engagement.id as string,
    vendorUser: vendorUser.user.id as string,
    vendorRequest: vendorRequest.id as string,
    ...(await vendorPlanAt(owner, client.client, vendorId, text)),
    vendorIncident: await vendorIncidentAt(t, owner, client, account.identifier, text),
    vendorAccount: account.id as string,
    loa: loa.id as string,
    vendorNotice: notice.id as string,
    coverageHold: hold.id as string,
  };
}

/** The package the fixture's agent reports first, named with the fixture's text (the canary in B). */
const fixturePackage = (text: (field: string) => string) =>
  text('package')
    .toLowerCase()
    .replace(/[^a-z0-9.+-]/g, '-')
    .slice(0, 300);

/** The agent reports a package installed by the vendor's account, outside any window: one incident. */
async function vendorIncidentAt(
  t: TestApp,
  owner: Session,
  client: { agentAsset: string; agentCredential: string },
  actor: string,
  text: (field: string) => string,
): Promise<string> {
  const report = inventoryReport({ packageCount: 5 });
  report.state.software![0]!.name = fixturePackage(text);
  const installed = report.state.software![4]!.name;
  report.events = [
    {
      at: new Date(Date.now() - 30_000).toISOString(),
      kind: 'software',
      subject: installed,
      action: 'install',
      actor,
      source: 'dpkg',
    },
  ];
  const answer = await t.app.request('/agent/v1/inventory', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${client.agentCredential}`,
      'idempotency-key': `authz-vendor-${randomUUID()}`,
    },
    body: JSON.stringify(report),
  });
  expect(answer.status, await answer.clone().text()).toBe(200);
  const changes = (await owner.json('GET', `/assets/${client.agentAsset}/changes`)).body.items;
  const change = changes.find((c: { subject: string }) => c.subject === installed);
  expect(change, JSON.stringify(changes)).toMatchObject({ outcome: 'vendor' });
  return change.ticketId;
}

/** The fields and file that sign a Letter of Agency (multipart). */
export function signedCopyForm(signerName: string, expiresOn = '2030-01-02'): FormData {
  const form = new FormData();
  form.set('signerName', signerName);
  form.set('signedOn', '2026-01-02');
  form.set('expiresOn', expiresOn);
  form.set('file', new File(['%PDF-1.4 signed'], 'signed.pdf', { type: 'application/pdf' }));
  return form;
}

export function timeEntryBody(workTypeId: string, note = 'Checked the printer') {
  return { startedAt: '2026-01-05T10:00:00Z', minutes: 15, note, workTypeId };
}

/** One tenant with its owner; `text` decides what goes into every text field. */
async function buildTenant(t: TestApp, text: (field: string) => string, viaSetup: boolean) {
  const ownerEmail = uniqueEmail('owner');
  const account = {
    organizationName: text('Organization'),
    name: text('Owner'),
    email: ownerEmail,
    password: TEST_PASSWORD,
  };
  // The first organization goes through first-run setup; there is no API for a second one, so the
  // service makes it, as test/http.ts does.
  let owner: Session;
  if (viaSetup) owner = await setUpFirstOrganization(t, account);
  else {
    await t.services.auth.createTenant(account, { mfaRequiredForStaff: false });
    owner = await signIn(t, ownerEmail);
  }
  const tenantId: string = (await owner.json('GET', '/auth/session')).body.membership.tenantId;
  const workType = await created(owner.json('POST', '/work-types', { name: text('Work type') }));
  const calendar = await created(owner.json('POST', '/calendars', office(text('Calendar'))));
  const taxCode = await created(
    owner.json('POST', '/tax-codes', { name: text('Tax code'), rateBasisPoints: 2000 }),
  );
  const catalogItem = await created(
    owner.json('POST', '/catalog-items', {
      category: 'advisory',
      name: text('Catalog item'),
      unit: 'hourly',
      priceCents: 15000,
      taxCodeId: taxCode.id,
    }),
  );
  const workRole = await created(owner.json('POST', '/work-roles', { name: text('Work role') }));
  const slaPolicy = await created(
    owner.json('POST', '/sla-policies', {
      name: text('Policy'),
      calendarId: calendar.id,
      targets: targets(calendar.id),
    }),
  );
  const first = await clientWithTicket(t, owner, (f) => text(`Alpha ${f}`), workType.id, slaPolicy.id);
  const second = await clientWithTicket(t, owner, (f) => text(`Beta ${f}`), workType.id, slaPolicy.id);
  await created(
    owner.json('PATCH', `/clients/${first.client}`, {
      defaultCalendarId: calendar.id,
      defaultSlaPolicyId: slaPolicy.id,
    }),
  );
  const view = await created(
    owner.json('POST', '/ticket-views', {
      name: text('View'),
      query: `q=${encodeURIComponent(text('query'))}`,
      shared: true,
    }),
  );
  const token = await created(owner.json('POST', '/api-tokens', { name: text('Token') }));
  const ssoProvider = await created(
    owner.json('POST', '/sso-providers', {
      kind: 'oidc',
      name: text('SSO'),
      issuer: 'https://idp.example.com',
      clientId: text('client'),
      clientSecret: 'fixture-client-secret',
      emailDomains: [`sso-${randomBytes(5).toString('hex')}.test`],
    }),
  );
  const ownerSessions = await created(owner.json('GET', '/auth/sessions'));
  const notification = await notificationFor(t, owner);
  // No route queues mail; the mail service does, as notifications will.
  const outboundEmail = await t.services.mail.enqueue(t.handle.db, {
    tenantId,
    to: 'contact@example.test',
    templateKey: 'ticket.created',
    data: { 'ticket.title': text('Mail') },
  });

  const mailbox = await created(
    owner.json('POST', '/mailboxes', {
      name: text('Mailbox'),
      address: uniqueEmail('mailbox'),
      kind: 'smtp',
    }),
  );
  const inboundEmail = await triageMailFor(t, tenantId, mailbox.id, text('Mail'));

  /** Adds a staff member and signs them in. */
  async function addMember(role: StaffRole, scope: { allClients: boolean; clientIds: string[] }) {
    const email = uniqueEmail(role);
    const user = await created(
      owner.json('POST', '/users', {
        name: text(`Staff ${role}`),
        email,
        password: TEST_PASSWORD,
        role,
        ...scope,
      }),
    );
    return { user: user.id as string, email, session: await signIn(t, email) };
  }
  // A member no test acts as: the object of user routes, and the other member whose things are not yours.
  const subject = await addMember('dispatcher', { allClients: true, clientIds: [] });
  const costRate = await created(
    owner.json('POST', '/cost-rates', {
      membershipId: subject.user,
      effectiveFrom: '2026-01-01',
      hourlyCostCents: 5_000,
    }),
  );
  const vendor = await created(
    owner.json('POST', '/vendors', {
      name: text('Vendor'),
      products: [text('Product')],
      notes: text('vendor notes'),
    }),
  );
  const routineActor = await created(
    owner.json('POST', '/routine-actors', { actor: text('Routine actor'), note: text('note') }),
  );
  await created(owner.json('POST', '/engagement-rules', { text: text('Rules of engagement') }));
  const own: Objects = {
    tenantId,
    ...first,
    vendor: vendor.id,
    routineActor: routineActor.id,
    ...(await engagementAt(t, owner, vendor.id, first, (f) => text(`Alpha ${f}`))),
    calendar: calendar.id,
    slaPolicy: slaPolicy.id,
    user: subject.user,
    apiToken: token.id,
    session: ownerSessions.items[0].id,
    view: view.id,
    workType: workType.id,
    ssoProvider: ssoProvider.id,
    notification,
    outboundEmail: outboundEmail.id,
    mailbox: mailbox.id,
    inboundEmail,
    attachment: await fileOn(t, tenantId, first.ticket, text('File')),
    taxCode: taxCode.id,
    catalogItem: catalogItem.id,
    workRole: workRole.id,
    costRate: costRate.id,
  };
  // Beta's vendor is another: the vendor's person (of Alpha's vendor) must not see Beta's.
  const betaVendor = await created(
    owner.json('POST', '/vendors', { name: text('Beta vendor'), products: [text('Product')] }),
  );
  const other: Objects = {
    ...own,
    ...second,
    vendor: betaVendor.id,
    ...(await engagementAt(t, owner, betaVendor.id, second, (f) => text(`Beta ${f}`))),
    attachment: await fileOn(t, tenantId, second.ticket, text('File')),
  };
  return { tenantId, owner, ownerEmail, own, other, subject, addMember };
}

/** Invites a person of the vendor, who sets a password through the invitation and signs in. */
async function vendorPerson(t: TestApp, owner: Session, vendorId: string) {
  const email = uniqueEmail('vendor');
  const invited = await created(
    owner.json('POST', `/vendors/${vendorId}/users`, { name: 'Vendor person', email }),
  );
  const token = (invited.invitation.url as string).split('/invitation/')[1];
  const accepted = await session(t, null).json('POST', `/public/invitations/${token}`, {
    password: TEST_PASSWORD,
  });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(204);
  return { email, session: await signIn(t, email), user: invited.user.id as string };
}

/** Adds a contact to the client, invited to the client portal as its company admin, who signs in. */
async function clientPerson(t: TestApp, owner: Session, clientId: string) {
  const email = uniqueEmail('client');
  const contact = await created(
    owner.json('POST', `/clients/${clientId}/contacts`, { name: 'Portal admin', email }),
  );
  const invited = await created(
    owner.json('POST', `/clients/${clientId}/portal-users`, { contactId: contact.id, role: 'client_admin' }),
  );
  const token = (invited.invitation.url as string).split('/invitation/')[1];
  const accepted = await session(t, null).json('POST', `/public/invitations/${token}`, {
    password: TEST_PASSWORD,
  });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(204);
  return { email, session: await signIn(t, email), user: invited.user.id as string };
}

export async function buildWorld(t: TestApp) {
  const canary = `CANARY-${randomBytes(6).toString('hex')}`;
  const a = await buildTenant(t, (field) => `${field} (tenant A)`, true);
  const b = await buildTenant(t, (field) => `${canary} ${field}`, false);

  const staff: Record<StaffRole, { email: string; session: Session; user: string }> = {
    owner: {
      email: a.ownerEmail,
      session: a.owner,
      user: (await a.owner.json('GET', '/auth/session')).body.membership.id,
    },
    admin: await a.addMember('admin', { allClients: true, clientIds: [] }),
    dispatcher: await a.addMember('dispatcher', { allClients: true, clientIds: [] }),
    technician: await a.addMember('technician', { allClients: false, clientIds: [a.own.client] }),
    billing: await a.addMember('billing', { allClients: true, clientIds: [] }),
  };
  const vendorUser = await vendorPerson(t, a.owner, a.own.vendor);
  const clientUser = await clientPerson(t, a.owner, a.own.client);
  const nonexistent: Objects = Object.fromEntries(
    Object.keys(a.own).map((key) => [key, randomUUID()]),
  ) as never;

  return {
    canary,
    a,
    b,
    staff,
    /** A person of Alpha's vendor, signed in to the vendor portal. */
    vendorUser,
    /** Alpha's company admin, signed in to the client portal. */
    clientUser,
    anonymous: session(t, null),
    /** A fresh notification of the member's own (the notification routes' fresh objects). */
    notificationOf: (member: Session) => notificationFor(t, member),
    /** A fresh triage item at a mailbox (the triage actions' fresh objects). */
    triageMail: (tenantId: string, mailboxId: string, subject: string) =>
      triageMailFor(t, tenantId, mailboxId, subject),
    targets: { own: a.own, otherClient: a.other, otherTenant: b.own, nonexistent },
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
export type TargetName = keyof World['targets'];
