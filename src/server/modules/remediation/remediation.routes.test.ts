// Remediation plans through the API: the client's concern filed in the portal and answered by the MSP,
// notices counted by the sweep (a new P1 breach, a missed item date), the decision refused until it is
// due and then recorded by the client, the handover with the data export; a plan to the client that gives
// a vendor notice; a plan about a vendor with the MSP's recommendation, an extension and its reminders.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PORTAL_PASSWORD, portalPerson } from '../../../../test/client-portal.ts';
import { startTestApp, uniqueEmail } from '../../../../test/http.ts';
import { slaHistory } from '../../../../test/sla-history.ts';
import { dayInWords } from '../../../shared/utc-days.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { domainEvents } from '../notifications/notifications.table.ts';
import { tickets } from '../tickets/tickets.table.ts';

const clock = { now: new Date('2026-11-05T15:00:00Z') };
const t = await startTestApp({ clock: { now: () => clock.now } });
const { setUp } = slaHistory(t, clock);

// biome-ignore lint/suspicious/noExplicitAny: tests read what the API answered
type Json = any;

async function ok(response: Promise<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const answer = await response;
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}

const item = (issue: string, dueOn: string) => ({
  issue,
  action: `Fix: ${issue}`,
  owner: 'Sam at Northwind',
  dueOn,
  priority: 'high',
});

const sweep = () => t.services.remediationSweep();
/** A date inside any plan's time box: 20 days from the clock's now. */
const soon = () => new Date(clock.now.getTime() + 20 * 86_400_000).toISOString().slice(0, 10);

