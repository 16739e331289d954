// An SLA history for statement and credit tests: a client measured round the clock in New York under a
// managed agreement, and October 2026's tickets imported with their history, seen from 5 November 2026.
import { expect } from 'vitest';
import { type ApiClient, type startTestApp, weekdays } from './http.ts';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** The clock the test app reads; tests move it. */
export interface MovableClock {
  now: Date;
}

export function slaHistory(t: TestApp, clock: MovableClock) {
  const allDay: [string, string][] = [['00:00', '24:00']];
  const at = (iso: string) => `${iso}:00Z`;

  /** A client measured round the clock in New York (P1: reply within 60 min, resolve within 240). */
  async function setUp() {
    clock.now = new Date('2026-11-05T15:00:00Z');
    const { owner, ownerEmail } = await t.newTenant();
    const calendar = (
      await owner.post('/calendars', {
        name: 'Round the clock',
        timeZone: 'America/New_York',
        weeklyHours: { ...weekdays(allDay), sat: allDay, sun: allDay },
        holidays: [],
      })
    ).body;
    const target = { firstResponseMinutes: 60, resolutionMinutes: 240 };
    const policy = (
      await owner.post('/sla-policies', {
        name: 'Managed',
        calendarId: calendar.id,
        targets: { P1: target, P2: target, P3: target, P4: target },
      })
    ).body;
    const client = (await owner.post('/clients', { name: 'Contoso', defaultSlaPolicyId: policy.id })).body;
    const agreement = (
      await owner.post('/agreements', {
        clientId: client.id,
        type: 'managed',
        name: 'Managed 2026',
        startsOn: '2026-01-01',
        hourlyRateCents: 15_000,
        isClientDefault: true,
        slaPolicyId: policy.id,
      })
    ).body;
    let imported = 0;
    const history = async (title: string, events: Record<string, unknown>[]) => {
      const response = await owner.post('/tickets/import', {
        externalId: `old-${++imported}`,
        clientId: client.id,
        title,
        priority: 'P1',
        events,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body;
    };
    /** Signs in again after the clock moved past the session's lifetime. */
    const later = (instant: string) => {
      clock.now = new Date(instant);
      return t.signIn(ownerEmail);
    };
    return { owner, client, agreement, history, later };
  }

  /** October's tickets: a late first reply, a pause on the client, one late in the evening of 31 October, one on an unmanaged server. */
  async function october(
    owner: ApiClient,
    client: { id: string },
    history: Awaited<ReturnType<typeof setUp>>['history'],
  ) {
    const late = await history('Mail server down', [
      { type: 'created', at: at('2026-10-05T14:00') },
      { type: 'public_reply', author: 'staff', at: at('2026-10-05T16:00') },
      { type: 'status', status: 'resolved', at: at('2026-10-05T17:00') },
    ]);
    const paused = await history('Line of business app', [
      { type: 'created', at: at('2026-10-10T14:00') },
      { type: 'public_reply', author: 'staff', at: at('2026-10-10T14:30') },
      { type: 'status', status: 'pending_client', at: at('2026-10-10T15:00'), message: 'Which user?' },
      { type: 'status', status: 'open', at: at('2026-10-11T15:00') },
      { type: 'status', status: 'resolved', at: at('2026-10-11T16:00') },
    ]);
    // 22:00 on 31 October in New York is already 1 November in UTC: the reply is due in October there.
    const halloween = await history('VPN', [
      { type: 'created', at: at('2026-11-01T02:00') },
      { type: 'public_reply', author: 'staff', at: at('2026-11-01T02:30') },
    ]);
    const unmanaged = await history('Old NAS', [
      { type: 'created', at: at('2026-10-20T14:00') },
      { type: 'public_reply', author: 'staff', at: at('2026-10-20T18:00') },
    ]);
    const nas = (
      await owner.post('/assets', { clientId: client.id, name: 'NAS01', type: 'server', isManaged: false })
    ).body;
    expect((await owner.put(`/tickets/${unmanaged.id}/assets`, { assetIds: [nas.id] })).status).toBe(200);
    return { late, paused, halloween, unmanaged };
  }

  return { setUp, october };
}
