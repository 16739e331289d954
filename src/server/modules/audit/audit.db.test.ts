import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../../../../test/database.ts';
import { membershipIdOf, startTestApp, TEST_PASSWORD, uniqueEmail } from '../../../../test/http.ts';
import { systemClock } from '../../clock.ts';
import { AuditTargetMissingError, createActionRunner } from '../../db/actions.ts';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import type { Actor } from '../../http/scope.ts';
import { createServices } from '../../main.ts';
import { workTypes } from '../time/time.table.ts';
import { startAuditSealer, verifyTenantChain } from './audit.service.ts';
import { auditEvents, auditHeads } from './audit.table.ts';
import { runAuditVerify } from './audit-verify-command.ts';
import { createAuditHook } from './audit-writer.ts';

const t = await startTestApp();
const db = t.handle.db;
const audit = t.services.audit;
const auditHooks = { hooks: [createAuditHook({ clock: systemClock })] };

/** A tenant whose owner has made `count` work types, each one audited event. */
async function tenantWithEvents(count: number) {
  const tenant = await t.newTenant();
  for (let i = 0; i < count; i++) await tenant.owner.post('/work-types', { name: `Type ${i}` });
  return tenant;
}

const sealed = (tenantId: string) =>
  db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenantId)).orderBy(asc(auditEvents.sealSeq));

async function actorOf(tenant: Awaited<ReturnType<typeof t.newTenant>>): Promise<Actor> {
  const session = (await tenant.owner.get('/auth/session')).body;
  return {
    scope: {
      tenantId: tenant.tenantId,
      identityId: session.identity.id,
      membershipId: await membershipIdOf(tenant.owner),
      role: 'owner',
      clientIds: 'all',
    },
    requestId: 'test',
    ip: null,
    userAgent: null,
  };
}

describe('the action runner', () => {
  it('refuses a run that names no target, and writes nothing', async () => {
    const tenant = await t.newTenant();
    const actor = await actorOf(tenant);
    const runner = createActionRunner(db, auditHooks);
    const before = (await sealed(tenant.tenantId)).length;
    await expect(
      runner.run(actor, 'work_type.create', async (tx) => {
        await tx.insert(workTypes).values({ tenantId: tenant.tenantId, name: 'Forgotten', position: 9 });
      }),
    ).rejects.toBeInstanceOf(AuditTargetMissingError);
    const names = await db.select().from(workTypes).where(eq(workTypes.tenantId, tenant.tenantId));
    expect(names.map((w) => w.name)).not.toContain('Forgotten');
    expect(await sealed(tenant.tenantId)).toHaveLength(before);
  });

  it('writes no event when the work throws', async () => {
    const tenant = await t.newTenant();
    const actor = await actorOf(tenant);
    const before = (await sealed(tenant.tenantId)).length;
    await expect(
      createActionRunner(db, auditHooks).run(actor, 'x.fail', async (_tx, recorder) => {
        recorder.target('thing', '1');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await sealed(tenant.tenantId)).toHaveLength(before);
  });
});

describe('sealing', () => {
  it('chains every event with gapless sequence numbers from 1, and updates the head', async () => {
    const tenant = await tenantWithEvents(5);
    await audit.sealPending();
    const events = await sealed(tenant.tenantId);
    expect(events.length).toBeGreaterThanOrEqual(6); // the owner's sign-in and five work types
    expect(events.map((e) => e.sealSeq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]!.prevHash).toBe('');
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    const [head] = await db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenant.tenantId));
    expect(head).toMatchObject({ lastSeq: events.length, lastHash: events.at(-1)!.hash });
    expect((await verifyTenantChain(db, tenant.tenantId)).isValid).toBe(true);

    await tenant.owner.post('/work-types', { name: 'Later' });
    await audit.sealPending();
    const more = await sealed(tenant.tenantId);
    expect(more.at(-1)).toMatchObject({ sealSeq: events.length + 1, prevHash: events.at(-1)!.hash });
  });

  it('does not wait for open writers, and seals their events after they commit', async () => {
    const tenant = await t.newTenant();
    const actor = await actorOf(tenant);
    const runner = createActionRunner(db, auditHooks);
    await audit.sealPending();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted!: () => void;
    const isInserted = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    // PGlite runs one transaction at a time, so the open-writer case is PostgreSQL's alone.
    if (testEngine === 'postgres') {
      const slow = runner.run(actor, 'test.slow', async (_tx, recorder) => {
        recorder.target('thing', 'slow');
        inserted();
        await held;
      });
      await isInserted;
      await tenant.owner.post('/work-types', { name: 'Fast' });
      expect(await audit.sealTenant(tenant.tenantId)).toBe(1); // the committed one, without waiting
      release();
      await slow;
    } else {
      await tenant.owner.post('/work-types', { name: 'Fast' });
      await runner.run(actor, 'test.slow', async (_tx, recorder) => recorder.target('thing', 'slow'));
    }
    await audit.sealPending();
    const events = await sealed(tenant.tenantId);
    expect(events.slice(-2).map((e) => e.action)).toEqual(['work_type.create', 'test.slow']);
    expect(events.map((e) => e.sealSeq)).toEqual(events.map((_, i) => i + 1));
  });

  it('runs in the background and seals within seconds of the commit', async () => {
    const tenant = await t.newTenant();
    const sealer = startAuditSealer(audit, { intervalMs: 100 });
    try {
      await tenant.owner.post('/work-types', { name: 'Timed' });
      const committedAt = Date.now();
      let unsealed = Infinity;
      while (unsealed > 0 && Date.now() - committedAt < 5000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        unsealed = (await sealed(tenant.tenantId)).filter((e) => e.sealSeq === null).length;
      }
      expect(unsealed).toBe(0);
    } finally {
      await sealer.stop();
    }
  });
});

