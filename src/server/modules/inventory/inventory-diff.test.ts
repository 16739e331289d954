import { describe, expect, it } from 'vitest';
import { inventoryReport } from '../../../../test/inventory-report.ts';
import type { InventoryState } from '../../../shared/api/inventory.ts';
import { diffInventory } from './inventory-diff.ts';
import { compareVersions } from './version-order.ts';

describe('compareVersions', () => {
  it.each([
    ['1.2.3', '1.2.10', -1],
    ['2:1.0', '1:9.9', 1],
    ['1.0~rc1', '1.0', -1],
    ['1.0-2', '1.0-10', -1],
    ['6.0.25', '8.0.1', -1],
    ['1.0.0', '1.0.0', 0],
    ['1.0a', '1.0', 1],
    ['10.0.19045.4291', '10.0.19045.4170', 1],
  ])('orders %s against %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
    expect(Math.sign(compareVersions(b, a))).toBe(sign === 0 ? 0 : -sign);
  });
});

const base = (): InventoryState => inventoryReport({ packageCount: 3 }).state;
const summary = (before: InventoryState, after: InventoryState) =>
  diffInventory(before, after).map((c) => [c.kind, c.subject, c.before, c.after]);

describe('diffInventory', () => {
  it('finds nothing between identical states', () => {
    expect(diffInventory(base(), base())).toEqual([]);
  });

  it('tells services added, removed and changed, and accounts added, disabled and regrouped', () => {
    const after = base();
    after.services = [
      { name: 'cron.service', displayName: null, state: 'stopped', startMode: 'disabled' },
      { name: 'teamviewerd.service', displayName: null, state: 'running', startMode: 'enabled' },
    ];
    after.accounts = [
      {
        name: 'alice',
        kind: 'local',
        groups: ['alice', 'sudo', 'adm'],
        disabled: true,
        passwordChangedAt: '2026-01-10',
      },
      // The agent could not read the date before; now it can: not a password change.
      { name: 'root', kind: 'local', groups: ['root'], disabled: false, passwordChangedAt: '2026-11-02' },
      { name: 'sa', kind: 'sql', groups: [], disabled: false, passwordChangedAt: '2026-11-20T03:12:00Z' },
    ];
    const before = base();
    before.accounts![1]!.passwordChangedAt = null;
    expect(summary(before, after)).toEqual([
      ['service.added', 'teamviewerd.service', null, 'running, enabled'],
      ['service.removed', 'ssh.service', 'running, enabled', null],
      ['service.changed', 'cron.service', 'running, enabled', 'stopped, disabled'],
      ['account.added', 'sa (SQL login)', null, null],
      ['account.groups_changed', 'alice', 'alice, sudo', 'adm, alice, sudo'],
      ['account.disabled', 'alice', null, null],
    ]);
  });

  it('reports a disk or array only when its health changes or it arrives unwell', () => {
    const after = base();
    after.disks = [
      { device: '/dev/sda', model: null, serial: null, health: 'failing', detail: null },
      { device: '/dev/sdc', model: null, serial: null, health: 'ok', detail: null },
      { device: '/dev/sdd', model: null, serial: null, health: 'failing', detail: null },
    ];
    after.raid = [
      {
        device: 'md0',
        level: 'raid1',
        health: 'degraded',
        members: ['sda1', 'sdb1'],
        failedMembers: ['sdb1'],
      },
    ];
    expect(summary(base(), after)).toEqual([
      ['disk.health_changed', '/dev/sdd', null, 'failing'],
      ['disk.health_changed', '/dev/sda', 'ok', 'failing'],
      ['raid.health_changed', 'md0', 'ok', 'degraded (failed: sdb1)'],
    ]);
  });

  it('tells an OS upgrade and a backup job whose status changed', () => {
    const after = { ...base(), osVersion: '13', kernel: '6.12.0-1-amd64' };
    after.backups = [{ name: 'nightly', source: 'restic' as const, status: 'failed' as const, rpoHours: 24 }];
    expect(summary(base(), after)).toEqual([
      [
        'os.changed',
        'Operating system',
        'Debian GNU/Linux 12 (kernel 6.1.0-28-amd64)',
        'Debian GNU/Linux 13 (kernel 6.12.0-1-amd64)',
      ],
      ['backup.changed', 'nightly', 'ok, RPO 24 h', 'failed, RPO 24 h'],
    ]);
  });
});
