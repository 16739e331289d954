// On the real machine: the real agent (`accord agent run`) reports to the real app while a distinct local
// user installs, upgrades and removes a tiny Debian package built here with dpkg-deb. Each change must
// appear on the asset with the right versions and that user as the actor, from apt's history.log.
// It changes the machine (a user, a package, a sudoers rule when sudo is present) and undoes all of it;
// without root, dpkg-deb or apt-get it is skipped, and says why.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/http.ts';
import type { AssetChange } from '../shared/api/inventory.ts';
import { enroll } from './server-client.ts';
import { writeAgentState } from './state.ts';
import { collectSystemInfo } from './system-info.ts';

const run = promisify(execFile);
const PACKAGE = 'accord-agent-probe';
const missing = [
  process.getuid?.() === 0 ? null : 'root',
  ...['/usr/bin/dpkg-deb', '/usr/bin/apt-get', '/usr/sbin/useradd'].map((tool) =>
    existsSync(tool) ? null : tool,
  ),
].filter(Boolean);
const hasSudo = existsSync('/usr/bin/sudo');

if (missing.length > 0) {
  console.warn(`Skipping the real package test: it needs ${missing.join(', ')}.`);
}
// What it tests is the machine and the agent, not the database engine: it runs in the PGlite pass only.
const otherEngine = process.env.ACCORD_TEST_ENGINE === 'postgres';

/** Builds accord-agent-probe_<version>_all.deb in `dir` and answers its path. */
async function buildPackage(dir: string, version: string): Promise<string> {
  const root = join(dir, `${PACKAGE}-${version}`);
  await mkdir(join(root, 'DEBIAN'), { recursive: true });
  await mkdir(join(root, 'usr/share/doc', PACKAGE), { recursive: true });
  await writeFile(
    join(root, 'DEBIAN/control'),
    `Package: ${PACKAGE}\nVersion: ${version}\nArchitecture: all\nMaintainer: Accord tests <tests@accord.invalid>\n` +
      'Description: Accord agent test package\n Installed and removed by the agent integration test.\n',
  );
  await writeFile(join(root, 'usr/share/doc', PACKAGE, 'README'), `version ${version}\n`);
  const path = join(dir, `${PACKAGE}_${version}_all.deb`);
  await run('dpkg-deb', ['--root-owner-group', '--build', root, path]);
  return path;
}

describe.skipIf(missing.length > 0 || otherEngine)('a package changed on the real machine', () => {
  const user = `accordprobe${Math.floor(Math.random() * 1e6)}`;
  const sudoers = `/etc/sudoers.d/${user}`;
  let dir = '';
  let server: Server | null = null;
  let child: ChildProcess | null = null;

  /**
   * apt-get as the test user through sudo, so apt writes `Requested-By: <user> (<uid>)`. Where sudo is
   * not installed, apt-get runs with the variables sudo would set (SUDO_UID, SUDO_USER), which is all apt
   * reads to name the requester.
   */
  async function aptAsUser(args: string[]) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (hasSudo) {
      await run('runuser', ['-u', user, '--', 'sudo', '-n', '/usr/bin/apt-get', ...args], { env });
    } else {
      const { stdout } = await run('id', ['-u', user]);
      await run('apt-get', args, { env: { ...env, SUDO_UID: stdout.trim(), SUDO_USER: user } });
    }
  }

  afterAll(async () => {
    child?.kill('SIGTERM');
    if (server) {
      server.closeAllConnections();
      server.close();
    }
    await run('dpkg', ['--purge', PACKAGE]).catch(() => {});
    await run('userdel', [user]).catch(() => {});
    await rm(sudoers, { force: true });
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(`installs, upgrades and removes ${PACKAGE} as a local user; the asset shows each change with that user`, {
    timeout: 240_000,
  }, async () => {
    if (!hasSudo) console.warn('sudo is not installed: apt-get runs with the environment sudo would set.');
    const t = await startTestApp();
    dir = await mkdtemp(join(tmpdir(), 'accord-package-'));
    const [v1, v2] = [await buildPackage(dir, '1.0-1'), await buildPackage(dir, '1.1-1')];
    await run('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', user]);
    if (hasSudo) await writeFile(sudoers, `${user} ALL=(root) NOPASSWD: /usr/bin/apt-get\n`, { mode: 0o440 });

    server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
    await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { owner } = await t.newTenant();
    const client = (await owner.post('/clients', { name: 'Contoso' })).body;
    const token = (await owner.post('/enrollment-tokens', { clientId: client.id })).body.token;
    const enrolled = await enroll(url, { token, ...(await collectSystemInfo()) });
    const stateDir = join(dir, 'state');
    await writeAgentState(stateDir, { server: url, ...enrolled });
    await writeFile(join(dir, 'config.json'), '{}');

    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli.ts',
        'agent',
        'run',
        '--state-dir',
        stateDir,
        '--inventory-minutes',
        '0.05',
        '--config',
        join(dir, 'config.json'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));

    const changesOf = async (): Promise<AssetChange[]> =>
      (await owner.get(`/assets/${enrolled.assetId}/changes?group=software&limit=500`)).body.items;
    async function waitForChange(kind: AssetChange['kind']): Promise<AssetChange> {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const found = (await changesOf()).find(
          (change) => change.subject === PACKAGE && change.kind === kind,
        );
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no ${kind} of ${PACKAGE} within 90 s; agent said:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }

    // The baseline report first, so the install is a change between two reports.
    const deadline = Date.now() + 60_000;
    while ((await owner.get(`/assets/${enrolled.assetId}/inventory`)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`no first report within 60 s; agent said:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    await aptAsUser(['install', '-y', '--no-install-recommends', v1]);
    expect(await waitForChange('software.installed')).toMatchObject({
      before: null,
      after: '1.0-1',
      actor: user,
      actorSource: 'apt history.log',
      timeFromLog: true,
    });

    await aptAsUser(['install', '-y', '--no-install-recommends', v2]);
    expect(await waitForChange('software.upgraded')).toMatchObject({
      before: '1.0-1',
      after: '1.1-1',
      actor: user,
    });

    await aptAsUser(['remove', '-y', PACKAGE]);
    expect(await waitForChange('software.removed')).toMatchObject({
      before: '1.1-1',
      after: null,
      actor: user,
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
