import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { catalogCategories, defaultCatalogItems } from '../../../shared/api/catalog.ts';

const t = await startTestApp();

type Named = { id: string; name: string };
const names = (items: Named[]) => items.map((x) => x.name);

const advisory = (overrides: Record<string, unknown> = {}) => ({
  category: 'advisory',
  name: 'vCIO retainer',
  unit: 'flat',
  priceCents: 120_000,
  ...overrides,
});

describe('a new organization', () => {
  it('starts with the standard catalog in every category and two tax codes, "No tax" the default', async () => {
    const { member } = await t.newTenant();
    const technician = await member('technician');
    const codes = await technician.get('/tax-codes');
    expect(codes.status).toBe(200);
    expect(
      codes.body.items.map((c: { name: string; rateBasisPoints: number; isDefault: boolean }) => [
        c.name,
        c.rateBasisPoints,
        c.isDefault,
      ]),
    ).toEqual([
      ['Exempt', 0, false],
      ['No tax', 0, true],
    ]);
    const noTax = codes.body.items.find((c: Named) => c.name === 'No tax');

    const items = (await technician.get('/catalog-items')).body.items;
    expect(items).toHaveLength(defaultCatalogItems.length);
    expect(new Set(items.map((i: { category: string }) => i.category))).toEqual(new Set(catalogCategories));
    expect(names(items)).toContain('Help desk');
    for (const item of items) {
      expect(item).toMatchObject({ priceCents: 0, currency: 'USD', taxCodeId: noTax.id, archived: false });
    }
    const seats = items.find((i: Named) => i.name === 'Microsoft 365 seat');
    expect(seats).toMatchObject({ unit: 'per_user', isResale: true, unitCostCents: 0 });
    const servers = items.find((i: Named) => i.name === 'Remote server administration');
    expect(servers).toMatchObject({ unit: 'per_device', deviceClass: 'server', unitCostCents: null });

    const filtered = (await technician.get('/catalog-items?category=advisory')).body.items;
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((i: { category: string }) => i.category === 'advisory')).toBe(true);
  });
});

