import { execFileSync } from 'node:child_process';
import { describe, expect, it, onTestFinished } from 'vitest';
import { holdMachine } from '../../../test/machine-lock.ts';
import { inventoryInputSchema } from '../../shared/api/inventory.ts';
import { fakeSystem, fixture } from './fake-system.ts';
import { collectInventory } from './index.ts';

describe('collectInventory on a recorded Linux machine', () => {
  const machine = {
    commands: {
      'dpkg-query -W': fixture('linux/dpkg-query.txt'),
      'systemctl list-units': fixture('linux/systemctl-list-units.txt'),
      'systemctl list-unit-files': fixture('linux/systemctl-list-unit-files.txt'),
      'apt-get -s': fixture('linux/apt-get-s-upgrade.txt'),
      last: fixture('linux/last.txt'),
    },
    files: {
      '/etc/passwd': fixture('linux/passwd'),
      '/etc/group': fixture('linux/group'),
      '/etc/shadow': fixture('linux/shadow'),
      '/proc/mdstat': fixture('linux/mdstat-degraded.txt'),
      '/proc/mounts': fixture('linux/proc-mounts.txt'),
      '/var/log/apt/history.log': fixture('linux/apt-history-sudo.log'),
    },
  };

  it('reports a missing smartctl as not available, with disks null rather than an empty list', async () => {
    const report = await collectInventory({
      system: fakeSystem(machine),
      since: new Date('2026-03-28T00:00:00Z'),
    });
    expect(report.state.disks).toBeNull();
    expect(report.notAvailable).toEqual({
      disks: 'smartctl is not installed',
      protection: 'no antivirus status is reported on Linux',
    });
    expect(
      inventoryInputSchema.parse(report).state.raid?.find((array) => array.device === '/dev/md0'),
    ).toMatchObject({
      health: 'degraded',
      failedMembers: ['sdb1'],
    });
  });

  it('keeps every other section when one collector fails outright', async () => {
    const system = fakeSystem(machine);
    const run = system.run;
    system.run = (command, args, options) =>
      command === 'dpkg-query'
        ? Promise.reject(new Error('dpkg database is locked'))
        : run(command, args, options);
    const report = await collectInventory({ system });
    expect(report.state.software).toBeNull();
    expect(report.notAvailable?.software).toBe('collector failed: dpkg database is locked');
    expect(report.state.services?.length).toBeGreaterThan(0);
    expect(report.state.accounts?.length).toBeGreaterThan(0);
  });

  it('orders events by time and passes the contract', async () => {
    const report = inventoryInputSchema.parse(
      await collectInventory({ system: fakeSystem(machine), since: new Date('2026-03-28T00:00:00Z') }),
    );
    const times = report.events.map((event) => event.at);
    expect(times).toEqual([...times].sort());
    expect(report.events.find((event) => event.subject === 'htop')?.actor).toBe('alice');
    expect(report.sessions.map((session) => session.user)).toEqual(['root', 'alice', 'carol']);
  });
});

describe('collectInventory on this machine', () => {
  it('reports real packages, passes the contract, and gives the same state twice', {
    timeout: 60_000,
  }, async () => {
    // The tests that install packages and add users wait while this one looks twice.
    onTestFinished(await holdMachine());
    const started = performance.now();
    const first = await collectInventory();
    const firstMs = performance.now() - started;
    const report = inventoryInputSchema.parse(first);

    const [, dpkgVersion] = execFileSync('dpkg-query', ['-W', 'dpkg'], { encoding: 'utf8' })
      .trim()
      .split('\t');
    expect(report.state.software?.find((item) => item.name === 'dpkg')?.version).toBe(dpkgVersion);
    expect(report.state.accounts?.some((account) => account.name === 'root')).toBe(true);
    expect(report.health.volumes.length).toBeGreaterThan(0);

    const second = await collectInventory();
    expect(JSON.stringify(second.state)).toBe(JSON.stringify(first.state));
    // apt's dry run is most of the first report's time (3–7 s on a busy 2-core machine); later ones reuse it.
    expect(firstMs).toBeLessThan(15_000);
    expect(performance.now() - started - firstMs).toBeLessThan(5_000);
  });
});
