// The client portal through the API: a company's admin and one of its users, the tickets each may see
// and their targets in the client's words, the same SLA statement the MSP reads, issued invoices only,
// approvals in the person's name — and, on every portal route, none of the MSP's internal notes, costs,
// rework or another client's things.
import { describe, expect, it } from 'vitest';
import { portalPerson } from '../../../../test/client-portal.ts';
import type { ApiClient } from '../../../../test/http.ts';
import { startTestApp } from '../../../../test/http.ts';
import { slaHistory } from '../../../../test/sla-history.ts';

const clock = { now: new Date('2026-11-05T15:00:00Z') };
const t = await startTestApp({ clock: { now: () => clock.now } });
const { setUp, october } = slaHistory(t, clock);

/** Text the MSP keeps to itself: it must never reach the portal. */
const SECRET = 'INTERNAL-7f3a9c';
const COST_CENTS = 7_654_321;

/**
 * Contoso (October's SLA history, measured in New York) with its admin Ada and its user Uma; Fabrikam,
 * another client, with a ticket of its own; and the MSP's workings on Contoso's tickets.
 */
async function world() {
  const base = await setUp();
  const { owner, client, agreement } = base;
  const tickets = await october(owner, client, base.history);
  const ada = await portalPerson(t, owner, client.id, { name: 'Ada Admin', role: 'client_admin' });
  const uma = await portalPerson(t, owner, client.id, { name: 'Uma User', role: 'client_user' });
  const fabrikam = (await owner.post('/clients', { name: 'Fabrikam' })).body;
  const theirs = (
    await owner.post('/tickets', { clientId: fabrikam.id, title: 'Fabrikam payroll', priority: 'P2' })
  ).body;
  await owner.patch(`/agreements/${agreement.id}`, {
    notes: `${SECRET} renewal margin`,
    requiresClientApprovalOfVendorChanges: true,
  });
  const ownerId = (await owner.get('/auth/session')).body.membership.id;
  await owner.post('/cost-rates', {
    membershipId: ownerId,
    effectiveFrom: '2026-01-01',
    hourlyCostCents: COST_CENTS,
  });
  return { ...base, tickets, ada, uma, fabrikam, theirs };
}

type World = Awaited<ReturnType<typeof world>>;

// biome-ignore lint/suspicious/noExplicitAny: tests read what the API answered
type Json = any;

async function ok(response: Promise<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const answer = await response;
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}

/** The MSP's workings on a ticket: an internal note, time with its note, rework. */
async function workOn(w: World, ticketId: string) {
  const [workType] = (await ok(w.owner.get('/work-types'))).items;
  await ok(w.owner.post(`/tickets/${ticketId}/notes`, { body: `${SECRET} the user broke it again` }));
  for (const cause of [undefined, 'msp_rework']) {
    await ok(
      w.owner.post(`/tickets/${ticketId}/time-entries`, {
        startedAt: '2026-10-05T15:00:00Z',
        minutes: 45,
        note: `${SECRET} ${cause ?? 'time'}`,
        workTypeId: workType.id,
        ...(cause && { cause }),
      }),
      201,
    );
  }
}

