// `accord demo`: loads a living help desk (an MSP, its staff, three clients, six weeks of tickets, their
// assets and agents) through the real services, with inputs parsed by the same schemas the API uses.
import { randomUUID } from 'node:crypto';
import { calendarInputSchema } from '../../shared/api/calendars.ts';
import { clientInputSchema, contactInputSchema, siteInputSchema } from '../../shared/api/clients.ts';
import { setupInputSchema, type User, userInputSchema } from '../../shared/api/identity.ts';
import { slaPolicyInputSchema } from '../../shared/api/sla-policies.ts';
import { closedTicketStatuses } from '../../shared/api/ticket-enums.ts';
import type { Ticket } from '../../shared/api/tickets.ts';
import { ticketImportSchema, ticketInputSchema } from '../../shared/api/tickets.ts';
import { timeEntryInputSchema } from '../../shared/api/time.ts';
import type { Services } from '../app.ts';
import type { Database } from '../db/client.ts';
import type { Actor, Scope } from '../http/scope.ts';
// Read-only: no service looks an identity up by email, and the demo must not join an existing one.
import { findIdentityByEmail } from '../modules/identity/identity.repository.ts';
import { seedDemoAgreements } from './demo-agreements.ts';
import { type DemoClientRef, seedDemoAssets } from './demo-assets.ts';
import { aroundTheClock, demoCalendars, demoPlanContext } from './demo-calendars.ts';
import { priceDemoCatalog } from './demo-catalog.ts';
import {
  type ClientKey,
  clientSeeds,
  contactEmail,
  DEMO_ORGANIZATION,
  ownerSeed,
  type StaffKey,
  slaTargets,
  staffSeeds,
} from './demo-data.ts';
import { seedDemoPortal } from './demo-portal.ts';
import { createRandom } from './demo-random.ts';
import { closeDemoStatements } from './demo-statements.ts';
import { planDemoTickets, type TimePlan } from './demo-tickets.ts';
import { DEMO_VENDOR_USER, seedDemoVendorActivity, seedDemoVendors } from './demo-vendors.ts';

const DEMO_SEED = 2026;

export class DemoExistsError extends Error {}

export interface DemoSummary {
  tenantId: string;
  organization: string;
  staff: { name: string; email: string; role: string; title: string }[];
  /** Vendors' people, who sign in to the vendor portal. */
  vendorUsers: { name: string; email: string; title: string }[];
  /** Clients' people, who sign in to the client portal. */
  clientUsers: { name: string; email: string; title: string }[];
  counts: {
    clients: number;
    sites: number;
    contacts: number;
    calendars: number;
    slaPolicies: number;
    tickets: number;
    open: number;
    paused: number;
    atRisk: number;
    breached: number;
    unassigned: number;
    agreements: number;
    timeEntries: number;
    assets: number;
    agents: number;
  };
  elapsedMs: number;
}

const scopeOf = (tenantId: string, user: User): Scope => ({
  tenantId,
  identityId: user.identityId,
  membershipId: user.id,
  role: user.role,
  clientIds: user.allClients ? 'all' : user.clientIds,
});

