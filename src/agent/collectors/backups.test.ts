import { describe, expect, it } from 'vitest';
import { parseBackupStatusFile } from './backup-status-file.ts';
import { collectBackups, newestResticSnapshot } from './backups.ts';
import { fakeSystem, fixture } from './fake-system.ts';

const restic = {
  name: 'web1 /srv',
  repository: 's3:https://s3.example.com/backups',
  passwordFile: '/etc/restic.pw',
};

describe('backups', () => {
  it('takes restic’s newest snapshot as the last success, whatever order restic lists them in', () => {
    expect(newestResticSnapshot(fixture('backups/restic-snapshots.json'))).toBe('2026-03-30T00:00:04.100Z');
    expect(newestResticSnapshot('[]')).toBeNull();
  });

  it('reports a restic job ok with its last success, failed when the repository cannot be read', async () => {
    const ok = fakeSystem({ commands: { 'restic snapshots': fixture('backups/restic-snapshots.json') } });
    expect(await collectBackups(ok, { restic: [restic] }, 24)).toEqual({
      jobs: [{ name: 'web1 /srv', source: 'restic', status: 'ok', rpoHours: 24 }],
      runs: [
        {
          name: 'web1 /srv',
          lastSuccessAt: '2026-03-30T00:00:04.100Z',
          lastRunAt: '2026-03-30T00:00:04.100Z',
        },
      ],
    });
    const broken = fakeSystem({
      commands: { 'restic snapshots': { exitCode: 12, stderr: 'Fatal: wrong password or no key found' } },
    });
    expect((await collectBackups(broken, { restic: [{ ...restic, rpoHours: 6 }] }, 24)).jobs).toEqual([
      { name: 'web1 /srv', source: 'restic', status: 'failed', rpoHours: 6 },
    ]);
  });

  it('keeps a restic job, status unknown, when restic is not installed', async () => {
    const { jobs, runs } = await collectBackups(fakeSystem(), { restic: [restic] }, 24);
    expect(jobs[0]?.status).toBe('unknown');
    expect(runs[0]?.lastSuccessAt).toBeNull();
  });

  it('passes the repository and password file to restic in its environment', async () => {
    let env: Record<string, string> | undefined;
    const system = fakeSystem();
    system.run = async (_command, _args, options) => {
      env = options?.env;
      return { stdout: '[]', stderr: '', exitCode: 0 };
    };
    await collectBackups(system, { restic: [restic] }, 24);
    expect(env).toEqual({ RESTIC_REPOSITORY: restic.repository, RESTIC_PASSWORD_FILE: restic.passwordFile });
  });

  it('reads a status file’s jobs, sorted by name, with the file’s or the default RPO', async () => {
    const system = fakeSystem({ files: { '/var/lib/backup/status.json': fixture('backups/status.json') } });
    const { jobs, runs } = await collectBackups(
      system,
      { statusFiles: [{ path: '/var/lib/backup/status.json', rpoHours: 48 }] },
      24,
    );
    expect(jobs).toEqual([
      { name: 'nas rsync', source: 'json', status: 'ok', rpoHours: 48 },
      { name: 'veeam nightly', source: 'json', status: 'failed', rpoHours: 26 },
    ]);
    expect(runs[0]).toEqual({
      name: 'nas rsync',
      lastSuccessAt: '2026-03-30T01:15:00.000Z',
      lastRunAt: '2026-03-30T01:15:00.000Z',
    });
  });

  it('makes the section not available when a status file is missing or malformed, not an empty list', async () => {
    await expect(collectBackups(fakeSystem(), { statusFiles: [{ path: '/x.json' }] }, 24)).rejects.toThrow(
      'cannot read backup status file: /x.json does not exist',
    );
    expect(() => parseBackupStatusFile('/x.json', '{"jobs": "none"}', 24)).toThrow(
      /not in the expected format/,
    );
  });
});