describe('tickets in the client portal', () => {
  it('shows a user their own tickets and the admin the company’s, with targets as due, then met or missed', async () => {
    const w = await world();
    clock.now = new Date('2026-11-05T15:00:00Z');
    const raised = await ok(
      w.uma.session.post('/portal/tickets', {
        title: 'Printer jammed',
        description: 'Paper stuck',
        priority: 'P1',
      }),
      201,
    );
    expect(raised).toMatchObject({
      title: 'Printer jammed',
      status: 'new',
      priority: 'P1',
      contactName: 'Uma User',
      isYours: true,
      basis: 'guaranteed',
      // Round the clock: a P1 is answered within the hour and resolved within four.
      targets: {
        firstResponse: { dueAt: '2026-11-05T16:00:00.000Z', outcome: 'pending', doneAt: null },
        resolution: { dueAt: '2026-11-05T19:00:00.000Z', outcome: 'pending', doneAt: null },
      },
      messages: [],
    });
    const adas = await ok(w.ada.session.post('/portal/tickets', { title: 'New starter laptop' }), 201);
    expect(adas).toMatchObject({ priority: 'P3', isYours: true });

    const umaList = await ok(w.uma.session.get('/portal/tickets?state=all'));
    expect(umaList.items.map((i: Json) => i.id)).toEqual([raised.id]);
    const adaList = await ok(w.ada.session.get('/portal/tickets?state=all'));
    // Ada sees the company's: the two raised now and October's four.
    expect(adaList.total).toBe(6);
    expect(adaList.items.slice(0, 2).map((i: Json) => [i.id, i.isYours])).toEqual([
      [adas.id, true],
      [raised.id, false],
    ]);
    const mine = await ok(w.ada.session.get('/portal/tickets?state=all&mine=true'));
    expect(mine.total).toBe(1);
    expect((await w.uma.session.get(`/portal/tickets/${adas.id}`)).status).toBe(404);
    expect((await w.ada.session.get(`/portal/tickets/${w.theirs.id}`)).status).toBe(404);
    expect(
      (await w.uma.session.post(`/portal/tickets/${w.tickets.late.id}/replies`, { body: 'Hi' })).status,
    ).toBe(404);

    // The MSP answers in time and asks a question; the clock waits on the client.
    const id = raised.id;
    clock.now = new Date('2026-11-05T15:20:00Z');
    await ok(w.owner.post(`/tickets/${id}/notes`, { body: `${SECRET} probably the tray` }));
    await ok(w.owner.post(`/tickets/${id}/status`, { status: 'pending_client', message: 'Which printer?' }));
    const asked = await ok(w.uma.session.get(`/portal/tickets/${id}`));
    expect(asked).toMatchObject({
      status: 'pending_client',
      targets: {
        firstResponse: { outcome: 'met', doneAt: '2026-11-05T15:20:00.000Z' },
        resolution: { outcome: 'paused' },
      },
      messages: [{ author: 'staff', name: 'Olivia Owner', body: 'Which printer?' }],
    });
    expect(JSON.stringify(asked)).not.toContain(SECRET);

    // Her answer sets the clock going again; five hours on, the resolution is missed.
    clock.now = new Date('2026-11-05T15:30:00Z');
    const answered = await ok(
      w.uma.session.post(`/portal/tickets/${id}/replies`, { body: 'The one by reception' }),
      201,
    );
    expect(answered).toMatchObject({
      status: 'open',
      messages: [{ author: 'staff' }, { author: 'contact', name: 'Uma User', body: 'The one by reception' }],
    });
    clock.now = new Date('2026-11-05T20:30:00Z');
    await t.services.tickets.recomputeDue();
    const late = await ok(w.uma.session.get(`/portal/tickets/${id}`));
    expect(late).toMatchObject({ targets: { resolution: { outcome: 'missed', doneAt: null } } });
    const overview = await ok(w.uma.session.get('/portal'));
    expect(overview).toMatchObject({
      clientName: 'Contoso',
      name: 'Uma User',
      role: 'client_user',
      openTickets: 1,
      awaitingYou: 0,
      approvalsWaiting: 0,
    });
  });

  it('keeps the company’s agreements, invoices, statements, approvals and vendors to its admin', async () => {
    const w = await world();
    for (const path of [
      '/portal/agreements',
      '/portal/invoices',
      '/portal/change-requests',
      '/portal/vendors',
    ]) {
      const refused = await w.uma.session.get(path);
      expect(refused.status, path).toBe(403);
      expect(refused.body.error.code).toBe('portal.client_admin_only');
    }
    expect((await w.ada.session.get('/portal/agreements')).status).toBe(200);
  });
});

