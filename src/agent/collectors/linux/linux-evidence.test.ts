import { describe, expect, it } from 'vitest';
import { fakeSystem, fixture } from '../fake-system.ts';
import { collectPackageEvents, packageEvents, parseAptHistory, parseDpkgLog } from './package-events.ts';
import { collectLinuxSessions, openSince, parseLast, parseSshdLog } from './sessions.ts';

const berlin = 'Europe/Berlin';

describe('package events', () => {
  const runs = parseAptHistory(fixture('linux/apt-history-sudo.log'), berlin);

  it('names the sudo user who installed a package, at the right UTC time across a DST change', () => {
    const events = packageEvents(runs, [], new Date('2026-03-01T00:00:00Z'));
    expect(events.find((event) => event.subject === 'htop')).toEqual({
      at: '2026-03-29T00:30:12.000Z', // 01:30 CET, half an hour before clocks went forward
      kind: 'software',
      subject: 'htop',
      action: 'install',
      actor: 'alice',
      source: 'apt history.log',
    });
    expect(events.find((event) => event.subject === 'telnet')).toMatchObject({
      at: '2026-03-29T01:10:00.000Z', // 03:10 CEST
      action: 'purge',
      actor: 'carol',
    });
  });

  it('gives one event per package with the name state.software uses; unattended-upgrade runs are its own', () => {
    const events = packageEvents(runs, [], new Date('2026-03-01T00:00:00Z'));
    const unattended = events.filter((event) => event.at === '2026-03-30T07:00:00.000Z');
    expect(unattended.map((event) => [event.subject, event.action, event.actor])).toEqual([
      ['openssl', 'upgrade', 'unattended-upgrades'],
      ['libssl3', 'upgrade', 'unattended-upgrades'],
    ]);
    expect(events.find((event) => event.subject === 'libnl-genl-3-200')?.action).toBe('install');
  });

  it('adds dpkg.log changes that no apt run explains, without an actor', () => {
    const dpkg = parseDpkgLog(fixture('linux/dpkg-direct.log'), berlin);
    const events = packageEvents(runs, dpkg, new Date('2026-03-01T00:00:00Z'));
    const fromDpkg = events.filter((event) => event.source === 'dpkg.log');
    expect(fromDpkg).toEqual([
      {
        at: '2026-03-30T09:45:02.000Z',
        kind: 'software',
        subject: 'zoom',
        action: 'install',
        actor: null,
        source: 'dpkg.log',
      },
      {
        at: '2026-03-31T06:00:00.000Z',
        kind: 'software',
        subject: 'zoom',
        action: 'remove',
        actor: null,
        source: 'dpkg.log',
      },
    ]);
  });

  it('reports only what happened since the given instant', () => {
    const events = packageEvents(runs, [], new Date('2026-03-30T00:00:00Z'));
    expect(new Set(events.map((event) => event.subject))).toEqual(new Set(['openssl', 'libssl3']));
  });

  it('reads the machine’s real history.log in its zone; root’s own apt-get names no one', async () => {
    const system = fakeSystem({
      timeZone: 'UTC',
      files: {
        '/var/log/apt/history.log': fixture('linux/apt-history.log'),
        '/var/log/dpkg.log': fixture('linux/dpkg.log'),
      },
    });
    const events = await collectPackageEvents(system, new Date('2020-01-01T00:00:00Z'));
    expect(events.find((event) => event.subject === 'tzdata')).toMatchObject({
      at: '2026-05-09T07:28:46.000Z',
      action: 'upgrade',
      actor: null,
    });
    // dpkg.log's lines all belong to history.log's first run
    expect(events.some((event) => event.source === 'dpkg.log')).toBe(false);
  });

  it('is not available when neither log exists', async () => {
    await expect(collectPackageEvents(fakeSystem(), new Date(0))).rejects.toThrow(/no package log/);
  });
});

describe('sessions', () => {
  it('reads last: remote logons are ssh, local ones console, open ones have no end', () => {
    const sessions = parseLast(fixture('linux/last.txt'));
    expect(sessions).toEqual([
      {
        user: 'alice',
        from: '192.0.2.10',
        kind: 'ssh',
        startedAt: '2026-03-29T00:20:00.000Z',
        endedAt: '2026-03-29T01:40:00.000Z',
      },
      {
        user: 'carol',
        from: '2001:db8::7',
        kind: 'ssh',
        startedAt: '2026-03-29T00:55:00.000Z',
        endedAt: null,
      },
      {
        user: 'root',
        from: null,
        kind: 'console',
        startedAt: '2026-03-28T21:00:00.000Z',
        endedAt: '2026-03-28T21:10:00.000Z',
      },
      {
        user: 'bob',
        from: '198.51.100.4',
        kind: 'ssh',
        startedAt: '2026-03-20T09:00:00.000Z',
        endedAt: '2026-03-20T10:00:00.000Z',
      },
    ]);
    expect(openSince(sessions, new Date('2026-03-28T00:00:00Z')).map((session) => session.user)).toEqual([
      'alice',
      'carol',
      'root',
    ]);
  });

  it('falls back to sshd’s journal entries when last is missing', async () => {
    const system = fakeSystem({ commands: { journalctl: fixture('linux/journal-sshd.txt') } });
    expect(await collectLinuxSessions(system, new Date('2026-03-29T00:00:00Z'))).toEqual([
      {
        user: 'alice',
        from: '192.0.2.10',
        kind: 'ssh',
        startedAt: '2026-03-29T07:00:01.000Z',
        endedAt: '2026-03-29T07:45:30.000Z',
      },
      {
        user: 'vendor',
        from: '198.51.100.20',
        kind: 'ssh',
        startedAt: '2026-03-29T07:10:00.000Z',
        endedAt: null,
      },
    ]);
  });

  it('reads auth.log in the same format when the journal has nothing', async () => {
    const system = fakeSystem({
      commands: { journalctl: '' },
      files: { '/var/log/auth.log': fixture('linux/journal-sshd.txt') },
    });
    expect((await collectLinuxSessions(system, new Date('2026-03-29T00:00:00Z'))).map((s) => s.user)).toEqual(
      ['alice', 'vendor'],
    );
    expect(parseSshdLog('not a log line')).toEqual([]);
  });

  it('is not available with no last, no journalctl and no auth.log', async () => {
    await expect(collectLinuxSessions(fakeSystem(), new Date(0))).rejects.toThrow(/no logon record/);
  });
});
