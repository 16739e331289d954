import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';

const t = await startTestApp();

const week = (hours: [string, string][]) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: [] as [string, string][],
  sun: [] as [string, string][],
});
const allDay: [string, string][] = [['00:00', '24:00']];

async function calendars(owner: Awaited<ReturnType<typeof t.newTenant>>['owner']) {
  const office = (
    await owner.post('/calendars', {
      name: 'Office',
      timeZone: 'America/Chicago',
      weeklyHours: week([['08:00', '17:00']]),
      holidays: [],
    })
  ).body;
  const always = (
    await owner.post('/calendars', {
      name: '24x7',
      timeZone: 'UTC',
      weeklyHours: { ...week(allDay), sat: allDay, sun: allDay },
      holidays: [],
    })
  ).body;
  return { office, always };
}

const targets = (p1Calendar?: string) => ({
  P1: { firstResponseMinutes: 15, resolutionMinutes: 240, ...(p1Calendar ? { calendarId: p1Calendar } : {}) },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  P4: { firstResponseMinutes: 480, resolutionMinutes: 4800 },
});

describe('SLA policies', () => {
  it('stores targets per priority, with P1 on its own calendar, and versions edits', async () => {
    const { owner } = await t.newTenant();
    const { office, always } = await calendars(owner);
    const created = await owner.post('/sla-policies', {
      name: 'Managed standard',
      calendarId: office.id,
      targets: targets(always.id),
    });
    expect(created.status).toBe(201);
    expect(created.body.targets.P1.calendarId).toBe(always.id);

    const tightened = { ...targets(always.id), P2: { firstResponseMinutes: 30, resolutionMinutes: 480 } };
    const edited = await owner.put(`/sla-policies/${created.body.id}`, {
      name: 'Managed standard',
      calendarId: office.id,
      targets: tightened,
    });
    expect(edited.body.version).toBe(2);
    const versions = (await owner.get(`/sla-policies/${created.body.id}/versions`)).body.items;
    expect(
      versions.map(
        (v: { targets: { P2: { firstResponseMinutes: number } } }) => v.targets.P2.firstResponseMinutes,
      ),
    ).toEqual([30, 60]);
  });

  it('rejects a missing priority, a first response longer than resolution, and a foreign calendar', async () => {
    const other = await t.newTenant('Other MSP');
    const foreign = (await calendars(other.owner)).office;
    const { owner } = await t.newTenant();
    const { office } = await calendars(owner);
    const { P4: _dropped, ...missingP4 } = targets();
    const cases = [
      { name: 'No P4', calendarId: office.id, targets: missingP4 },
      {
        name: 'Backwards',
        calendarId: office.id,
        targets: { ...targets(), P3: { firstResponseMinutes: 600, resolutionMinutes: 60 } },
      },
      { name: 'Foreign', calendarId: foreign.id, targets: targets() },
      { name: 'Foreign P1', calendarId: office.id, targets: targets(foreign.id) },
    ];
    for (const body of cases) {
      const response = await owner.post('/sla-policies', body);
      expect(response.status, body.name).toBe(400);
    }
    expect((await owner.get('/sla-policies')).body.items).toHaveLength(0);
  });

  it('can be a client default', async () => {
    const { owner } = await t.newTenant();
    const { office } = await calendars(owner);
    const policy = (
      await owner.post('/sla-policies', { name: 'Std', calendarId: office.id, targets: targets() })
    ).body;
    const client = await owner.post('/clients', {
      name: 'Prairie Clinic',
      defaultCalendarId: office.id,
      defaultSlaPolicyId: policy.id,
    });
    expect(client.status).toBe(201);
    expect(client.body.defaultSlaPolicyId).toBe(policy.id);
  });
});