describe('the work the MSP began unasked', () => {
  it('counts the last 30 days’ alerts, their time and the MSP’s changes, for an admin when covered work is shown', async () => {
    clock.now = new Date('2026-11-05T15:00:00Z');
    const w = await world();
    expect((await ok(w.ada.session.get('/portal'))).proactiveWork).toBeNull();
    await ok(w.owner.patch(`/clients/${w.client.id}`, { showCoveredWork: true }));

    const alert = (title: string) =>
      ok(
        w.owner.post('/tickets', { clientId: w.client.id, title, priority: 'P2', source: 'agent_alert' }),
        201,
      );
    clock.now = new Date('2026-09-20T12:00:00Z');
    await alert('Disk C: at 95 % (before the 30 days)');
    clock.now = new Date('2026-11-01T09:00:00Z');
    const disk = await alert('Disk D: at 92 %');
    await alert('Backup older than its RPO');
    const server = await ok(
      w.owner.post('/assets', { clientId: w.client.id, type: 'server', name: 'CT-SRV01' }),
      201,
    );
    const change = await ok(
      w.owner.post('/change-requests', {
        clientId: w.client.id,
        assetIds: [server.id],
        title: 'Patch the file server',
        description: 'November’s updates',
        risk: 'low',
        backOutPlan: 'Uninstall the updates',
        windowStart: '2026-11-01T10:00:00Z',
        windowEnd: '2026-11-01T12:00:00Z',
      }),
      201,
    );
    for (const step of ['approve', 'start']) {
      await ok(w.owner.post(`/change-requests/${change.id}/${step}`, {}));
    }
    clock.now = new Date('2026-11-01T12:30:00Z');
    await ok(w.owner.post(`/change-requests/${change.id}/complete`, {}));
    const [workType] = (await ok(w.owner.get('/work-types'))).items;
    for (const [minutes, cause] of [
      [30, 'normal'],
      [15, 'msp_rework'],
    ] as const) {
      await ok(
        w.owner.post(`/tickets/${disk.id}/time-entries`, {
          startedAt: '2026-11-01T09:30:00Z',
          minutes,
          note: 'Cleared old shadow copies',
          workTypeId: workType.id,
          cause,
        }),
        201,
      );
    }
    await ok(w.owner.post(`/tickets/${disk.id}/status`, { status: 'resolved' }));
    // The company's own ticket is not work begun unasked.
    await ok(w.ada.session.post('/portal/tickets', { title: 'Printer jam', description: 'Again' }), 201);

    clock.now = new Date('2026-11-05T15:00:00Z');
    expect((await ok(w.ada.session.get('/portal'))).proactiveWork).toEqual({
      since: '2026-10-06T15:00:00.000Z',
      alertsCaught: 2,
      alertsResolved: 1,
      alertMinutes: 30,
      changesMade: 1,
    });
    expect((await ok(w.uma.session.get('/portal'))).proactiveWork).toBeNull();
  });
});

