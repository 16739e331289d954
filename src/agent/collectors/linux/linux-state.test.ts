import { describe, expect, it } from 'vitest';
import { fakeSystem, fixture } from '../fake-system.ts';
import { compareText } from '../section.ts';
import { buildAccounts, collectLinuxAccounts, parsePasswd, parseShadow } from './accounts.ts';
import { collectLinuxDisks, parseScanOpen, parseSmartctl } from './disks.ts';
import { collectLinuxRaid, parseMdstat } from './raid.ts';
import { collectLinuxServices, parseServices } from './services.ts';
import { parseDpkgQuery, parseRpmQuery } from './software.ts';
import { parseAptSimulation } from './updates.ts';
import { parseMounts } from './volumes.ts';

const isSorted = (names: string[]) =>
  names.every((name, i) => i === 0 || compareText(names[i - 1]!, name) <= 0);

describe('software', () => {
  it('lists installed dpkg packages with version and architecture, sorted by name', () => {
    const packages = parseDpkgQuery(fixture('linux/dpkg-query.txt'));
    expect(packages.find((item) => item.name === 'dpkg')).toEqual({
      name: 'dpkg',
      version: '1.21.22',
      publisher: 'amd64',
      source: 'dpkg',
    });
    expect(packages.find((item) => item.name === 'tzdata')?.publisher).toBe('all');
    expect(isSorted(packages.map((item) => item.name))).toBe(true);
  });

  it('leaves out packages that are removed but keep their config files', () => {
    const packages = parseDpkgQuery('old-tool\t1.0\tamd64\trc \nnew-tool\t2.0\tamd64\tii \n');
    expect(packages.map((item) => item.name)).toEqual(['new-tool']);
  });

  it('keeps a package dpkg is in the middle of upgrading or removing, so a report then reads no removal', () => {
    const output = [
      'upgrading\t2.0-1\tall\tiU ',
      'configuring\t3.1-2\tamd64\tiF ',
      'removing\t1.4\tall\trH ',
      'triggered\t5.0\tall\tit ',
      'gone\t1.0\tall\tun ',
    ].join('\n');
    expect(parseDpkgQuery(output).map((item) => `${item.name} ${item.version}`)).toEqual([
      'configuring 3.1-2',
      'removing 1.4',
      'triggered 5.0',
      'upgrading 2.0-1',
    ]);
  });

  it('reads rpm packages, dropping an empty epoch and keeping both installed kernels', () => {
    const packages = parseRpmQuery(fixture('linux/rpm-qa.txt'));
    expect(packages.find((item) => item.name === 'bash')?.version).toBe('5.1.8-9.el9');
    expect(packages.find((item) => item.name === 'openssl')?.version).toBe('1:3.0.7-27.el9');
    expect(packages.find((item) => item.name === 'gpg-pubkey')?.publisher).toBeNull();
    expect(packages.filter((item) => item.name === 'kernel').map((item) => item.version)).toEqual([
      '5.14.0-362.24.1.el9_3',
      '5.14.0-427.13.1.el9_4',
    ]);
  });
});

describe('services', () => {
  const services = parseServices(
    fixture('linux/systemctl-list-units.txt'),
    fixture('linux/systemctl-list-unit-files.txt'),
  );
  const byName = new Map(services.map((service) => [service.name, service]));

  it('reports state and start mode as an administrator would read them', () => {
    expect(byName.get('ssh.service')).toEqual({
      name: 'ssh.service',
      displayName: 'OpenBSD Secure Shell server',
      state: 'running',
      startMode: 'enabled',
    });
    expect(byName.get('mariadb.service')?.state).toBe('failed');
    expect(byName.get('nginx.service')?.state).toBe('failed'); // crash-looping
    expect(byName.get('apt-daily.service')).toMatchObject({ state: 'stopped', startMode: 'manual' });
    expect(byName.get('getty@tty1.service')?.startMode).toBe('enabled'); // from its template
  });

  it('leaves out units that come and go with logins, transient units and units that are not installed', () => {
    expect(
      [...byName.keys()].some((name) => name.startsWith('user@') || name.startsWith('user-runtime-dir@')),
    ).toBe(false);
    expect(byName.has('plymouth-start.service')).toBe(false);
    expect([...byName.keys()].some((name) => name.startsWith('run-'))).toBe(false);
    expect(isSorted(services.map((service) => service.name))).toBe(true);
  });

  it('is not available where systemd is not running', async () => {
    const system = fakeSystem({
      commands: {
        'systemctl list-units': {
          exitCode: 1,
          stderr: "System has not been booted with systemd as init system (PID 1). Can't operate.",
        },
      },
    });
    await expect(collectLinuxServices(system)).rejects.toThrow(/systemd is not running/);
  });
});

