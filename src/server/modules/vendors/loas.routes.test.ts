import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { domainEvents } from '../../db/schema.ts';

let now = new Date('2026-11-22T09:00:00Z');
const t = await startTestApp({ clock: { now: () => now } });
const day = (offset: number) => new Date(Date.parse('2026-11-22T09:00:00Z') + offset * 86_400_000);

async function world() {
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const client = (await owner.post('/clients', { name: 'Bright Smile Dental' })).body;
  const vendor = (await owner.post('/vendors', { name: 'Henry Schein One', products: ['Dentrix'] })).body;
  const engagement = (
    await owner.post(`/vendors/${vendor.id}/engagements`, {
      clientId: client.id,
      product: 'Dentrix',
      supportContract: 'Premier #4471',
    })
  ).body;
  return { ...tenant, client, vendor, engagement };
}

function signedForm(file: { name: string; bytes: Buffer } | null, fields: Record<string, string> = {}) {
  const form = new FormData();
  const values = {
    signerName: 'Dr. Priya Patel',
    signerTitle: 'Practice owner',
    signedOn: '2026-11-20',
    expiresOn: '2027-11-20',
    ...fields,
  };
  for (const [key, value] of Object.entries(values)) form.set(key, value);
  if (file) form.set('file', new File([new Uint8Array(file.bytes)], file.name));
  return form;
}

const pdfBytes = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

