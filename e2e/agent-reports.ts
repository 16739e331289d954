// Two inventory reports of one Debian file server, as its agent would send them a couple of hours apart:
// the second upgrades and installs packages (apt names alice and root), removes one while a vendor was
// logged on, resets the `sa` login's password, and sees a disk start failing and a service fail. And the
// calls that send them, as the agent does.
import { expect } from 'vitest';
import type { AgentEnrolled } from '../src/shared/api/agents.ts';
import type { InventoryInput, Software } from '../src/shared/api/inventory.ts';

const fillers = (count: number): Software[] =>
  Array.from({ length: count }, (_, i) => ({
    name: `lib-package-${String(i).padStart(3, '0')}`,
    version: `1.${i % 7}.${i % 5}`,
    publisher: 'amd64',
    source: 'dpkg' as const,
  }));

const pkg = (name: string, version: string): Software => ({
  name,
  version,
  publisher: 'amd64',
  source: 'dpkg',
});
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** `now` is the second report's collection time; the first is two hours before. */
export function agentReports(now: number): [InventoryInput, InventoryInput] {
  const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  const GB = 1024 ** 3;
  const base = (
    collectedAt: string,
    software: Software[],
    disks: 'ok' | 'failing',
    nginx: 'running' | 'failed',
  ) =>
    ({
      collectedAt,
      agentVersion: '0.2.0',
      state: {
        hostname: 'fs01',
        os: 'Debian GNU/Linux',
        osVersion: '12',
        kernel: '6.1.0-28-amd64',
        software: [...software, ...fillers(40)].sort(byName),
        services: [
          {
            name: 'cron.service',
            displayName: 'Regular background program processing daemon',
            state: 'running',
            startMode: 'enabled',
          },
          {
            name: 'nginx.service',
            displayName: 'A high performance web server',
            state: nginx,
            startMode: 'enabled',
          },
          {
            name: 'ssh.service',
            displayName: 'OpenBSD Secure Shell server',
            state: 'running',
            startMode: 'enabled',
          },
        ],
        accounts: [
          {
            name: 'alice',
            kind: 'local',
            groups: ['alice', 'sudo'],
            disabled: false,
            passwordChangedAt: '2026-01-10',
          },
          { name: 'backup', kind: 'local', groups: ['backup'], disabled: true, passwordChangedAt: null },
          { name: 'root', kind: 'local', groups: ['root'], disabled: false, passwordChangedAt: '2025-12-01' },
          {
            name: 'sa',
            kind: 'sql',
            groups: ['sysadmin'],
            disabled: false,
            passwordChangedAt: disks === 'ok' ? '2025-11-02T09:00:00.000Z' : iso(40),
          },
        ],
        disks: [
          { device: '/dev/sda', model: 'WDC WD40EFRX', serial: 'WD-A1', health: 'ok', detail: null },
          {
            device: '/dev/sdb',
            model: 'WDC WD40EFRX',
            serial: 'WD-B2',
            health: disks,
            detail: disks === 'ok' ? null : '12 reallocated sectors',
          },
        ],
        raid: [
          {
            device: 'md0',
            level: 'raid1',
            health: disks === 'ok' ? 'ok' : 'degraded',
            members: ['sda1', 'sdb1'],
            failedMembers: disks === 'ok' ? [] : ['sdb1'],
          },
        ],
        backups: [
          { name: 'nightly', source: 'restic', status: 'ok', rpoHours: 24 },
          { name: 'offsite', source: 'json', status: 'ok', rpoHours: 48 },
        ],
        protection: null,
      },
      health: {
        uptimeSeconds: 12 * 86_400 + 4 * 3600,
        volumes: [
          { mount: '/', filesystem: 'ext4', sizeBytes: 100 * GB, freeBytes: 41 * GB },
          { mount: '/srv/shares', filesystem: 'xfs', sizeBytes: 4000 * GB, freeBytes: 250 * GB },
        ],
        pendingUpdates: { count: 12, security: 3 },
        backupRuns: [
          { name: 'nightly', lastSuccessAt: iso(30 * 60), lastRunAt: iso(6 * 60) },
          { name: 'offsite', lastSuccessAt: iso(3 * 60), lastRunAt: iso(3 * 60) },
        ],
        signatureAgeDays: null,
      },
      events: [],
      sessions: [],
      notAvailable: { protection: 'no antivirus status is reported on Linux' },
    }) satisfies InventoryInput;

  const first = base(
    iso(120),
    [pkg('curl', '7.88.1'), pkg('dotnet-runtime', '6.0.25'), pkg('nginx', '1.22.1'), pkg('telnet', '0.17')],
    'ok',
    'running',
  );
  const second = {
    ...base(
      iso(0),
      [
        pkg('accord-test-pkg', '1.0'),
        pkg('curl', '7.88.1'),
        pkg('dotnet-runtime', '8.0.1'),
        pkg('nginx', '1.22.1'),
      ],
      'failing',
      'failed',
    ),
    events: [
      {
        at: iso(70),
        kind: 'software',
        subject: 'dotnet-runtime',
        action: 'upgrade',
        actor: 'alice',
        source: 'apt history.log',
      },
      {
        at: iso(55),
        kind: 'software',
        subject: 'accord-test-pkg',
        action: 'install',
        actor: 'root',
        source: 'apt history.log',
      },
      {
        at: iso(40),
        kind: 'password',
        subject: 'sa',
        action: 'password reset',
        actor: null,
        source: 'SQL Server log',
      },
    ],
    sessions: [
      { user: 'vendor-tech', from: '203.0.113.7', kind: 'ssh', startedAt: iso(50), endedAt: iso(20) },
    ],
  } satisfies InventoryInput;
  return [first, second];
}

/** POSTs to the agent API as the agent does; the body is parsed when there is one. */
export async function postAgentApi(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${baseUrl}/agent/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'accord-agent/0.2.0', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/**
 * A Debian file server enrolls with the token and sends the two reports above, as fs01's agent: the
 * second's changes are judged as they would be from a real machine. Each report must be taken (200).
 * Answers the enrollment (the agent's asset and credential).
 */
export async function enrollAndReport(
  baseUrl: string,
  token: string,
  keyPrefix: string,
): Promise<AgentEnrolled> {
  const enrolled = (
    await postAgentApi(baseUrl, '/enroll', {
      token,
      hostname: 'fs01',
      os: 'Debian GNU/Linux',
      osVersion: '12',
      type: 'server',
    })
  ).body as AgentEnrolled;
  const auth = { authorization: `Bearer ${enrolled.credential}` };
  for (const [index, report] of agentReports(Date.now()).entries()) {
    const key = `${keyPrefix}-${index + 1}`;
    expect(
      (await postAgentApi(baseUrl, '/inventory', report, { ...auth, 'idempotency-key': key })).status,
    ).toBe(200);
  }
  return enrolled;
}
