import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { vendorEngagements, vendors } from '../vendors/vendors.table.ts';

/** The server's clock, moved back by `daysAgo` while old requests are made. */
let daysAgo = 0;
const DAY = 24 * 3_600_000;
const t = await startTestApp({ clock: { now: () => new Date(Date.now() - daysAgo * DAY) } });
const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.now() - daysAgo * DAY + hours * HOUR).toISOString();

async function feed(url: string) {
  const response = await t.app.request(url);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** Unfolds continuation lines (RFC 5545 §3.1). */
const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('change calendar feed', () => {
  it('serves approved, started and completed windows of the last 90 days and the future as iCal', async () => {
    const { owner, tenantId, member } = await t.newTenant();
    const client = (await owner.post('/clients', { name: 'Harbour Dental' })).body;
    const other = (await owner.post('/clients', { name: 'Quayside Freight' })).body;
    const asset = async (clientId: string, name: string) =>
      (await owner.post('/assets', { clientId, type: 'server', name })).body.id as string;
    const server = await asset(client.id, 'HD-SRV01, main; "A"');
    const desk = await asset(client.id, 'HD-DESK');
    const freight = await asset(other.id, 'QF-SRV01');
    const [vendor] = await t.handle.db
      .insert(vendors)
      .values({ tenantId, name: 'Dentrix; Support' })
      .returning();
    await t.handle.db
      .insert(vendorEngagements)
      .values({ tenantId, vendorId: vendor!.id, clientId: client.id, product: 'Dentrix' });

    const raise = async (
      title: string,
      extra: Record<string, unknown> = {},
      actions: string[] = ['approve'],
    ) => {
      const created = await owner.post('/change-requests', {
        clientId: client.id,
        assetIds: [server, desk],
        title,
        description: 'Update',
        risk: 'low',
        backOutPlan: 'Snapshot',
        windowStart: at(2),
        windowEnd: at(4),
        ...extra,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      for (const action of actions) {
        const done = await owner.post(`/change-requests/${created.body.id}/${action}`, { reason: 'r' });
        expect(done.status, JSON.stringify(done.body)).toBe(200);
      }
      return created.body;
    };
    daysAgo = 120;
    await raise('Long ago');
    daysAgo = 30;
    const month = await raise('Last month', {}, ['approve', 'start', 'complete']);
    daysAgo = 0;
    const next = await raise(`Upgrade, then restart; ${'long words '.repeat(12)}`, { vendorId: vendor!.id });
    const started = await raise('Started', {}, ['approve', 'start']);
    await raise('Only requested', {}, []);
    await raise('Rejected', {}, ['reject']);
    await raise('Cancelled', {}, ['approve', 'cancel']);
    await owner.post('/change-requests', {
      clientId: other.id,
      assetIds: [freight],
      title: 'Other client',
      description: 'x',
      risk: 'low',
      backOutPlan: 'x',
      windowStart: at(2),
      windowEnd: at(3),
    });

    expect((await owner.get(`/clients/${client.id}/change-calendar`)).body).toEqual({
      active: false,
      createdAt: null,
    });
    const created = await owner.post(`/clients/${client.id}/change-calendar`);
    expect(created.status).toBe(201);
    const url: string = created.body.url;
    expect(url).toMatch(/^http:\/\/localhost\/calendar\/changes\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await owner.get(`/clients/${client.id}/change-calendar`)).body.active).toBe(true);

    const answer = await feed(url);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('text/calendar; charset=utf-8');
    expect(answer.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(answer.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of answer.text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const text = unfold(answer.text);
    const summaries = [...text.matchAll(/^SUMMARY:(.*)$/gm)].map((m) => m[1]);
    expect(summaries).toEqual([
      `CR-2: Last month`,
      `CR-3: Upgrade\\, then restart\\; ${'long words '.repeat(12).trim()} (Dentrix\\; Support)`,
      'CR-4: Started',
    ]);
    expect(text).toContain(`UID:${next.id}@localhost\r\n`);
    expect(text).toContain(`UID:${month.id}@localhost\r\n`);
    expect(text).toContain(`UID:${started.id}@localhost\r\n`);
    const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(text).toContain(`DTSTART:${stamp(next.windowStart)}\r\nDTEND:${stamp(next.windowEnd)}\r\n`);
    expect(text).toContain('DESCRIPTION:Assets: HD-DESK\\, HD-SRV01\\, main\\; "A"\\nRisk: low');

    // Rotating makes a new URL and the old one a bare 404; turning it off ends the new one too.
    const rotated = (await owner.post(`/clients/${client.id}/change-calendar`)).body.url;
    expect(rotated).not.toBe(url);
    expect(await feed(url)).toMatchObject({ status: 404, text: '' });
    expect((await feed(rotated)).status).toBe(200);
    const technician = await member('technician', { allClients: true });
    expect((await technician.post(`/clients/${client.id}/change-calendar`)).status).toBe(403);
    expect((await owner.delete(`/clients/${client.id}/change-calendar`)).status).toBe(204);
    expect((await feed(rotated)).status).toBe(404);
    expect((await feed('/calendar/changes/not-a-token.ics')).status).toBe(404);
    expect((await feed('/calendar/changes/')).status).toBe(404);

    const audit = await owner.get(`/audit-events?targetType=client&targetId=${client.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['change_calendar.rotate', 'change_calendar.delete']),
    );
  });

  it('builds the URL on PUBLIC_URL when it is set', async () => {
    const local = await startTestApp({ app: { publicUrl: 'https://psa.example.com/some/path' } });
    const { owner } = await local.newTenant();
    const client = (await owner.post('/clients', { name: 'Harbour Dental' })).body;
    const { url } = (await owner.post(`/clients/${client.id}/change-calendar`)).body;
    expect(url).toMatch(/^https:\/\/psa\.example\.com\/calendar\/changes\/[\w-]+\.ics$/);
    const answer = await local.app.request(new URL(url).pathname);
    expect(answer.status).toBe(200);
    expect(await answer.text()).not.toContain('BEGIN:VEVENT');
  });
});
