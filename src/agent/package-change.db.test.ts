// On the real machine: the real agent (`accord agent run`) reports to the real app while a distinct local
// user installs, upgrades and removes a tiny Debian package built here with dpkg-deb. Each change must
// appear on the asset with the right versions and that user as the actor, from apt's history.log.
// It changes the machine (a user, a package, a sudoers rule when sudo is present) and undoes all of it;
// without root, dpkg-deb or apt-get it is skipped, and says why.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/http.ts';
import { holdMachine } from '../../test/machine-lock.ts';
import {
  buildPackage,
  createAptUser,
  purgePackages,
  type RealAgent,
  skipRealMachine,
  startRealAgent,
} from '../../test/real-agent.ts';
import type { AssetChange } from '../shared/api/inventory.ts';

const PACKAGE = 'accord-agent-probe';

describe.skipIf(skipRealMachine)('a package changed on the real machine', () => {
  let dir = '';
  let agent: RealAgent | null = null;
  let user: Awaited<ReturnType<typeof createAptUser>> | null = null;

  let releaseMachine = async () => {};
  beforeAll(async () => {
    releaseMachine = await holdMachine();
  }, 600_000);
  afterAll(async () => {
    agent?.stop();
    await purgePackages(PACKAGE);
    await user?.remove();
    if (dir) await rm(dir, { recursive: true, force: true });
    await releaseMachine();
  });

  it(`installs, upgrades and removes ${PACKAGE} as a local user; the asset shows each change with that user`, {
    timeout: 240_000,
  }, async () => {
    const t = await startTestApp();
    dir = await mkdtemp(join(tmpdir(), 'accord-package-'));
    const [v1, v2] = [await buildPackage(dir, PACKAGE, '1.0-1'), await buildPackage(dir, PACKAGE, '1.1-1')];
    user = await createAptUser('accordprobe');
    const { owner } = await t.newTenant();
    const client = (await owner.post('/clients', { name: 'Contoso' })).body;
    // The baseline report comes first, so the install is a change between two reports.
    const running = await startRealAgent(t, owner, client.id, dir);
    agent = running;

    const changesOf = async (): Promise<AssetChange[]> =>
      (await owner.get(`/assets/${running.assetId}/changes?group=software&limit=500`)).body.items;
    const waitForChange = (kind: AssetChange['kind']) =>
      running.waitFor(
        async () => (await changesOf()).find((change) => change.subject === PACKAGE && change.kind === kind),
        `${kind} of ${PACKAGE}`,
      );

    await user.apt(['install', '-y', '--no-install-recommends', v1]);
    expect(await waitForChange('software.installed')).toMatchObject({
      before: null,
      after: '1.0-1',
      actor: user.name,
      actorSource: 'apt history.log',
      timeFromLog: true,
    });

    await user.apt(['install', '-y', '--no-install-recommends', v2]);
    expect(await waitForChange('software.upgraded')).toMatchObject({
      before: '1.0-1',
      after: '1.1-1',
      actor: user.name,
    });

    await user.apt(['remove', '-y', PACKAGE]);
    expect(await waitForChange('software.removed')).toMatchObject({
      before: '1.1-1',
      after: null,
      actor: user.name,
    });
    // Each change once, however many reports came after it.
    const mine = (await changesOf()).filter((change) => change.subject === PACKAGE);
    expect(mine.map((change) => change.kind).sort()).toEqual([
      'software.installed',
      'software.removed',
      'software.upgraded',
    ]);
  });
});