describe('accounts', () => {
  const files = {
    '/etc/passwd': fixture('linux/passwd'),
    '/etc/group': fixture('linux/group'),
    '/etc/shadow': fixture('linux/shadow'),
  };

  it('reports root, people and accounts with a login shell, with groups and password dates', async () => {
    const accounts = await collectLinuxAccounts(fakeSystem({ files }));
    expect(accounts.map((account) => account.name)).toEqual([
      'alice',
      'bob',
      'carol',
      'cloudsdk',
      'dave',
      'postgres',
      'root',
    ]);
    expect(accounts.find((account) => account.name === 'alice')).toEqual({
      name: 'alice',
      kind: 'local',
      groups: ['adm', 'alice', 'sudo'],
      disabled: false,
      passwordChangedAt: '2025-01-12', // day 20100
    });
    expect(accounts.find((account) => account.name === 'postgres')?.groups).toEqual(['postgres', 'ssl-cert']);
  });

  it('calls expired and nologin accounts disabled, but not a locked password that SSH keys get past', async () => {
    const accounts = await collectLinuxAccounts(fakeSystem({ files }));
    const disabled = Object.fromEntries(accounts.map((account) => [account.name, account.disabled]));
    expect(disabled).toMatchObject({ bob: true, dave: true, carol: false, cloudsdk: false, root: false });
    // "must change at next login" (lastchg 0) is no date
    expect(accounts.find((account) => account.name === 'bob')?.passwordChangedAt).toBeNull();
  });

  it('still reports the accounts, without dates, when /etc/shadow cannot be read', async () => {
    const accounts = await collectLinuxAccounts(fakeSystem({ files: { ...files, '/etc/shadow': 'EACCES' } }));
    expect(accounts).toHaveLength(7);
    expect(accounts.every((account) => account.passwordChangedAt === null)).toBe(true);
  });

  it('does not report system accounts that cannot log in', () => {
    const passwd = parsePasswd(
      'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534::/:/usr/sbin/nologin\n',
    );
    expect(buildAccounts(passwd, '', parseShadow(''), 20_000)).toEqual([]);
  });
});

describe('raid', () => {
  const arrays = parseMdstat(fixture('linux/mdstat-degraded.txt'));
  const byDevice = new Map(arrays.map((array) => [array.device, array]));

  it('names a degraded mirror and its failed member', () => {
    expect(byDevice.get('/dev/md0')).toEqual({
      device: '/dev/md0',
      level: 'raid1',
      health: 'degraded',
      members: ['sda1', 'sdb1'],
      failedMembers: ['sdb1'],
    });
  });

  it('tells a rebuilding array, a healthy read-only one and an inactive one apart', () => {
    expect(byDevice.get('/dev/md1')).toMatchObject({
      level: 'raid5',
      health: 'rebuilding',
      members: ['sdb2', 'sdc1', 'sdd1'],
    });
    expect(byDevice.get('/dev/md2')).toMatchObject({ level: 'raid1', health: 'ok' });
    expect(byDevice.get('/dev/md127')).toMatchObject({ level: null, health: 'failed' });
    expect(arrays.map((array) => array.device)).toEqual(['/dev/md0', '/dev/md1', '/dev/md127', '/dev/md2']);
  });

  it('gives an empty list when md runs without arrays, and not available without /proc/mdstat', async () => {
    expect(
      await collectLinuxRaid(fakeSystem({ files: { '/proc/mdstat': fixture('linux/mdstat-empty.txt') } })),
    ).toEqual([]);
    await expect(collectLinuxRaid(fakeSystem())).rejects.toThrow(/md driver is not loaded/);
  });
});

describe('disks', () => {
  it('reads smartctl JSON: a failing disk is failing, a passing one ok', async () => {
    const system = fakeSystem({
      commands: {
        'smartctl --scan-open': fixture('linux/smartctl-scan-open.txt'),
        'smartctl -H': (args) =>
          args.includes('/dev/sda')
            ? { stdout: fixture('linux/smartctl-sda-failing.json'), exitCode: 8 }
            : fixture('linux/smartctl-nvme0-ok.json'),
      },
    });
    expect(await collectLinuxDisks(system)).toEqual([
      {
        device: '/dev/nvme0',
        model: 'Samsung SSD 980 PRO 1TB',
        serial: 'S5GXNX0T123456A',
        health: 'ok',
        detail: 'SMART overall-health: PASSED',
      },
      {
        device: '/dev/sda',
        model: 'WDC WD40EFRX-68N32N0',
        serial: 'WD-WCC7K4NLXXXX',
        health: 'failing',
        detail: 'SMART overall-health: FAILED',
      },
    ]);
    expect(system.calls).toContain('smartctl -H -i -j -d sat /dev/sda');
  });

  it('skips devices smartctl could not open during the scan', () => {
    expect(parseScanOpen(fixture('linux/smartctl-scan-open.txt')).map((device) => device.device)).toEqual([
      '/dev/sda',
      '/dev/nvme0',
    ]);
  });

  it('asks for root when smartctl may not open the disk', () => {
    expect(() =>
      parseSmartctl({ device: '/dev/sda', type: null }, fixture('linux/smartctl-permission-denied.json')),
    ).toThrow(/run as root/);
  });
});

describe('health', () => {
  it('counts pending apt upgrades and those from a security archive', () => {
    const recorded = fixture('linux/apt-get-s-upgrade.txt');
    const inst = recorded.split('\n').filter((line) => line.startsWith('Inst '));
    expect(parseAptSimulation(recorded)).toEqual({
      count: inst.length,
      security: inst.filter((line) => line.includes('-Security:')).length,
    });
    expect(parseAptSimulation(recorded).security).toBeGreaterThan(0);
  });

  it('keeps real filesystems only', () => {
    expect(parseMounts(fixture('linux/proc-mounts.txt'))).toEqual([
      { device: '/dev/vda', mount: '/', filesystem: 'ext4' },
    ]);
    expect(
      parseMounts('/dev/sdb1 /mnt/my\\040disk ext4 rw 0 0\n/dev/sdb1 /srv/containers/data ext4 rw 0 0\n'),
    ).toEqual([{ device: '/dev/sdb1', mount: '/mnt/my disk', filesystem: 'ext4' }]);
  });
});
