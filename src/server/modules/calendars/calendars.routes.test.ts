import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';

const t = await startTestApp();

const office = (hours: [string, string][] = [['09:00', '17:00']]) => ({
  name: 'London office',
  timeZone: 'Europe/London',
  weeklyHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] },
  holidays: [] as string[],
});

describe('business calendars', () => {
  it('computes due times across a weekend, to exactly a closing, and in business minutes', async () => {
    const { owner } = await t.newTenant();
    const calendar = (await owner.post('/calendars', office())).body;
    expect(calendar.version).toBe(1);

    // Friday 16:00 + 2 h of business time = Monday 10:00 (GMT in November).
    const due = await owner.get(`/calendars/${calendar.id}/due?from=2026-11-20T16:00:00Z&minutes=120`);
    expect(due.body).toEqual({ dueAt: '2026-11-23T10:00:00.000Z' });
    const closing = await owner.get(`/calendars/${calendar.id}/due?from=2026-11-23T09:00:00Z&minutes=480`);
    expect(closing.body.dueAt).toBe('2026-11-23T17:00:00.000Z');
    const between = await owner.get(
      `/calendars/${calendar.id}/business-minutes?from=2026-11-20T16:00:00Z&to=2026-11-23T10:00:00Z`,
    );
    expect(between.body).toEqual({ minutes: 120 });
  });

  it('makes a new version on edit and keeps answering for the old one', async () => {
    const { owner } = await t.newTenant();
    const calendar = (await owner.post('/calendars', office())).body;
    const edited = await owner.put(`/calendars/${calendar.id}`, { ...office(), holidays: ['2026-11-23'] });
    expect(edited.body.version).toBe(2);

    const now = await owner.get(`/calendars/${calendar.id}/due?from=2026-11-20T16:00:00Z&minutes=120`);
    const then = await owner.get(
      `/calendars/${calendar.id}/due?from=2026-11-20T16:00:00Z&minutes=120&version=1`,
    );
    expect(now.body.dueAt).toBe('2026-11-24T10:00:00.000Z');
    expect(then.body.dueAt).toBe('2026-11-23T10:00:00.000Z');

    const renamed = await owner.put(`/calendars/${calendar.id}`, {
      ...office(),
      name: 'HQ',
      holidays: ['2026-11-23'],
    });
    expect(renamed.body).toMatchObject({ name: 'HQ', version: 2 });
    expect(
      (await owner.get(`/calendars/${calendar.id}/versions`)).body.items.map(
        (v: { version: number }) => v.version,
      ),
    ).toEqual([2, 1]);
  });

  it('rejects bad zones, inverted and overlapping ranges, bad dates and unknown fields, and stores nothing', async () => {
    const { owner } = await t.newTenant();
    const cases = [
      { ...office(), timeZone: 'Mars/Olympus' },
      office([['17:00', '09:00']]),
      office([
        ['09:00', '13:00'],
        ['12:00', '17:00'],
      ]),
      office([['09:00', '25:00']]),
      { ...office(), holidays: ['2026-02-30'] },
      { ...office(), colour: 'blue' },
    ];
    for (const body of cases) {
      const response = await owner.post('/calendars', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('request.invalid');
      expect(response.body.error.message.length).toBeGreaterThan(5);
    }
    expect((await owner.get('/calendars')).body.items).toHaveLength(0);
  });

  it('answers 422 when there is no business time within 366 days', async () => {
    const { owner } = await t.newTenant();
    const closed = (await owner.post('/calendars', office([]))).body;
    const response = await owner.get(`/calendars/${closed.id}/due?from=2026-11-20T16:00:00Z&minutes=1`);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('calendar.no_business_time');
  });

  it('validates the due query', async () => {
    const { owner } = await t.newTenant();
    const calendar = (await owner.post('/calendars', office())).body;
    expect((await owner.get(`/calendars/${calendar.id}/due?from=yesterday&minutes=5`)).status).toBe(400);
    expect(
      (await owner.get(`/calendars/${calendar.id}/due?from=2026-11-20T16:00:00Z&minutes=-5`)).status,
    ).toBe(400);
    expect(
      (await owner.get(`/calendars/${calendar.id}/due?from=2026-11-20T16:00:00Z&minutes=5&version=9`)).status,
    ).toBe(404);
  });

  it('keeps calendars per tenant and lets technicians read but not edit', async () => {
    const other = await t.newTenant('Other MSP');
    const theirs = (await other.owner.post('/calendars', office())).body;
    const { owner, member } = await t.newTenant();
    expect((await owner.get(`/calendars/${theirs.id}`)).status).toBe(404);
    const mine = (await owner.post('/calendars', office())).body;
    const technician = await member('technician');
    expect((await technician.get(`/calendars/${mine.id}`)).status).toBe(200);
    expect((await technician.put(`/calendars/${mine.id}`, office())).status).toBe(403);
  });
});
