import { describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp } from '../../../../test/http.ts';

const t = await startTestApp();

type Named = { id: string; name: string };

async function setUp() {
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const client = (await owner.post('/clients', { name: 'Contoso' })).body;
  const items: Named[] = (await owner.get('/catalog-items')).body.items;
  const item = (name: string) => items.find((i) => i.name === name)!;
  const workTypes: Named[] = (await owner.get('/work-types')).body.items;
  const roles: Named[] = (await owner.get('/work-roles')).body.items;
  return { ...tenant, client, item, workTypes, roles };
}

const managed = (clientId: string, overrides: Record<string, unknown> = {}) => ({
  clientId,
  type: 'managed',
  name: 'Managed Servers 2026',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  hourlyRateCents: 15_000,
  ...overrides,
});

const breakFix = (clientId: string, overrides: Record<string, unknown> = {}) => ({
  clientId,
  type: 'break_fix',
  name: 'Break/fix 2026',
  startsOn: '2026-01-01',
  hourlyRateCents: 17_500,
  afterHoursPercent: 150,
  weekendPercent: 200,
  holidayPercent: 200,
  ...overrides,
});

async function create(actor: ApiClient, body: unknown) {
  const response = await actor.post('/agreements', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('agreements', () => {
  it('are made by billing with rates, tiers, coverage, exclusions, a fallback and recurring fees, and read by technicians', async () => {
    const { owner, member, client, item, workTypes, roles } = await setUp();
    const billing = await member('billing', { allClients: true });
    const technician = await member('technician', { clientIds: [client.id] });
    const fallback = await create(billing, breakFix(client.id));
    const project = workTypes.find((w) => w.name === 'Project')!;
    const engineer = roles.find((r) => r.name === 'Engineer')!;

    const agreement = await create(
      billing,
      managed(client.id, {
        isClientDefault: true,
        roleRates: [{ workRoleId: engineer.id, hourlyRateCents: 19_500 }],
        afterHoursPercent: 150,
        coveredServiceIds: [item('Remote server administration').id],
        coveredAssetTypes: ['server', 'server'],
        excludedTicketTypes: ['change'],
        excludedWorkTypeIds: [project.id],
        fallbackAgreementId: fallback.id,
        onsiteMinimumMinutes: 60,
        tripChargeCents: 4_500,
        roundingMinutes: 15,
        recurringLines: [
          {
            catalogItemId: item('Remote server administration').id,
            quantity: 3,
            minimumQuantity: 2,
            unitPriceCents: 12_500,
          },
        ],
      }),
    );
    expect(agreement).toMatchObject({
      clientName: 'Contoso',
      currency: 'USD',
      type: 'managed',
      isClientDefault: true,
      coveredAssetTypes: ['server'],
      fallbackAgreementId: fallback.id,
      fallbackAgreementName: 'Break/fix 2026',
      vendorCausedWork: 'graduated',
      roleRates: [{ workRoleId: engineer.id, workRoleName: 'Engineer', hourlyRateCents: 19_500 }],
      recurringLines: [
        {
          catalogItemName: 'Remote server administration',
          unit: 'per_device',
          quantity: 3,
          minimumQuantity: 2,
          unitPriceCents: 12_500,
        },
      ],
    });

    const read = await technician.get(`/agreements/${agreement.id}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('Managed Servers 2026');
    const listed = await technician.get(`/agreements?clientId=${client.id}`);
    expect(listed.body.items.map((a: Named) => a.name)).toEqual(['Break/fix 2026', 'Managed Servers 2026']);
    expect((await technician.post('/agreements', breakFix(client.id, { name: 'Mine' }))).status).toBe(403);
    expect((await technician.patch(`/agreements/${agreement.id}`, { name: 'Mine' })).status).toBe(403);

    const edited = await owner.patch(`/agreements/${agreement.id}`, {
      recurringLines: [],
      roundingMinutes: 6,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ recurringLines: [], roundingMinutes: 6, hourlyRateCents: 15_000 });
  });

  it('refuse bad input with a clear message and change nothing', async () => {
    const { owner, client, item, workTypes } = await setUp();
    const refused = async (body: unknown, path: string[], message: RegExp) => {
      const response = await owner.post('/agreements', body);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      const detail = response.body.error.details.find(
        (d: { path: string[] }) => d.path.join('.') === path.join('.'),
      );
      expect(detail?.message, JSON.stringify(response.body.error)).toMatch(message);
    };
    await refused(managed(client.id, { endsOn: '2025-12-31' }), ['endsOn'], /cannot end before it starts/);
    await refused(managed(client.id, { hourlyRateCents: -100 }), ['hourlyRateCents'], /negative/);
    await refused(managed(client.id, { afterHoursPercent: 90 }), ['afterHoursPercent'], /at least 100/);
    await refused(
      { ...managed(client.id), type: 'block_hours' },
      ['blockMinutes'],
      /block hours agreement needs a block size/,
    );
    await refused(managed(client.id, { retainerCents: 100 }), ['retainerCents'], /Only retainer/);
    await refused(
      managed(client.id, { excludedWorkTypeIds: [crypto.randomUUID()] }),
      ['excludedWorkTypeIds'],
      /No such work type/,
    );
    await refused(
      managed(client.id, { fallbackAgreementId: crypto.randomUUID() }),
      ['fallbackAgreementId'],
      /another agreement of the same client/,
    );

    const euro = (await owner.post('/clients', { name: 'Fabrikam GmbH', currency: 'EUR' })).body;
    await refused(
      managed(euro.id, {
        recurringLines: [{ catalogItemId: item('Help desk').id, quantity: 10, unitPriceCents: 100 }],
      }),
      ['recurringLines', '0', 'catalogItemId'],
      /Currency mismatch/,
    );
    const mismatch = await owner.post(
      '/agreements',
      managed(euro.id, {
        recurringLines: [{ catalogItemId: item('Help desk').id, quantity: 10, unitPriceCents: 100 }],
      }),
    );
    expect(mismatch.body.error.message).toMatch(/priced in USD, but this client is billed in EUR/);

    await create(owner, managed(client.id, { isClientDefault: true }));
    await refused(
      breakFix(client.id, { isClientDefault: true, startsOn: '2026-06-01' }),
      ['isClientDefault'],
      /already the client's default from 2026-01-01 to 2026-12-31/,
    );
    expect(workTypes.length).toBeGreaterThan(0);
    expect((await owner.get(`/agreements?clientId=${client.id}`)).body.items).toHaveLength(1);
  });

  it('keep their fallback chains free of loops and within one client', async () => {
    const { owner, client } = await setUp();
    const other = (await owner.post('/clients', { name: 'Other' })).body;
    const first = await create(owner, breakFix(client.id, { name: 'First' }));
    const second = await create(
      owner,
      breakFix(client.id, { name: 'Second', fallbackAgreementId: first.id }),
    );
    const loop = await owner.patch(`/agreements/${first.id}`, { fallbackAgreementId: second.id });
    expect(loop.status).toBe(400);
    expect(loop.body.error.message).toMatch(/come back to this agreement/);
    const elsewhere = await create(owner, breakFix(other.id, { name: 'Elsewhere' }));
    const foreign = await owner.patch(`/agreements/${first.id}`, { fallbackAgreementId: elsewhere.id });
    expect(foreign.status).toBe(400);
    expect((await owner.get(`/agreements/${first.id}`)).body.fallbackAgreementId).toBeNull();
  });

  it('are deleted only while nothing uses them', async () => {
    const { owner, client } = await setUp();
    const fallback = await create(owner, breakFix(client.id));
    await create(owner, managed(client.id, { fallbackAgreementId: fallback.id }));
    const inUse = await owner.delete(`/agreements/${fallback.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('agreement.in_use');
    const unused = await create(owner, breakFix(client.id, { name: 'Spare' }));
    expect((await owner.delete(`/agreements/${unused.id}`)).status).toBe(204);
    expect((await owner.get(`/agreements/${unused.id}`)).status).toBe(404);
  });

  it("fix the client's currency once it has one", async () => {
    const { owner, client } = await setUp();
    expect((await owner.patch(`/clients/${client.id}`, { currency: 'GBP' })).body.currency).toBe('GBP');
    const agreement = await create(owner, managed(client.id));
    expect(agreement.currency).toBe('GBP');
    const refused = await owner.patch(`/clients/${client.id}`, { currency: 'EUR' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/agreements are in GBP/);
  });

  it('report whether they are upcoming, active or ended', async () => {
    const { owner, client } = await setUp();
    await create(owner, breakFix(client.id, { name: 'Old', startsOn: '2020-01-01', endsOn: '2020-12-31' }));
    await create(owner, breakFix(client.id, { name: 'Now', startsOn: '2020-01-01' }));
    await create(owner, breakFix(client.id, { name: 'Later', startsOn: '2099-01-01' }));
    const status = async (s: string) =>
      (await owner.get(`/agreements?clientId=${client.id}&status=${s}`)).body.items.map((a: Named) => a.name);
    expect(await status('ended')).toEqual(['Old']);
    expect(await status('active')).toEqual(['Now']);
    expect(await status('upcoming')).toEqual(['Later']);
  });
});

describe('work roles', () => {
  it('ship as Technician, Engineer and Project manager, are unique by name, and are given to staff', async () => {
    const { owner, member, roles } = await setUp();
    expect(roles.map((r) => r.name)).toEqual(['Technician', 'Engineer', 'Project manager']);
    expect((await owner.post('/work-roles', { name: 'engineer' })).status).toBe(409);
    const architect = (await owner.post('/work-roles', { name: 'Architect' })).body;

    const technician = await member('technician');
    const technicianId = (await technician.get('/auth/session')).body.membership.id;
    expect((await owner.put(`/users/${technicianId}/work-role`, { workRoleId: architect.id })).status).toBe(
      204,
    );
    expect((await owner.get('/work-roles/assignments')).body.items).toEqual([
      { membershipId: technicianId, workRoleId: architect.id },
    ]);
    expect((await technician.put(`/users/${technicianId}/work-role`, { workRoleId: null })).status).toBe(403);

    await owner.patch(`/work-roles/${architect.id}`, { archived: true });
    const archived = await owner.put(`/users/${technicianId}/work-role`, { workRoleId: architect.id });
    expect(archived.status).toBe(422);
    expect((await owner.put(`/users/${technicianId}/work-role`, { workRoleId: null })).status).toBe(204);
    expect((await owner.get('/work-roles/assignments')).body.items).toEqual([]);
  });
});