describe('the company’s accountability in the portal', () => {
  it('shows the admin the same SLA statement the MSP reads, and nothing of another client’s', async () => {
    const w = await world();
    const path = `/agreements/${w.agreement.id}/sla-statements/2026-10`;
    await ok(
      w.owner.put(`/tickets/${w.tickets.late.id}/sla-explanations/first_response`, {
        text: 'Mail outage at the ISP',
      }),
    );
    const staff = await ok(w.owner.get(path));
    expect(await ok(w.ada.session.get(`/portal${path}`))).toEqual(staff);
    const list = await ok(w.ada.session.get(`/portal/agreements/${w.agreement.id}/sla-statements`));
    expect(list.items.map((item: Json) => item.month)).toContain('2026-10');
    const pdf = await w.ada.session.request('GET', `/portal${path}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const theirs = (
      await w.owner.post('/agreements', {
        clientId: w.fabrikam.id,
        type: 'break_fix',
        name: 'Fabrikam hourly',
        startsOn: '2026-01-01',
        hourlyRateCents: 10_000,
      })
    ).body;
    expect((await w.ada.session.get(`/portal/agreements/${theirs.id}/sla-statements/2026-10`)).status).toBe(
      404,
    );
  });

  it('writes the agreement in plain words: what is included, billable at which rate, and promised', async () => {
    const w = await world();
    const [agreement] = (await ok(w.ada.session.get('/portal/agreements'))).items;
    expect(agreement).toMatchObject({
      name: 'Managed 2026',
      typeLabel: 'Managed services',
      status: 'active',
    });
    const text = (heading: string): string[] =>
      agreement.terms.find((section: { heading: string }) => section.heading === heading)?.lines ?? [];
    expect(text('What is included')[0]).toBe(
      'Work on every service in business hours is included in the monthly fee.',
    );
    expect(text('What is billable, and at which rate')).toContain('Billable work: $150.00 an hour.');
    expect(text('What we promise')).toContain(
      'They are guaranteed for tickets about managed, standard assets and tickets naming no asset.',
    );
    expect(text('Your vendors')).toEqual([
      "A vendor's change needs your approval as well as Northwind IT's.",
    ]);
    expect(agreement.targets).toContainEqual({
      priority: 'P1',
      firstResponseMinutes: 60,
      resolutionMinutes: 240,
    });
  });

  it('shows issued invoices only, without their costs', async () => {
    const w = await world();
    await ok(w.owner.patch(`/clients/${w.client.id}`, { showCoveredWork: true }));
    await workOn(w, w.tickets.late.id);
    const run = await ok(w.owner.post('/invoices/runs', { period: '2026-11', clientIds: [w.client.id] }));
    const invoiceId = run.results[0]!.invoiceId;
    expect((await w.ada.session.get('/portal/invoices')).body.items).toEqual([]);
    expect((await w.ada.session.get(`/portal/invoices/${invoiceId}`)).status).toBe(404);
    expect((await w.ada.session.request('GET', `/portal/invoices/${invoiceId}/pdf`)).status).toBe(404);
    await ok(w.owner.post(`/invoices/${invoiceId}/finalize`, {}));
    const [listed] = (await ok(w.ada.session.get('/portal/invoices'))).items;
    expect(listed).toMatchObject({ id: invoiceId, status: 'finalized' });
    const invoice = await ok(w.ada.session.get(`/portal/invoices/${invoiceId}`));
    // The covered work shows at $0 with its value; the rework has no line at all.
    expect(invoice.lines).toEqual([
      expect.objectContaining({ amountCents: 0, valueCents: 11_250, ticketNumber: expect.any(Number) }),
    ]);
    expect(Object.keys(invoice.lines[0]!)).not.toContain('costCents');
    const pdf = await w.ada.session.request('GET', `/portal/invoices/${invoiceId}/pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('lets the admin approve or reject a vendor’s change in their own name', async () => {
    const w = await world();
    const vendor = (await w.owner.post('/vendors', { name: 'Dentrix Support' })).body;
    await ok(
      w.owner.post(`/vendors/${vendor.id}/engagements`, { clientId: w.client.id, product: 'Dentrix' }),
      201,
    );
    const server = (await w.owner.post('/assets', { clientId: w.client.id, type: 'server', name: 'SQL01' }))
      .body;
    const raise = async (title: string) =>
      ok(
        w.owner.post('/change-requests', {
          clientId: w.client.id,
          vendorId: vendor.id,
          assetIds: [server.id],
          title,
          description: 'Install the update.',
          risk: 'medium',
          backOutPlan: 'Restore the snapshot.',
          windowStart: '2026-11-07T20:00:00Z',
          windowEnd: '2026-11-07T22:00:00Z',
        }),
        201,
      );
    const upgrade = await raise('Upgrade Dentrix');
    const reboot = await raise('Reboot SQL01');
    const listed = await ok(w.ada.session.get('/portal/change-requests'));
    expect(listed.items.map((i: Json) => [i.id, i.clientApproval.status])).toEqual(
      expect.arrayContaining([
        [upgrade.id, 'pending'],
        [reboot.id, 'pending'],
      ]),
    );
    expect((await ok(w.ada.session.get('/portal'))).approvalsWaiting).toBe(2);

    const noReason = await w.ada.session.post(`/portal/change-requests/${reboot.id}/decision`, {
      decision: 'reject',
    });
    expect(noReason.status).toBe(400);
    const approved = await ok(
      w.ada.session.post(`/portal/change-requests/${upgrade.id}/decision`, { decision: 'approve' }),
    );
    expect(approved).toMatchObject({
      status: 'requested',
      clientApproval: { status: 'approved', name: 'Ada Admin', via: 'portal' },
    });
    const staffView = await ok(w.owner.get(`/change-requests/${upgrade.id}`));
    expect(staffView.clientApproval.via).toBe('portal');
    const rejected = await ok(
      w.ada.session.post(`/portal/change-requests/${reboot.id}/decision`, {
        decision: 'reject',
        reason: 'Month-end payroll runs that night',
      }),
    );
    expect(rejected).toMatchObject({
      status: 'rejected',
      clientApproval: { reason: 'Month-end payroll runs that night' },
    });
    const twice = await w.ada.session.post(`/portal/change-requests/${reboot.id}/decision`, {
      decision: 'approve',
    });
    expect(twice.status).toBe(409);
    // The vendor's scorecard at Contoso, without the MSP's costs.
    const [card] = (await ok(w.ada.session.get('/portal/vendors'))).items;
    expect(card).toMatchObject({
      vendorName: 'Dentrix Support',
      clientId: w.client.id,
      totals: { changeRequests: 2 },
    });
    expect(Object.keys(card.totals)).not.toContain('costCents');
  });
});

describe('what a portal route never carries', () => {
  /** Every portal route the API document lists, as METHOD path. */
  async function portalRoutes() {
    const document = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    return Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/portal'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
  }

  it('answers no internal note, time, cost, rework or another client’s thing on any route, to either person', async () => {
    const w = await world();
    await ok(w.owner.patch(`/clients/${w.client.id}`, { showCoveredWork: true }));
    await workOn(w, w.tickets.late.id);
    const run = await ok(w.owner.post('/invoices/runs', { period: '2026-11', clientIds: [w.client.id] }));
    await ok(w.owner.post(`/invoices/${run.results[0]!.invoiceId}/finalize`, {}));
    const vendor = (await w.owner.post('/vendors', { name: 'Dentrix Support', notes: SECRET })).body;
    await ok(
      w.owner.post(`/vendors/${vendor.id}/engagements`, { clientId: w.client.id, product: 'Dentrix' }),
      201,
    );
    const plan = await ok(
      w.owner.post('/remediation-plans', {
        clientId: w.client.id,
        direction: 'client_to_msp',
        title: 'Late answers',
        concern: 'The mail server waited two hours.',
        evidence: [{ kind: 'ticket', id: w.tickets.late.id }],
      }),
      201,
    );
    const answered = await ok(
      w.owner.post(`/remediation-plans/${plan.id}/response`, {
        items: [
          { issue: 'Nights', action: 'On-call rota', owner: 'Sam', dueOn: '2026-12-01', priority: 'high' },
        ],
      }),
    );
    const ids = {
      ticket: w.tickets.late.id,
      agreement: w.agreement.id,
      invoice: run.results[0]!.invoiceId,
      month: '2026-10',
      plan: plan.id,
      item: answered.items[0].id,
    };
    const calls: Record<string, (person: ApiClient) => Promise<{ status: number; body: Json }>> = {
      'GET /portal': (p) => p.get('/portal'),
      'GET /portal/tickets': (p) => p.get('/portal/tickets?state=all'),
      'POST /portal/tickets': (p) => p.post('/portal/tickets', { title: 'Monitor flickers' }),
      'GET /portal/tickets/{id}': (p) => p.get(`/portal/tickets/${ids.ticket}`),
      'POST /portal/tickets/{id}/replies': (p) =>
        p.post(`/portal/tickets/${ids.ticket}/replies`, { body: 'Any news?' }),
      'GET /portal/agreements': (p) => p.get('/portal/agreements'),
      'GET /portal/agreements/{id}/sla-statements': (p) =>
        p.get(`/portal/agreements/${ids.agreement}/sla-statements`),
      'GET /portal/agreements/{id}/sla-statements/{month}': (p) =>
        p.get(`/portal/agreements/${ids.agreement}/sla-statements/${ids.month}`),
      'GET /portal/agreements/{id}/sla-statements/{month}/pdf': (p) =>
        p.get(`/portal/agreements/${ids.agreement}/sla-statements/${ids.month}/pdf`),
      'GET /portal/invoices': (p) => p.get('/portal/invoices'),
      'GET /portal/invoices/{id}': (p) => p.get(`/portal/invoices/${ids.invoice}`),
      'GET /portal/invoices/{id}/pdf': (p) => p.get(`/portal/invoices/${ids.invoice}/pdf`),
      'GET /portal/change-requests': (p) => p.get('/portal/change-requests'),
      'POST /portal/change-requests/{id}/decision': (p) =>
        p.post(`/portal/change-requests/${w.theirs.id}/decision`, { decision: 'approve' }),
      'GET /portal/vendors': (p) => p.get('/portal/vendors'),
      'GET /portal/remediation-plans': (p) => p.get('/portal/remediation-plans'),
      'POST /portal/remediation-plans': (p) =>
        p.post('/portal/remediation-plans', { title: 'Printers', concern: 'They jam weekly.' }),
      'GET /portal/remediation-plans/{id}': (p) => p.get(`/portal/remediation-plans/${ids.plan}`),
      'POST /portal/remediation-plans/{id}/response': (p) =>
        p.post(`/portal/remediation-plans/${ids.plan}/response`, { items: answered.items.slice(0, 0) }),
      'PATCH /portal/remediation-items/{id}': (p) =>
        p.patch(`/portal/remediation-items/${ids.item}`, { status: 'done' }),
      'POST /portal/remediation-plans/{id}/decision': (p) =>
        p.post(`/portal/remediation-plans/${ids.plan}/decision`, { decision: 'continue', reason: 'Better' }),
      'GET /portal/remediation-plans/{id}/letter.pdf': (p) =>
        p.get(`/portal/remediation-plans/${ids.plan}/letter.pdf`),
      'GET /portal/export': (p) => p.get('/portal/export'),
    };
    expect(Object.keys(calls).sort()).toEqual(await portalRoutes());
    const forbidden = [
      SECRET,
      String(COST_CENTS),
      'costCents',
      'internal_note',
      'msp_rework',
      'Fabrikam',
      w.fabrikam.id,
      w.theirs.id,
    ];
    for (const person of [w.ada, w.uma]) {
      for (const [route, call] of Object.entries(calls)) {
        const answer = await call(person.session);
        expect(answer.status, `${route}: ${JSON.stringify(answer.body).slice(0, 200)}`).toBeLessThan(500);
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
        for (const word of forbidden) expect(text, `${route} carries ${word}`).not.toContain(word);
      }
    }
  });
});