export async function loadDemo(
  db: Database,
  services: Services,
  options: { password: string; now?: Date; seed?: number },
): Promise<DemoSummary> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const { password } = options;
  if (await findIdentityByEmail(db, ownerSeed.email)) {
    throw new DemoExistsError(
      `This database already has the demo (${ownerSeed.email} exists), so nothing was added.\n` +
        'Sign in with the demo accounts (an interrupted earlier run leaves a partial demo), or load it\n' +
        'into a fresh database: DATA_DIR=$(mktemp -d) npm run demo',
    );
  }
  const requestId = `demo-${randomUUID()}`;
  const actorOf = (scope: Scope): Actor => ({ scope, requestId, ip: null, userAgent: 'accord demo' });

  // The MSP and its owner.
  const { tenantId, identityId } = await services.auth.createTenant(
    setupInputSchema.parse({
      organizationName: DEMO_ORGANIZATION,
      name: ownerSeed.name,
      email: ownerSeed.email,
      password,
    }),
    // A demo is for looking around: its staff sign in with the printed password alone. Settings →
    // Security turns the MFA requirement back on, as every real organization starts with it.
    { mfaRequiredForStaff: false },
  );
  const lookup: Scope = { tenantId, identityId, membershipId: '', role: 'owner', clientIds: 'all' };
  const ownerUser = (await services.users.list(lookup)).find((u) => u.identityId === identityId)!;
  const owner = actorOf(scopeOf(tenantId, ownerUser));

  // Calendars and SLA policies: each client's office hours; P1 around the clock.
  const calendarInputs = demoCalendars(now);
  const allHours = await services.calendars.create(owner, calendarInputSchema.parse(aroundTheClock));
  const clientIds = {} as Record<ClientKey, string>;
  const billed = {} as Record<ClientKey, { id: string; calendarId: string }>;
  const contactIds = {} as Record<ClientKey, string[]>;
  const clientRefs = {} as Record<ClientKey, DemoClientRef>;
  let sites = 0;
  for (const seed of clientSeeds) {
    const calendar = await services.calendars.create(
      owner,
      calendarInputSchema.parse(calendarInputs[seed.key]),
    );
    const targets = structuredClone(slaTargets[seed.policy]);
    targets.P1.calendarId = allHours.id;
    const label = seed.policy === 'premium' ? 'Premium' : 'Standard';
    const policy = await services.slaPolicies.create(
      owner,
      slaPolicyInputSchema.parse({ name: `${label} — ${seed.name}`, calendarId: calendar.id, targets }),
    );
    const client = await services.clients.create(
      owner,
      clientInputSchema.parse({
        name: seed.name,
        emailDomains: seed.emailDomains,
        phone: seed.phone,
        website: seed.website,
        notes: seed.notes,
        defaultCalendarId: calendar.id,
        defaultSlaPolicyId: policy.id,
        showCoveredWork: seed.showCoveredWork ?? false,
      }),
    );
    clientIds[seed.key] = client.id;
    billed[seed.key] = { id: client.id, calendarId: calendar.id };
    const siteIds: string[] = [];
    for (const site of seed.sites) {
      siteIds.push((await services.clients.createSite(owner, client.id, siteInputSchema.parse(site))).id);
      sites++;
    }
    clientRefs[seed.key] = { id: client.id, siteIds };
    contactIds[seed.key] = [];
    for (const contact of seed.contacts) {
      const input = contactInputSchema.parse({
        name: contact.name,
        title: contact.title,
        email: contactEmail(seed, contact),
        phone: contact.phone,
        siteId: siteIds[contact.site],
        isBillableUser: contact.isBillableUser,
      });
      contactIds[seed.key].push((await services.clients.createContact(owner, client.id, input)).id);
    }
  }

  // Staff, one of them scoped to a single client.
  const staff = { owner } as Record<StaffKey, Actor>;
  const staffIds = { owner: ownerUser.id } as Record<StaffKey, string>;
  for (const seed of staffSeeds.filter((s) => s.key !== 'owner')) {
    const input = userInputSchema.parse({
      name: seed.name,
      email: seed.email,
      password,
      role: seed.role,
      allClients: !seed.clients,
      clientIds: (seed.clients ?? []).map((key) => clientIds[key]),
    });
    const user = await services.users.create(owner, input);
    staff[seed.key] = actorOf(scopeOf(tenantId, user));
    staffIds[seed.key] = user.id;
  }

  // Agreements from two years back, before any ticket, so the history's time is priced too.
  const twoYearsAgo = new Date(now.getTime() - 730 * 86_400_000).toISOString().slice(0, 7);
  const agreements = await seedDemoAgreements(services, owner, billed, `${twoYearsAgo}-01`);

  const boards = new Map((await services.tickets.listBoards(owner.scope)).map((b) => [b.name, b.id]));
  const boardFor = (type: string) =>
    boards.get(type === 'alert' ? 'Alerts' : type === 'change' ? 'Projects' : 'Service Desk');
  const plans = planDemoTickets(
    demoPlanContext(now, calendarInputs),
    createRandom(options.seed ?? DEMO_SEED),
  );
  const tickets: Ticket[] = [];
  const timeEntries: { ticketId: string; plan: TimePlan }[] = [];

  // History, as a migration from the previous PSA would bring it; the admin runs the import.
  for (const plan of plans.imported) {
    const input = ticketImportSchema.parse({
      externalId: plan.externalId,
      clientId: clientIds[plan.client],
      title: plan.title,
      description: plan.description,
      priority: plan.priority,
      type: plan.type,
      source: plan.type === 'alert' ? 'agent_alert' : 'email',
      boardId: boardFor(plan.type),
      contactId: contactIds[plan.client][plan.contact],
      assigneeId: plan.assignee ? staffIds[plan.assignee] : null,
      events: plan.events,
    });
    const { ticket } = await services.tickets.importTicket(staff.admin, input);
    tickets.push(ticket);
    timeEntries.push(...plan.time.map((time) => ({ ticketId: ticket.id, plan: time })));
  }

  // Raised just now, through the normal paths, so the queue has fresh arrivals.
  for (const plan of plans.live) {
    const input = ticketInputSchema.parse({
      clientId: clientIds[plan.client],
      contactId: contactIds[plan.client][plan.contact],
      title: plan.title,
      description: plan.description,
      priority: plan.priority,
      type: plan.type,
      source: plan.source,
      boardId: boards.get(plan.board),
    });
    let ticket = await services.tickets.create(staff.dispatcher, input);
    if (plan.assignee)
      ticket = await services.tickets.assign(staff.dispatcher, ticket.id, staffIds[plan.assignee]);
    const worker = staff[plan.assignee ?? 'dispatcher'];
    if (plan.firstTouch === 'reply')
      ticket = await services.tickets.reply(worker, ticket.id, { body: plan.reply }, 'public');
    if (plan.firstTouch === 'call') {
      ticket = await services.tickets.logCall(worker, ticket.id, { channel: 'call', body: plan.reply });
    }
    if (plan.firstTouch !== 'none')
      ticket = await services.tickets.setStatus(worker, ticket.id, { status: 'open' });
    tickets.push(ticket);
    if (plan.time) {
      const startedAt = now.getTime() - plan.time.minutes * 60_000;
      timeEntries.push({ ticketId: ticket.id, plan: { ...plan.time, startedAt } });
    }
  }

  const logged = await addTimeEntries(services, owner.scope, staff, timeEntries);
  await priceDemoCatalog(services, owner);

  // The dental practice's vendor first, so the agents' reports can tie its changes to it.
  const { vendorId } = await seedDemoVendors(services, owner, clientIds.dental, now);
  // Each client's CMDB and agents; the agents' reports open alert tickets of their own.
  const fleet = await seedDemoAssets(db, services, staff.admin, clientRefs, now);
  await seedDemoVendorActivity(services, owner, { clientId: clientIds.dental, vendorId }, now, password);
  for (const id of fleet.alertTicketIds) tickets.push(await services.tickets.get(owner.scope, id));
  await closeDemoStatements(services, staff.dispatcher);
  const clientUsers = await seedDemoPortal(
    db,
    services,
    owner,
    staff.dispatcher,
    { clientId: clientIds.dental, contactIds: contactIds.dental },
    now,
    password,
  );

  const sla = (t: Ticket) => [t.sla?.firstResponse.state, t.sla?.resolution.state];
  const isOpen = (t: Ticket) => !(closedTicketStatuses as readonly string[]).includes(t.status);
  return {
    tenantId,
    organization: DEMO_ORGANIZATION,
    staff: staffSeeds.map(({ name, email, role, title }) => ({ name, email, role, title })),
    vendorUsers: [DEMO_VENDOR_USER],
    clientUsers,
    counts: {
      clients: clientSeeds.length,
      sites,
      contacts: clientSeeds.reduce((sum, c) => sum + c.contacts.length, 0),
      calendars: clientSeeds.length + 1,
      slaPolicies: clientSeeds.length,
      tickets: tickets.length,
      open: tickets.filter(isOpen).length,
      paused: tickets.filter((t) => t.sla?.resolution.state === 'paused').length,
      atRisk: tickets.filter((t) => sla(t).includes('at_risk')).length,
      breached: tickets.filter((t) => sla(t).some((s) => s === 'breached' || s === 'missed')).length,
      unassigned: tickets.filter((t) => isOpen(t) && !t.assigneeId).length,
      agreements,
      timeEntries: logged,
      assets: fleet.assets,
      agents: fleet.agents,
    },
    elapsedMs: performance.now() - started,
  };
}

/** Time entries, each logged by the staff member who did the work. */
async function addTimeEntries(
  services: Services,
  scope: Scope,
  staff: Record<StaffKey, Actor>,
  entries: { ticketId: string; plan: TimePlan }[],
): Promise<number> {
  const workTypes = new Map(
    (await services.time.listWorkTypes(scope, { includeArchived: false })).map((w) => [w.name, w.id]),
  );
  for (const { ticketId, plan } of entries) {
    const input = timeEntryInputSchema.parse({
      startedAt: new Date(plan.startedAt).toISOString(),
      minutes: plan.minutes,
      note: plan.note,
      workTypeId: workTypes.get(plan.workType),
      cause: plan.cause,
    });
    await services.time.logTime(staff[plan.staff], ticketId, input);
  }
  return entries.length;
}