describe('the client’s concern about its MSP', () => {
  it('is answered with items, counts notices, and ends in the client’s decision and a handover', async () => {
    const world = await setUp();
    const { client } = world;
    let { owner } = world;
    const ada = await portalPerson(t, owner, client.id, { name: 'Ada Admin', role: 'client_admin' });
    /** Moves the clock, and signs both people in again (sessions do not last days). */
    const at = async (instant: string) => {
      owner = await world.later(instant);
      ada.session = await t.signIn(ada.email, PORTAL_PASSWORD);
    };
    const late = await ok(
      owner.post('/tickets', { clientId: client.id, title: 'Mail down', priority: 'P1' }),
      201,
    );
    await ok(owner.post(`/tickets/${late.id}/notes`, { body: 'INTERNAL only for us' }));
    // Its first response breached before the concern was filed, and it was resolved in time.
    await at('2026-11-05T17:00:00Z');
    await t.services.tickets.recomputeDue();
    await ok(owner.post(`/tickets/${late.id}/status`, { status: 'resolved' }));
    const filed = await ok(
      ada.session.post('/portal/remediation-plans', {
        title: 'Slow answers to outages',
        concern: 'Our mail was down and nobody answered for hours.',
        evidence: [{ kind: 'ticket', id: late.id }],
        noticeLimit: 3,
      }),
      201,
    );
    expect(filed).toMatchObject({
      direction: 'client_to_msp',
      phase: 'awaiting_response',
      filedByName: 'Ada Admin',
      responseDueOn: '2026-11-15',
      endsOn: '2027-01-04',
      filedAt: '2026-11-05T17:00:00.000Z',
      evidence: [{ kind: 'ticket', id: late.id, label: `Ticket #${late.number}: Mail down` }],
      notices: [],
    });
    // The client does not answer its own concern; the MSP does, once.
    const wrongSide = await ada.session.post(`/portal/remediation-plans/${filed.id}/response`, {
      items: [item('x', '2026-11-20')],
    });
    expect(wrongSide.status).toBe(409);
    expect(wrongSide.body.error.code).toBe('remediation.not_your_side');
    // Dates before today, or after the plan ends, are refused.
    const outside = await owner.post(`/remediation-plans/${filed.id}/response`, {
      items: [item('Too late', '2027-02-01'), item('Too early', '2026-11-04')],
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.map((d: Json) => d.path.join('.'))).toEqual([
      'items.0.dueOn',
      'items.1.dueOn',
    ]);
    const answered = await ok(
      owner.post(`/remediation-plans/${filed.id}/response`, {
        text: 'We are sorry. Here is what changes.',
        items: [item('No one on call at night', '2026-11-10'), item('Alerts go to one inbox', '2026-12-01')],
      }),
    );
    expect(answered).toMatchObject({ phase: 'in_progress', respondedByName: 'Olivia Owner' });
    expect(
      (await owner.post(`/remediation-plans/${filed.id}/response`, { items: [item('x', '2026-12-01')] }))
        .status,
    ).toBe(409);

    // The ticket cited breached before the plan: not a notice. A new P1 breaches after it: one.
    await at('2026-11-07T10:00:00Z');
    const another = await ok(
      owner.post('/tickets', { clientId: client.id, title: 'Server down', priority: 'P1' }),
      201,
    );
    clock.now = new Date('2026-11-07T12:00:00Z');
    await t.services.tickets.recomputeDue();
    await ok(owner.post(`/tickets/${another.id}/status`, { status: 'resolved' }));
    expect(await sweep()).toBeGreaterThanOrEqual(1);
    // The first item's date passes while it is still open.
    await at('2026-11-11T09:00:00Z');
    await sweep();
    await sweep();
    const counted = await ok(ada.session.get(`/portal/remediation-plans/${filed.id}`));
    expect(counted.notices.map((n: Json) => [n.kind, n.label])).toEqual([
      ['p1_breach', `P1 ticket #${another.number} Server down: first response target missed`],
      ['item_overdue', 'Missed its date, 10 November 2026: No one on call at night'],
    ]);
    expect(counted.phase).toBe('in_progress');
    // Each notice was told once: to the client's admin by mail, with the portal's link.
    const mails = await t.handle.db
      .select()
      .from(outboundEmails)
      .where(eq(outboundEmails.toAddress, ada.email));
    const told = mails.filter(
      (mail) => mail.subject === 'Remediation plan at Contoso: Slow answers to outages',
    );
    expect(told.map((mail) => mail.textBody.includes(`/portal/plans/${filed.id}`))).toEqual([true, true]);
    // The second item is done in time: it never counts.
    await ok(
      owner.patch(`/remediation-items/${counted.items[1].id}`, {
        status: 'done',
        note: 'Alerts page the rota',
      }),
    );

    // Two of three notices, the time box running: no decision yet.
    const early = await ada.session.post(`/portal/remediation-plans/${filed.id}/decision`, {
      decision: 'terminate',
      reason: 'Enough.',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('remediation.decision_not_due');

    await at('2027-01-05T09:00:00Z');
    const due = await ok(ada.session.get(`/portal/remediation-plans/${filed.id}`));
    expect(due).toMatchObject({ phase: 'decision_due', decisionDueBecause: 'time_box_ended' });
    expect(
      (
        await ada.session.post(`/portal/remediation-plans/${filed.id}/decision`, {
          decision: 'extend',
          reason: 'More time',
        })
      ).status,
    ).toBe(400);
    const decided = await ok(
      ada.session.post(`/portal/remediation-plans/${filed.id}/decision`, {
        decision: 'terminate',
        reason: 'Two of the three promises were missed.',
      }),
    );
    expect(decided).toMatchObject({
      phase: 'decided',
      decisions: [{ decision: 'terminate', byName: 'Ada Admin', via: 'portal', extendedTo: null }],
    });
    expect(decided.handover.map((s: Json) => [s.key, s.doneAt])).toContainEqual(['data_export', null]);
    const ticked = await ok(owner.put(`/remediation-plans/${filed.id}/handover/data_export`, { done: true }));
    expect(ticked.handover.find((s: Json) => s.key === 'data_export')).toMatchObject({
      doneByName: 'Olivia Owner',
    });
    expect(
      (await owner.post(`/remediation-plans/${filed.id}/decision`, { decision: 'continue', reason: 'x' }))
        .status,
    ).toBe(409);

    const letter = await ada.session.request('GET', `/portal/remediation-plans/${filed.id}/letter.pdf`);
    expect(letter.headers.get('content-type')).toBe('application/pdf');
    expect(String(letter.body).startsWith('%PDF')).toBe(true);
    const exported = await owner.request('GET', `/clients/${client.id}/export`);
    expect(exported.status).toBe(200);
    const data = JSON.parse(String(exported.body));
    expect(data).toMatchObject({ format: 'accord.client-export', client: { name: 'Contoso' } });
    expect(data.tickets.map((ticket: Json) => ticket.title)).toEqual(['Mail down', 'Server down']);
    expect(String(exported.body)).not.toContain('INTERNAL');
    const own = await ada.session.request('GET', '/portal/export');
    expect(JSON.parse(String(own.body)).tickets).toHaveLength(2);
  });

  it('refuses evidence of another client, a user’s filing, and another client’s plan', async () => {
    const { owner, client } = await setUp();
    const ada = await portalPerson(t, owner, client.id, { name: 'Ada', role: 'client_admin' });
    const uma = await portalPerson(t, owner, client.id, { name: 'Uma', role: 'client_user' });
    const other = (await owner.post('/clients', { name: 'Fabrikam' })).body;
    const theirs = await ok(
      owner.post('/tickets', { clientId: other.id, title: 'Payroll', priority: 'P2' }),
      201,
    );
    const cited = await ada.session.post('/portal/remediation-plans', {
      title: 'x',
      concern: 'y',
      evidence: [{ kind: 'ticket', id: theirs.id }],
    });
    expect(cited.status).toBe(400);
    expect((await uma.session.post('/portal/remediation-plans', { title: 'x', concern: 'y' })).status).toBe(
      403,
    );
    const fabrikams = await ok(
      owner.post('/remediation-plans', {
        clientId: other.id,
        direction: 'client_to_msp',
        title: 'x',
        concern: 'y',
      }),
      201,
    );
    expect((await ada.session.get(`/portal/remediation-plans/${fabrikams.id}`)).status).toBe(404);
    expect((await ok(ada.session.get('/portal/remediation-plans'))).items).toEqual([]);
    const noVendor = await owner.post('/remediation-plans', {
      clientId: client.id,
      direction: 'msp_to_vendor',
      title: 'x',
      concern: 'y',
    });
    expect(noVendor.status).toBe(400);
    const unknown = await owner.post('/remediation-plans', {
      clientId: '00000000-0000-0000-0000-000000000000',
      direction: 'client_to_msp',
      title: 'x',
      concern: 'y',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('client.not_found');
    expect((await ok(owner.get('/remediation-plans?state=all'))).items).toHaveLength(1);
  });
});

describe('plans about vendors', () => {
  it('asks the client to bring a vendor under the agreement with a vendor notice, and the MSP decides', async () => {
    clock.now = new Date();
    const tenant = await t.newTenant();
    const { owner } = tenant;
    const client = (await owner.post('/clients', { name: 'Harbour Dental' })).body;
    const vendor = (await owner.post('/vendors', { name: 'Dentrix Inc' })).body;
    await ok(
      owner.post(`/vendors/${vendor.id}/engagements`, { clientId: client.id, product: 'Dentrix' }),
      201,
    );
    const ada = await portalPerson(t, owner, client.id, { name: 'Ada', role: 'client_admin' });
    const plan = await ok(
      owner.post('/remediation-plans', {
        clientId: client.id,
        direction: 'msp_to_client',
        vendorId: vendor.id,
        title: 'Bring Dentrix under the agreement',
        concern: 'Dentrix changes your server outside any window.',
      }),
      201,
    );
    const notice = await ok(owner.get(`/vendor-notices/${plan.vendorNoticeId}`));
    expect(notice).toMatchObject({ clientId: client.id, vendorId: vendor.id, withdrawnAt: null });
    expect(notice.text).toContain('Dentrix changes your server');
    // The client answers this one, in the portal.
    const answered = await ok(
      ada.session.post(`/portal/remediation-plans/${plan.id}/response`, {
        items: [item('Dentrix has no change window', soon())],
      }),
    );
    const done = await ok(
      ada.session.patch(`/portal/remediation-items/${answered.items[0].id}`, {
        status: 'done',
        note: 'Agreed with Dentrix',
      }),
    );
    expect(done.items[0]).toMatchObject({ status: 'done', note: 'Agreed with Dentrix' });
    // The MSP decides; with every item done it may before the time box ends.
    expect(
      (
        await ada.session.post(`/portal/remediation-plans/${plan.id}/decision`, {
          decision: 'continue',
          reason: 'x',
        })
      ).body.error.code,
    ).toBe('remediation.not_your_side');
    const decided = await ok(
      owner.post(`/remediation-plans/${plan.id}/decision`, {
        decision: 'continue',
        reason: 'Dentrix now asks first.',
      }),
    );
    expect(decided).toMatchObject({ phase: 'decided', handover: null, decisions: [{ via: 'staff' }] });
  });

  it('counts a vendor’s new incidents, takes the MSP’s recommendation, extends, and reminds before the end', async () => {
    clock.now = new Date();
    const tenant = await t.newTenant();
    const { owner } = tenant;
    const client = (await owner.post('/clients', { name: 'Northside Clinic' })).body;
    const vendor = (await owner.post('/vendors', { name: 'Sage' })).body;
    await ok(
      owner.post(`/vendors/${vendor.id}/engagements`, { clientId: client.id, product: 'Sage 50' }),
      201,
    );
    const plan = await ok(
      owner.post('/remediation-plans', {
        clientId: client.id,
        direction: 'msp_to_vendor',
        vendorId: vendor.id,
        title: 'Sage updates break the accounts PC',
        concern: 'Three updates this quarter needed clean-up.',
        timeBoxDays: 40,
        noticeLimit: 1,
      }),
      201,
    );
    // Staff record the items the vendor sent, and recommend.
    const soonAtStart = soon();
    await ok(
      owner.post(`/remediation-plans/${plan.id}/response`, {
        items: [item('Updates untested', soonAtStart)],
      }),
    );
    const recommended = await ok(
      owner.post(`/remediation-plans/${plan.id}/recommendation`, {
        decision: 'extend',
        reason: 'They are trying.',
      }),
    );
    expect(recommended.recommendation).toMatchObject({ decision: 'extend', byName: 'Olivia Owner' });
    // An incident for this vendor's changes at the client, and one for another vendor: the first counts,
    // and reaches the limit of one.
    const incident = async (vendorId: string) => {
      const ticket = await ok(
        owner.post('/tickets', { clientId: client.id, title: 'Accounts PC broken', priority: 'P2' }),
        201,
      );
      await t.handle.db.update(tickets).set({ vendorId }).where(eq(tickets.id, ticket.id));
      return ticket;
    };
    const other = (await owner.post('/vendors', { name: 'Intuit' })).body;
    await incident(other.id);
    const sages = await incident(vendor.id);
    await sweep();
    const limited = await ok(owner.get(`/remediation-plans/${plan.id}`));
    expect(limited.notices.map((n: Json) => n.label)).toEqual([
      `Incident #${sages.number}: Accounts PC broken`,
    ]);
    expect(limited).toMatchObject({ phase: 'decision_due', decisionDueBecause: 'notice_limit_reached' });

    // The client's decision, recorded by staff: extend by a month. The reminders start again.
    const start = clock.now;
    const days = (n: number) => new Date(start.getTime() + n * 86_400_000);
    clock.now = days(10);
    await sweep();
    const extendedTo = days(45).toISOString().slice(0, 10);
    const extended = await ok(
      owner.post(`/remediation-plans/${plan.id}/decision`, {
        decision: 'extend',
        reason: 'The client gives Sage a month.',
        extendedTo,
      }),
    );
    expect(extended).toMatchObject({
      endsOn: extendedTo,
      decisions: [{ decision: 'extend', via: 'staff', extendedTo }],
    });
    await sweep();
    clock.now = days(39);
    await sweep();
    await sweep();
    const reminders = await t.handle.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.tenantId, tenant.tenantId), eq(domainEvents.type, 'remediation.reminder')));
    expect(
      reminders
        .filter((event) => (event.payload as Json).kind === 'ends_soon')
        .map((event) => (event.payload as Json).daysLeft),
    ).toEqual([30, 6]);
    // Two notices, each told once: Sage's incident, and the item whose date passed on day 20.
    expect(
      reminders
        .filter((event) => (event.payload as Json).kind === 'notice')
        .map((event) => (event.payload as Json).notice),
    ).toEqual([
      `Incident #${sages.number}: Accounts PC broken`,
      `Missed its date, ${dayInWords(soonAtStart)}: Updates untested`,
    ]);
  });

  it('lets the vendor’s person answer a plan about their vendor, without the MSP’s advice to the client', async () => {
    clock.now = new Date();
    const { owner } = await t.newTenant();
    const client = (await owner.post('/clients', { name: 'Harbour Dental' })).body;
    const vendor = (await owner.post('/vendors', { name: 'Dentrix Inc' })).body;
    const other = (await owner.post('/vendors', { name: 'Sage' })).body;
    for (const v of [vendor, other]) {
      await ok(owner.post(`/vendors/${v.id}/engagements`, { clientId: client.id, product: v.name }), 201);
    }
    const email = uniqueEmail('vendor');
    const invited = await ok(owner.post(`/vendors/${vendor.id}/users`, { name: 'Dana Vendor', email }), 201);
    const token = (invited.invitation.url as string).split('/invitation/')[1]!;
    await ok(t.anonymous.post(`/public/invitations/${token}`, { password: PORTAL_PASSWORD }), 204);
    const dana = await t.signIn(email, PORTAL_PASSWORD);
    const file = (vendorId: string | null, direction: string) =>
      ok(
        owner.post('/remediation-plans', {
          clientId: client.id,
          direction,
          vendorId,
          title: 'Updates outside windows',
          concern: 'Three updates broke the practice server.',
        }),
        201,
      );
    const ours = await file(vendor.id, 'msp_to_vendor');
    const theirs = await file(other.id, 'msp_to_vendor');
    await file(null, 'client_to_msp');
    await ok(
      owner.post(`/remediation-plans/${ours.id}/recommendation`, {
        decision: 'terminate',
        reason: 'Third strike',
      }),
    );

    const listed = await ok(dana.get('/vendor-portal/remediation-plans'));
    expect(listed.items.map((plan: Json) => [plan.id, plan.recommendation])).toEqual([[ours.id, null]]);
    expect((await dana.get(`/vendor-portal/remediation-plans/${theirs.id}`)).status).toBe(404);
    const answered = await ok(
      dana.post(`/vendor-portal/remediation-plans/${ours.id}/response`, {
        text: 'We will test updates first.',
        items: [item('Updates are not tested', soon())],
      }),
    );
    expect(answered).toMatchObject({
      respondedByName: 'Dana Vendor',
      recommendation: null,
      phase: 'in_progress',
    });
    const done = await ok(
      dana.patch(`/vendor-portal/remediation-items/${answered.items[0].id}`, { status: 'done' }),
    );
    expect(done.items[0].status).toBe('done');
    expect(
      (
        await dana.post(`/vendor-portal/remediation-plans/${theirs.id}/response`, {
          items: [item('x', soon())],
        })
      ).status,
    ).toBe(404);
    // The staff still read the recommendation.
    expect((await ok(owner.get(`/remediation-plans/${ours.id}`))).recommendation.decision).toBe('terminate');
  });
});
