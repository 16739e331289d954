// The real machine for the tests that need one: a tiny Debian package built with dpkg-deb, a distinct local
// user who installs it through apt, and the real agent (`accord agent run`) reporting to a test app served
// over HTTP. Each piece undoes itself; the tests that use them skip, and say why, without root or the tools.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { enroll } from '../src/agent/server-client.ts';
import { writeAgentState } from '../src/agent/state.ts';
import { collectSystemInfo } from '../src/agent/system-info.ts';
import type { ApiClient, startTestApp } from './http.ts';

export const run = promisify(execFile);

/** What the machine lacks for these tests: empty where they can run. */
const missingForRealAgent = [
  process.getuid?.() === 0 ? null : 'root',
  ...['/usr/bin/dpkg-deb', '/usr/bin/apt-get', '/usr/sbin/useradd'].map((tool) =>
    existsSync(tool) ? null : tool,
  ),
].filter(Boolean);
if (missingForRealAgent.length > 0) {
  console.warn(`Skipping the real-machine tests: they need ${missingForRealAgent.join(', ')}.`);
}
/**
 * Whether to skip them: without the tools, or in the PostgreSQL pass (what they test is the machine and
 * the agent, not the database engine, so they run in the PGlite pass only).
 */
export const skipRealMachine =
  missingForRealAgent.length > 0 || process.env.ACCORD_TEST_ENGINE === 'postgres';

const hasSudo = existsSync('/usr/bin/sudo');
const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

/** Builds `<name>_<version>_all.deb` in `dir` and answers its path. */
export async function buildPackage(dir: string, name: string, version: string): Promise<string> {
  const root = join(dir, `${name}-${version}`);
  await mkdir(join(root, 'DEBIAN'), { recursive: true });
  await mkdir(join(root, 'usr/share/doc', name), { recursive: true });
  await writeFile(
    join(root, 'DEBIAN/control'),
    `Package: ${name}\nVersion: ${version}\nArchitecture: all\nMaintainer: Accord tests <tests@accord.invalid>\n` +
      'Description: Accord agent test package\n Installed and removed by an agent integration test.\n',
  );
  await writeFile(join(root, 'usr/share/doc', name, 'README'), `version ${version}\n`);
  const path = join(dir, `${name}_${version}_all.deb`);
  await run('dpkg-deb', ['--root-owner-group', '--build', root, path]);
  return path;
}

/** Purges the test's packages, whatever state the test left them in. */
export async function purgePackages(...names: string[]) {
  for (const name of names) await run('dpkg', ['--purge', name]).catch(() => {});
}

/**
 * A local user who may run apt-get through sudo, so apt writes `Requested-By: <user> (<uid>)`. Where sudo
 * is not installed, apt-get runs with the variables sudo would set (SUDO_UID, SUDO_USER), which is all apt
 * reads to name the requester.
 */
export async function createAptUser(prefix: string) {
  const name = `${prefix}${Math.floor(Math.random() * 1e6)}`;
  const sudoers = `/etc/sudoers.d/${name}`;
  await run('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  if (hasSudo) await writeFile(sudoers, `${name} ALL=(root) NOPASSWD: /usr/bin/apt-get\n`, { mode: 0o440 });
  else console.warn('sudo is not installed: apt-get runs with the environment sudo would set.');
  return {
    name,
    async apt(args: string[]) {
      if (hasSudo) {
        await run('runuser', ['-u', name, '--', 'sudo', '-n', '/usr/bin/apt-get', ...args], {
          env: aptEnv,
        });
      } else {
        const { stdout } = await run('id', ['-u', name]);
        await run('apt-get', args, {
          env: { ...aptEnv, SUDO_UID: stdout.trim(), SUDO_USER: name },
        });
      }
    },
    async remove() {
      await run('userdel', [name]).catch(() => {});
      await rm(sudoers, { force: true });
    },
  };
}

/**
 * apt-get run by root under the name of unattended-upgrades' program, so history.log holds what an
 * automatic security update writes: `Commandline: …/unattended-upgrade …` and no Requested-By.
 */
export async function aptAsUnattendedUpgrade(dir: string, args: string[]) {
  const program = join(dir, 'unattended-upgrade');
  if (!existsSync(program)) await symlink('/usr/bin/apt-get', program);
  await run(program, [...args], { env: aptEnv });
}

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** Polls `read` until it answers something, or fails after `seconds` saying what it waited for. */
async function waitFor<T>(read: () => Promise<T | undefined | null>, what: string, seconds = 90): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = await read();
    if (found !== undefined && found !== null) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Serves the test app over HTTP, enrolls this machine at the client and runs the real agent, reporting its
 * inventory every few seconds, until `stop`. Answers once the first report (the baseline every change is
 * measured against) has arrived.
 */
export async function startRealAgent(t: TestApp, owner: ApiClient, clientId: string, dir: string) {
  const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = (await owner.post('/enrollment-tokens', { clientId })).body.token;
  const enrolled = await enroll(url, { token, ...(await collectSystemInfo()) });
  const stateDir = join(dir, 'state');
  await writeAgentState(stateDir, { server: url, ...enrolled });
  await writeFile(join(dir, 'config.json'), '{}');

  const args = ['--state-dir', stateDir, '--inventory-minutes', '0.05', '--config', join(dir, 'config.json')];
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'agent', 'run', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const agent = {
    assetId: enrolled.assetId,
    /** `waitFor`, failing with what the agent printed: why a change never arrived is usually there. */
    async waitFor<T>(read: () => Promise<T | undefined | null>, what: string, seconds = 90): Promise<T> {
      try {
        return await waitFor(read, what, seconds);
      } catch (error) {
        throw new Error(`${(error as Error).message}; the agent said:\n${output}`);
      }
    },
    stop() {
      child.kill('SIGTERM');
      server.closeAllConnections();
      server.close();
    },
  };
  await agent
    .waitFor(
      async () => ((await owner.get(`/assets/${enrolled.assetId}/inventory`)).status === 200 ? true : null),
      'first report',
      60,
    )
    .catch((error) => {
      agent.stop();
      throw error;
    });
  return agent;
}

export type RealAgent = Awaited<ReturnType<typeof startRealAgent>>;