describe('verification', () => {
  async function sealedTenant() {
    const tenant = await tenantWithEvents(4);
    await audit.sealPending();
    const events = await sealed(tenant.tenantId);
    return { tenantId: tenant.tenantId, events };
  }
  const whereSeq = (tenantId: string, seq: number) =>
    and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.sealSeq, seq));

  it('finds an edited event', async () => {
    const { tenantId } = await sealedTenant();
    await db
      .update(auditEvents)
      .set({ after: { name: 'Forged' } })
      .where(whereSeq(tenantId, 3));
    expect(await verifyTenantChain(db, tenantId)).toMatchObject({
      isValid: false,
      firstBadSeq: 3,
      problem: 'hash_mismatch',
    });
  });

  it('finds an event deleted from the middle', async () => {
    const { tenantId } = await sealedTenant();
    await db.delete(auditEvents).where(whereSeq(tenantId, 2));
    expect(await verifyTenantChain(db, tenantId)).toMatchObject({
      isValid: false,
      firstBadSeq: 2,
      problem: 'seq_gap',
    });
  });

  it('finds the newest events deleted, through the head', async () => {
    const { tenantId, events } = await sealedTenant();
    await db.delete(auditEvents).where(whereSeq(tenantId, events.length));
    expect(await verifyTenantChain(db, tenantId)).toMatchObject({
      isValid: false,
      firstBadSeq: events.length,
      problem: 'head_mismatch',
    });
  });

  it('finds two events swapped, and one inserted with a made-up place in the chain', async () => {
    const { tenantId, events } = await sealedTenant();
    await db.update(auditEvents).set({ sealSeq: -1 }).where(whereSeq(tenantId, 2));
    await db.update(auditEvents).set({ sealSeq: 2 }).where(whereSeq(tenantId, 3));
    await db.update(auditEvents).set({ sealSeq: 3 }).where(whereSeq(tenantId, -1));
    expect(await verifyTenantChain(db, tenantId)).toMatchObject({ isValid: false, firstBadSeq: 2 });

    const other = await sealedTenant();
    const copy = other.events[1]!;
    await db.execute(
      sql`update ${auditEvents} set seal_seq = seal_seq + 100 where tenant_id = ${other.tenantId} and seal_seq >= 3`,
    );
    await db.insert(auditEvents).values({ ...copy, id: '01900000-0000-7000-8000-000000000001', sealSeq: 3 });
    expect(await verifyTenantChain(db, other.tenantId)).toMatchObject({ isValid: false, firstBadSeq: 3 });
    expect(events.length).toBeGreaterThan(3);
  });

  it('is what `accord audit verify` reports, exiting 1 on a broken chain', async () => {
    const { tenantId } = await sealedTenant();
    const lines: string[] = [];
    expect(await runAuditVerify(db, { tenantId, print: (line) => lines.push(line) })).toBe(0);
    await db.update(auditEvents).set({ ip: '10.6.6.6' }).where(whereSeq(tenantId, 4));
    expect(await runAuditVerify(db, { tenantId, print: (line) => lines.push(line) })).toBe(1);
    expect(lines.at(-1)).toContain('first bad seq 4');
  });
});

// One real process against a PGlite data directory, the way an operator runs it.
describe.runIf(testEngine === 'pglite')('accord audit verify (process)', () => {
  it('exits 0 on an intact chain and non-zero naming the first bad seq after tampering', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'accord-audit-'));
    try {
      const handle = await openDatabase({ engine: 'pglite', dataDir });
      await migrateDatabase(handle);
      const services = createServices({ db: handle.db });
      const email = uniqueEmail('owner');
      const { tenantId } = await services.auth.createTenant({
        organizationName: 'Tamper Test',
        name: 'Olivia Owner',
        email,
        password: TEST_PASSWORD,
      });
      await services.auth.login({ email, password: TEST_PASSWORD }, { ip: null, userAgent: null });
      await services.auth.login({ email, password: TEST_PASSWORD }, { ip: null, userAgent: null });
      await services.audit.sealPending();
      await handle.close();

      const { DATABASE_URL: _unused, ...env } = process.env;
      const run = () =>
        promisify(execFile)('npx', ['tsx', 'src/cli.ts', 'audit', 'verify'], {
          env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
        });
      const ok = await run();
      expect(ok.stdout).toContain(`ok     tenant ${tenantId}: 2 sealed events`);

      const tamper = await openDatabase({ engine: 'pglite', dataDir });
      await tamper.db.delete(auditEvents).where(eq(auditEvents.sealSeq, 1));
      await tamper.close();
      const broken = await run().then(
        () => null,
        (error: { code: number; stdout: string }) => error,
      );
      expect(broken?.code).toBe(1);
      expect(broken?.stdout).toContain('first bad seq 1');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
