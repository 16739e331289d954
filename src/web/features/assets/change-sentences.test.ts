import { describe, expect, test } from 'vitest';
import type { AssetChange } from '../../../shared/api/inventory.ts';
import {
  changeGroupOf,
  changeWhen,
  dayLabel,
  describeActor,
  describeChange,
  groupByDay,
  isAlarming,
} from './change-sentences.ts';

const change = (overrides: Partial<AssetChange>): AssetChange => ({
  id: '00000000-0000-4000-8000-000000000001',
  assetId: '00000000-0000-4000-8000-000000000002',
  kind: 'software.installed',
  subject: 'pkg',
  before: null,
  after: null,
  occurredAt: '2026-03-10T12:00:00.000Z',
  timeFromLog: true,
  since: null,
  actor: null,
  actorSource: null,
  openSessions: [],
  detectedAt: '2026-03-10T12:05:00.000Z',
  outcome: null,
  vendorId: null,
  vendorName: null,
  changeRequestId: null,
  outcomeReason: null,
  rejudged: false,
  ticketId: null,
  assetName: 'fs01',
  clientId: '00000000-0000-4000-8000-000000000003',
  ...overrides,
});

describe('describeChange', () => {
  test.each([
    [
      { kind: 'software.upgraded', subject: 'dotnet-runtime', before: '6.0.25', after: '8.0.1' },
      'Upgraded dotnet-runtime 6.0.25 → 8.0.1',
    ],
    [
      { kind: 'software.downgraded', subject: 'curl', before: '8.5', after: '8.1' },
      'Downgraded curl 8.5 → 8.1',
    ],
    [
      { kind: 'software.installed', subject: 'accord-test-pkg', after: '1.0' },
      'Installed accord-test-pkg 1.0',
    ],
    [{ kind: 'software.removed', subject: 'telnet', before: '0.17' }, 'Removed telnet 0.17'],
    [{ kind: 'account.password_changed', subject: 'sa' }, 'Password changed for sa'],
    [
      { kind: 'account.groups_changed', subject: 'bob', before: '', after: 'sudo' },
      'Groups of bob changed: none → sudo',
    ],
    [
      { kind: 'service.changed', subject: 'nginx', before: 'running', after: 'failed' },
      'Service nginx: running → failed',
    ],
    [
      { kind: 'disk.health_changed', subject: '/dev/sda', before: 'ok', after: 'failing' },
      'Disk /dev/sda health: ok → failing',
    ],
    [{ kind: 'backup.added', subject: 'nightly' }, 'Backup job nightly added'],
    [
      { kind: 'disk.health_changed', subject: '/dev/sdb', after: 'failing' },
      'Disk /dev/sdb reported failing',
    ],
    [
      { kind: 'account.added', subject: 'bob', after: 'sudo, users' },
      'Account bob added (groups: sudo, users)',
    ],
  ] as [Partial<AssetChange>, string][])('%o reads "%s"', (overrides, sentence) => {
    expect(describeChange(change(overrides))).toBe(sentence);
  });

  test('a version-less install reads without a trailing space', () => {
    expect(describeChange(change({ subject: 'x', after: null }))).toBe('Installed x');
  });
});

describe('changeGroupOf', () => {
  test('disks and RAID share a group; OS and protection share another', () => {
    expect(changeGroupOf('disk.health_changed')).toBe('storage');
    expect(changeGroupOf('raid.health_changed')).toBe('storage');
    expect(changeGroupOf('os.changed')).toBe('system');
    expect(changeGroupOf('protection.changed')).toBe('system');
    expect(changeGroupOf('account.disabled')).toBe('accounts');
  });
});

describe('isAlarming', () => {
  test('a failing disk or a degraded array is alarming, a rebuild or recovery is not', () => {
    expect(isAlarming({ kind: 'disk.health_changed', after: 'failing' })).toBe(true);
    expect(isAlarming({ kind: 'raid.health_changed', after: 'degraded (failed: sdb)' })).toBe(true);
    expect(isAlarming({ kind: 'raid.health_changed', after: 'rebuilding' })).toBe(false);
    expect(isAlarming({ kind: 'disk.health_changed', after: 'ok' })).toBe(false);
    expect(isAlarming({ kind: 'software.upgraded', after: '2' })).toBe(false);
  });
});

describe('describeActor', () => {
  test('a logged actor is named with where it was read', () => {
    expect(describeActor(change({ actor: 'alice', actorSource: 'apt history.log' }))).toEqual({
      text: 'by alice · apt history.log',
      isKnown: true,
    });
  });

  test('without an actor, the sessions open at the time are listed', () => {
    const text = describeActor(
      change({
        openSessions: [
          { user: 'vendor-tech', from: '203.0.113.7', kind: 'rdp' },
          { user: 'root', from: null, kind: 'console' },
        ],
      }),
    ).text;
    expect(text).toBe('Sessions open: vendor-tech (rdp from 203.0.113.7), root (console)');
  });

  test('with neither, it says the actor was not recorded', () => {
    expect(describeActor(change({}))).toEqual({ text: 'Actor not recorded', isKnown: false });
  });
});

describe('changeWhen', () => {
  test('a logged time is exact; otherwise the window between the two reports', () => {
    expect(changeWhen(change({ timeFromLog: true }))).toEqual({ at: '2026-03-10T12:00:00.000Z' });
    expect(changeWhen(change({ timeFromLog: false, since: '2026-03-10T06:00:00.000Z' }))).toEqual({
      from: '2026-03-10T06:00:00.000Z',
      to: '2026-03-10T12:00:00.000Z',
    });
    expect(changeWhen(change({ timeFromLog: false, since: null }))).toEqual({
      by: '2026-03-10T12:00:00.000Z',
    });
  });
});

describe('groupByDay', () => {
  const changes = [
    change({ id: 'a', occurredAt: '2026-03-10T23:30:00.000Z' }),
    change({ id: 'b', occurredAt: '2026-03-10T08:00:00.000Z' }),
    change({ id: 'c', occurredAt: '2026-03-09T20:00:00.000Z' }),
  ];

  test('groups by the calendar day in UTC', () => {
    const groups = groupByDay(changes, 'UTC');
    expect(groups.map((group) => [group.day, group.items.map((item) => item.id)])).toEqual([
      ['2026-03-10', ['a', 'b']],
      ['2026-03-09', ['c']],
    ]);
  });

  test('groups by the calendar day in a zone ahead of UTC', () => {
    // Auckland is UTC+13 in March: 23:30Z is the 11th, 08:00Z and 20:00Z the 10th.
    const groups = groupByDay(changes, 'Pacific/Auckland');
    expect(groups.map((group) => [group.day, group.items.map((item) => item.id)])).toEqual([
      ['2026-03-11', ['a']],
      ['2026-03-10', ['b', 'c']],
    ]);
  });
});

describe('dayLabel', () => {
  const format = (day: string) => `on ${day}`;
  test('today and yesterday by name, other days by date', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(dayLabel('2026-03-10', now, 'UTC', format)).toBe('Today');
    expect(dayLabel('2026-03-09', now, 'UTC', format)).toBe('Yesterday');
    expect(dayLabel('2026-03-08', now, 'UTC', format)).toBe('on 2026-03-08');
  });

  test('yesterday is the calendar day before even across a DST change', () => {
    // New York springs forward on 8 March 2026: the 8th is 23 hours long.
    const now = Date.parse('2026-03-09T04:30:00Z'); // 00:30 on the 9th in New York
    expect(dayLabel('2026-03-08', now, 'America/New_York', format)).toBe('Yesterday');
  });
});