describe('catalog items', () => {
  it('have their price edited by billing, and technicians cannot change them', async () => {
    const { owner, member } = await t.newTenant();
    const billing = await member('billing');
    const technician = await member('technician');
    const helpDesk = (await owner.get('/catalog-items')).body.items.find(
      (i: Named) => i.name === 'Help desk',
    );

    const edited = await billing.patch(`/catalog-items/${helpDesk.id}`, { priceCents: 4500 });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ id: helpDesk.id, priceCents: 4500, unit: 'per_user' });
    expect((await technician.get(`/catalog-items/${helpDesk.id}`)).body.priceCents).toBe(4500);

    expect((await technician.patch(`/catalog-items/${helpDesk.id}`, { priceCents: 1 })).status).toBe(403);
    expect((await technician.post('/catalog-items', advisory())).status).toBe(403);
    expect((await technician.post('/catalog-items/standard')).status).toBe(403);
    expect((await billing.post('/catalog-items', advisory())).status).toBe(201);
  });

  it('take a unit cost only when they are resale, and need one then', async () => {
    const { owner } = await t.newTenant();
    const missingCost = await owner.post('/catalog-items', advisory({ name: 'Backup', isResale: true }));
    expect(missingCost.status).toBe(400);
    expect(missingCost.body.error.details).toContainEqual({
      path: ['unitCostCents'],
      message: 'A resale item needs a unit cost',
    });
    const costNotResale = await owner.post('/catalog-items', advisory({ unitCostCents: 100 }));
    expect(costNotResale.status).toBe(400);
    expect(costNotResale.body.error.details[0].path).toEqual(['unitCostCents']);

    const resale = await owner.post(
      '/catalog-items',
      advisory({ name: 'Backup per TB', isResale: true, unitCostCents: 2000, priceCents: 3500 }),
    );
    expect(resale.status, JSON.stringify(resale.body)).toBe(201);
    expect(resale.body).toMatchObject({ isResale: true, unitCostCents: 2000, priceCents: 3500 });

    // Turning resale off while the cost stays is refused; with the cost cleared it is fine.
    const id = resale.body.id;
    const half = await owner.patch(`/catalog-items/${id}`, { isResale: false });
    expect(half.status).toBe(400);
    expect(half.body.error.details[0].path).toEqual(['unitCostCents']);
    const whole = await owner.patch(`/catalog-items/${id}`, { isResale: false, unitCostCents: null });
    expect(whole.body).toMatchObject({ isResale: false, unitCostCents: null });
  });

  it('refuse bad input with 400 and the field at fault, and change nothing', async () => {
    const { owner } = await t.newTenant();
    const cases: [Record<string, unknown>, string][] = [
      [advisory({ priceCents: -1 }), 'priceCents'],
      [advisory({ priceCents: 12.5 }), 'priceCents'],
      [advisory({ priceCents: 2 ** 53 }), 'priceCents'],
      [advisory({ deviceClass: 'server' }), 'deviceClass'],
      [advisory({ unit: 'per_device' }), 'deviceClass'],
      [advisory({ unit: 'per_fortnight' }), 'unit'],
      [advisory({ category: 'magic' }), 'category'],
      [advisory({ currency: 'usd' }), 'currency'],
      [advisory({ name: '  ' }), 'name'],
      [advisory({ taxCodeId: 'nope' }), 'taxCodeId'],
      [advisory({ colour: 'red' }), ''],
    ];
    for (const [body, field] of cases) {
      const response = await owner.post('/catalog-items', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('request.invalid');
      if (field) {
        expect(response.body.error.details.map((d: { path: string[] }) => d.path.join('.'))).toContain(field);
      }
    }
    expect((await owner.get('/catalog-items?archived=any')).body.items).toHaveLength(
      defaultCatalogItems.length,
    );
    expect((await owner.get('/catalog-items?category=nowhere')).status).toBe(400);
  });

  it('take a device class only when priced per device', async () => {
    const { owner } = await t.newTenant();
    const created = await owner.post(
      '/catalog-items',
      advisory({ name: 'Managed laptop', unit: 'per_device', deviceClass: 'laptop', priceCents: 3900 }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await owner.patch(`/catalog-items/${id}`, { unit: 'flat' })).status).toBe(400);
    const flat = await owner.patch(`/catalog-items/${id}`, { unit: 'flat', deviceClass: null });
    expect(flat.body).toMatchObject({ unit: 'flat', deviceClass: null });
  });

  it('have names unique regardless of case', async () => {
    const { owner } = await t.newTenant();
    const duplicate = await owner.post('/catalog-items', advisory({ name: 'help DESK' }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('catalog_item.name_taken');
    const mine = (await owner.post('/catalog-items', advisory())).body;
    expect((await owner.patch(`/catalog-items/${mine.id}`, { name: 'Web hosting' })).status).toBe(409);
    expect((await owner.patch(`/catalog-items/${mine.id}`, { name: 'VCIO RETAINER' })).status).toBe(200);
  });

  it('when archived leave the chooser but stay readable, and come back when unarchived', async () => {
    const { owner, member } = await t.newTenant();
    const technician = await member('technician');
    const item = (await owner.post('/catalog-items', advisory())).body;
    const archived = await owner.patch(`/catalog-items/${item.id}`, { archived: true });
    expect(archived.body.archived).toBe(true);

    expect(names((await technician.get('/catalog-items')).body.items)).not.toContain('vCIO retainer');
    expect(names((await technician.get('/catalog-items?archived=true')).body.items)).toEqual([
      'vCIO retainer',
    ]);
    expect(names((await technician.get('/catalog-items?archived=any')).body.items)).toContain(
      'vCIO retainer',
    );
    const read = await technician.get(`/catalog-items/${item.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ name: 'vCIO retainer', archived: true, priceCents: 120_000 });

    await owner.patch(`/catalog-items/${item.id}`, { archived: false });
    expect(names((await technician.get('/catalog-items')).body.items)).toContain('vCIO retainer');
  });

  it('of another organization are 404, and its tax codes cannot be chosen', async () => {
    const mine = await t.newTenant();
    const theirs = await t.newTenant('Contoso MSP');
    const theirItem = (await theirs.owner.post('/catalog-items', advisory())).body;
    const theirCode = (await theirs.owner.post('/tax-codes', { name: 'VAT', rateBasisPoints: 2000 })).body;

    for (const response of [
      await mine.owner.get(`/catalog-items/${theirItem.id}`),
      await mine.owner.patch(`/catalog-items/${theirItem.id}`, { priceCents: 1 }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('catalog_item.not_found');
    }
    expect((await mine.owner.get(`/tax-codes/${theirCode.id}`)).status).toBe(404);
    expect((await mine.owner.patch(`/tax-codes/${theirCode.id}`, { name: 'Mine' })).status).toBe(404);

    const foreign = await mine.owner.post('/catalog-items', advisory({ taxCodeId: theirCode.id }));
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual([{ path: ['taxCodeId'], message: 'No such tax code' }]);
    expect((await theirs.owner.get(`/catalog-items/${theirItem.id}`)).body.priceCents).toBe(120_000);
  });

  it('come back with "Add the standard catalog" when missing, without duplicates', async () => {
    const { owner } = await t.newTenant();
    const again = await owner.post('/catalog-items/standard');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ addedItems: 0, addedTaxCodes: 0 });

    const helpDesk = (await owner.get('/catalog-items')).body.items.find(
      (i: Named) => i.name === 'Help desk',
    );
    await owner.patch(`/catalog-items/${helpDesk.id}`, { name: 'Service desk', priceCents: 5000 });
    const restored = await owner.post('/catalog-items/standard');
    expect(restored.body).toEqual({ addedItems: 1, addedTaxCodes: 0 });
    const all = names((await owner.get('/catalog-items?archived=any')).body.items);
    expect(all.filter((n) => n === 'Help desk')).toHaveLength(1);
    expect(all).toContain('Service desk');
    expect((await owner.post('/catalog-items/standard')).body.addedItems).toBe(0);
  });
});

describe('tax codes', () => {
  it('are added with a rate in basis points, unique by name, and one is the default', async () => {
    const { owner, member } = await t.newTenant();
    const billing = await member('billing');
    const vat = await billing.post('/tax-codes', {
      name: 'Standard VAT 20 %',
      rateBasisPoints: 2000,
      description: 'UK standard rate',
      isDefault: true,
    });
    expect(vat.status, JSON.stringify(vat.body)).toBe(201);
    expect(vat.body).toMatchObject({
      rateBasisPoints: 2000,
      isDefault: true,
      description: 'UK standard rate',
    });
    const defaults = (await owner.get('/tax-codes')).body.items.filter(
      (c: { isDefault: boolean }) => c.isDefault,
    );
    expect(names(defaults)).toEqual(['Standard VAT 20 %']);

    // New items without a tax code get the default.
    expect((await owner.post('/catalog-items', advisory())).body.taxCodeName).toBe('Standard VAT 20 %');

    const duplicate = await owner.post('/tax-codes', { name: 'standard vat 20 %', rateBasisPoints: 2000 });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('tax_code.name_taken');
    for (const rateBasisPoints of [-1, 10_001, 12.5]) {
      const bad = await owner.post('/tax-codes', { name: 'Odd', rateBasisPoints });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].path).toEqual(['rateBasisPoints']);
    }

    const gst = (await owner.post('/tax-codes', { name: 'GST', rateBasisPoints: 1000 })).body;
    const moved = await owner.patch(`/tax-codes/${gst.id}`, { isDefault: true, rateBasisPoints: 1500 });
    expect(moved.body).toMatchObject({ isDefault: true, rateBasisPoints: 1500 });
    expect((await owner.get(`/tax-codes/${vat.body.id}`)).body.isDefault).toBe(false);
  });

  it('when archived stay on the items that use them but cannot be chosen for new ones', async () => {
    const { owner, member } = await t.newTenant();
    const technician = await member('technician');
    const vat = (await owner.post('/tax-codes', { name: 'VAT', rateBasisPoints: 2000 })).body;
    const item = (await owner.post('/catalog-items', advisory({ taxCodeId: vat.id }))).body;
    expect((await technician.patch(`/tax-codes/${vat.id}`, { archived: true })).status).toBe(403);
    expect((await owner.patch(`/tax-codes/${vat.id}`, { archived: true })).body.archived).toBe(true);

    expect(names((await owner.get('/tax-codes')).body.items)).not.toContain('VAT');
    expect(names((await owner.get('/tax-codes?archived=true')).body.items)).toEqual(['VAT']);
    // The item keeps it, and can still be edited otherwise.
    const edited = await owner.patch(`/catalog-items/${item.id}`, { priceCents: 99 });
    expect(edited.body).toMatchObject({ taxCodeId: vat.id, taxCodeName: 'VAT', priceCents: 99 });

    const refused = await owner.post('/catalog-items', advisory({ name: 'Other', taxCodeId: vat.id }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: ['taxCodeId'], message: 'This tax code is archived' },
    ]);
    const noTax = (await owner.get('/tax-codes')).body.items.find((c: Named) => c.name === 'No tax');
    await owner.patch(`/catalog-items/${item.id}`, { taxCodeId: noTax.id });
    const back = await owner.patch(`/catalog-items/${item.id}`, { taxCodeId: vat.id });
    expect(back.status).toBe(400);
  });

  it('cannot archive the default, nor make an archived code the default', async () => {
    const { owner } = await t.newTenant();
    const codes = (await owner.get('/tax-codes')).body.items;
    const noTax = codes.find((c: Named) => c.name === 'No tax');
    const exempt = codes.find((c: Named) => c.name === 'Exempt');
    const archiveDefault = await owner.patch(`/tax-codes/${noTax.id}`, { archived: true });
    expect(archiveDefault.status).toBe(422);
    expect(archiveDefault.body.error.code).toBe('tax_code.default_archived');

    await owner.patch(`/tax-codes/${exempt.id}`, { archived: true });
    expect((await owner.patch(`/tax-codes/${exempt.id}`, { isDefault: true })).status).toBe(422);
    expect((await owner.patch(`/tax-codes/${exempt.id}`, { isDefault: true, archived: false })).status).toBe(
      200,
    );
    expect((await owner.patch(`/tax-codes/${noTax.id}`, { archived: true })).status).toBe(200);
  });
});

describe('an organization from before the catalog', () => {
  it('gets the standard catalog on first use', async () => {
    const { owner, tenantId } = await t.newTenant();
    // As if the tenant predated the catalog: no items and no tax codes.
    await t.handle.db.execute(sql`delete from catalog_items where tenant_id = ${tenantId}`);
    await t.handle.db.execute(sql`delete from tax_codes where tenant_id = ${tenantId}`);
    const items = (await owner.get('/catalog-items')).body.items;
    expect(items).toHaveLength(defaultCatalogItems.length);
    expect(names((await owner.get('/tax-codes')).body.items)).toEqual(['Exempt', 'No tax']);
  });
});