describe('Letters of Agency', () => {
  it('are drafted, generated, sent and signed with a checked copy, then never edited', async () => {
    now = day(0);
    const w = await world();
    const { owner } = w;
    const draft = await owner.post(`/engagements/${w.engagement.id}/loas`, { signerName: 'Dr. Priya Patel' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      status: 'draft',
      vendorName: 'Henry Schein One',
      clientName: 'Bright Smile Dental',
      product: 'Dentrix',
      signerName: 'Dr. Priya Patel',
      file: null,
    });
    expect(draft.body.scope).toContain('Henry Schein One');
    const id = draft.body.id;
    expect((await owner.post(`/engagements/${w.engagement.id}/loas`, {})).body.error.code).toBe(
      'loa.pending_exists',
    );

    const letter = await owner.request('GET', `/loas/${id}/letter.pdf`);
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-type')).toBe('application/pdf');
    expect(letter.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Letter of Agency - Henry Schein One - Bright Smile Dental\.pdf"/,
    );
    expect(String(letter.body).startsWith('%PDF-')).toBe(true);

    expect((await owner.patch(`/loas/${id}`, { signerTitle: 'Practice owner' })).body.signerTitle).toBe(
      'Practice owner',
    );
    const sent = await owner.post(`/loas/${id}/send`, { sentTo: 'priya@brightsmile.example' });
    expect(sent.body).toMatchObject({
      status: 'sent',
      sentTo: 'priya@brightsmile.example',
      sentAt: now.toISOString(),
    });

    // Refused copies change nothing.
    const refusals: [FormData, string][] = [
      [signedForm(null), 'loa.file_invalid'],
      [
        signedForm({ name: 'signed.pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>') }),
        'loa.file_invalid',
      ],
      [signedForm({ name: 'signed.pdf', bytes: Buffer.alloc(0) }), 'loa.file_invalid'],
      [signedForm({ name: 'signed.pdf', bytes: pdfBytes }, { signedOn: '2026-12-25' }), 'request.invalid'],
      [signedForm({ name: 'signed.pdf', bytes: pdfBytes }, { expiresOn: '2026-11-01' }), 'request.invalid'],
      [signedForm({ name: 'signed.pdf', bytes: pdfBytes }, { expiresOn: 'soon' }), 'request.invalid'],
    ];
    for (const [form, code] of refusals) {
      const answer = await owner.post(`/loas/${id}/signed`, form);
      expect(answer.body.error?.code, JSON.stringify(answer.body)).toBe(code);
    }
    // Just over 10 MiB is the letter's limit; far over it, the request body's.
    const overLimit = Buffer.concat([pdfBytes, Buffer.alloc(10 * 1024 * 1024)]);
    const refusedSize = await owner.post(
      `/loas/${id}/signed`,
      signedForm({ name: 'big.pdf', bytes: overLimit }),
    );
    expect(refusedSize.body.error.code).toBe('loa.file_invalid');
    const huge = Buffer.concat([pdfBytes, Buffer.alloc(11 * 1024 * 1024)]);
    expect(
      (await owner.post(`/loas/${id}/signed`, signedForm({ name: 'big.pdf', bytes: huge }))).status,
    ).toBe(413);
    expect((await owner.get(`/loas/${id}`)).body).toMatchObject({ status: 'sent', file: null });

    const signed = await owner.post(
      `/loas/${id}/signed`,
      signedForm({ name: '../../etc/Signed LOA.pdf', bytes: pdfBytes }),
    );
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({
      status: 'signed',
      signedOn: '2026-11-20',
      expiresOn: '2027-11-20',
      file: { fileName: 'Signed LOA.pdf', contentType: 'application/pdf', size: pdfBytes.length },
    });
    const copy = await owner.request('GET', `/loas/${id}/signed-copy`);
    expect(copy.headers.get('content-type')).toBe('application/pdf');
    expect(copy.headers.get('content-disposition')).toMatch(/^attachment; filename="Signed LOA\.pdf"/);
    expect(copy.body).toBe(pdfBytes.toString());

    expect((await owner.patch(`/loas/${id}`, { scope: 'Anything' })).body.error.code).toBe(
      'loa.invalid_transition',
    );
    expect(
      (await owner.post(`/loas/${id}/signed`, signedForm({ name: 'x.pdf', bytes: pdfBytes }))).status,
    ).toBe(409);
    // A renewal is a new letter, drafted while the signed one is in force.
    expect((await owner.post(`/engagements/${w.engagement.id}/loas`, {})).status).toBe(201);
    expect(
      (await owner.get(`/loas?engagementId=${w.engagement.id}`)).body.items.map(
        (l: { status: string }) => l.status,
      ),
    ).toEqual(['draft', 'signed']);

    expect((await owner.post(`/loas/${id}/revoke`, { reason: '' })).status).toBe(400);
    const revoked = await owner.post(`/loas/${id}/revoke`, {
      reason: 'The practice moved to another vendor',
    });
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      revokedReason: 'The practice moved to another vendor',
    });
    expect((await owner.post(`/loas/${id}/revoke`, { reason: 'again' })).body.error.code).toBe(
      'loa.invalid_transition',
    );

    const audit = await owner.get(`/audit-events?targetType=letter_of_agency&targetId=${id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'letter_of_agency.create',
      'letter_of_agency.revoke',
      'letter_of_agency.send',
      'letter_of_agency.sign',
      'letter_of_agency.update',
    ]);
  });

  it('are announced 30 and 7 days before they end and once they have, each once, and then read as expired', async () => {
    now = day(0);
    const w = await world();
    const { owner } = w;
    const id = (await owner.post(`/engagements/${w.engagement.id}/loas`, {})).body.id;
    await owner.post(
      `/loas/${id}/signed`,
      signedForm(
        { name: 'signed.png', bytes: Buffer.from('89504e470d0a1a0a0000', 'hex') },
        { expiresOn: '2027-01-01' },
      ),
    );
    const announced = async () =>
      (
        await t.handle.db
          .select({ payload: domainEvents.payload })
          .from(domainEvents)
          .where(and(eq(domainEvents.tenantId, w.tenantId), eq(domainEvents.type, 'loa.expiring')))
      ).map((row) => (row.payload as { daysLeft: number }).daysLeft);

    expect(await t.services.loas.remindExpiring()).toBe(0);
    now = day(10); // 2 December: 30 days left
    await t.services.loas.remindExpiring();
    await t.services.loas.remindExpiring();
    expect(await announced()).toEqual([30]);
    now = day(35); // 27 December: 5 days left
    await t.services.loas.remindExpiring();
    expect(await announced()).toEqual([30, 5]);
    // Sessions end while the clock runs on: each read signs in afresh.
    const status = async () => (await (await t.signIn(w.ownerEmail)).get(`/loas/${id}`)).body.status;
    expect(await status()).toBe('signed');
    now = day(41); // 2 January: ended yesterday
    await t.services.loas.remindExpiring();
    await t.services.loas.remindExpiring();
    expect((await announced()).sort((a, b) => a - b)).toEqual([-1, 5, 30]);
    expect(await status()).toBe('expired');
    const later = await t.signIn(w.ownerEmail);
    expect((await later.get('/loas?status=expired')).body.items.map((l: { id: string }) => l.id)).toEqual([
      id,
    ]);
    expect((await later.get('/loas?status=signed')).body.items).toEqual([]);
  });
});
