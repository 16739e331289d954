import { describe, expect, it } from 'vitest';
import { inventoryInputSchema } from '../../../shared/api/inventory.ts';
import { fakeSystem, fixture } from '../fake-system.ts';
import { collectInventory } from '../index.ts';
import { parseSqlSa, parseWindowsAccounts } from './accounts.ts';
import { accountName, parseInstallerEvents, parseSecurityEvents } from './events.ts';
import { parsePowerShellJson } from './powershell.ts';
import { parseProtection, parseWindowsUpdates } from './protection.ts';
import { parseWindowsServices } from './services.ts';
import { parseWindowsSoftware } from './software.ts';
import { parseWindowsDisks, parseWindowsVolumes } from './storage.ts';

const json = (name: string) => parsePowerShellJson(fixture(`windows/${name}`));

describe('Windows state', () => {
  it('lists installed programs once each, sorted, with a placeholder for a missing version', () => {
    const software = parseWindowsSoftware(json('software.json'));
    expect(software.filter((item) => item.name === 'Google Chrome')).toHaveLength(1);
    expect(software.find((item) => item.name === 'Sage 50 Accounts')).toEqual({
      name: 'Sage 50 Accounts',
      version: 'unknown',
      publisher: 'Sage',
      source: 'windows',
    });
    expect(software.map((item) => item.name)[0]).toBe('7-Zip 23.01 (x64)');
  });

  it('reads a single program, which ConvertTo-Json prints as a bare object, and an empty answer', () => {
    expect(
      parseWindowsSoftware(
        parsePowerShellJson('{"DisplayName":"Zoom","DisplayVersion":"5.17","Publisher":null}'),
      ),
    ).toHaveLength(1);
    expect(parseWindowsSoftware(parsePowerShellJson(''))).toEqual([]);
  });

  it('maps services: an automatic service stopped with an error has failed; per-user instances are left out', () => {
    const services = new Map(
      parseWindowsServices(json('services.json')).map((service) => [service.name, service]),
    );
    expect(services.get('MSSQLSERVER')).toMatchObject({ state: 'failed', startMode: 'enabled' });
    expect(services.get('RemoteRegistry')).toMatchObject({ state: 'stopped', startMode: 'disabled' });
    expect(services.get('wuauserv')).toMatchObject({ state: 'stopped', startMode: 'manual' });
    expect(services.get('BITS')?.state).toBe('other');
    expect(services.has('CDPUserSvc_4b7c2')).toBe(false);
  });

  it('reports local accounts with groups and password instants, and sa from sqlcmd', () => {
    const accounts = parseWindowsAccounts(json('accounts.json'));
    expect(accounts.find((account) => account.name === 'alice')).toEqual({
      name: 'alice',
      kind: 'local',
      groups: ['Administrators', 'Remote Desktop Users', 'Users'],
      disabled: false,
      passwordChangedAt: '2026-03-29T08:05:12.123Z',
    });
    expect(accounts.find((account) => account.name === 'Guest')).toMatchObject({
      disabled: true,
      passwordChangedAt: null,
    });
    expect(parseSqlSa(fixture('windows/sqlcmd-sa.txt'), 'Europe/London')).toEqual({
      name: 'sa',
      kind: 'sql',
      groups: [],
      disabled: false,
      passwordChangedAt: '2023-11-02T16:45:10.237Z',
    });
  });

  it('maps disk health, fixed volumes and Defender', () => {
    expect(parseWindowsDisks(json('disks.json'))).toEqual([
      {
        device: 'PhysicalDisk0',
        model: 'SAMSUNG MZVL2512HCJQ-00B00',
        serial: '0025_3884_1144_AB12.',
        health: 'ok',
        detail: 'HealthStatus: Healthy',
      },
      {
        device: 'PhysicalDisk1',
        model: 'ST4000NM0035-1V4107',
        serial: 'ZC1A2B3C',
        health: 'failing',
        detail: 'HealthStatus: Warning',
      },
    ]);
    expect(parseWindowsVolumes(json('volumes.json')).map((volume) => volume.mount)).toEqual([
      'C:\\',
      'D:\\',
      'Recovery',
    ]);
    expect(parseProtection(json('protection.json'))).toEqual({
      products: [
        { product: 'Microsoft Defender Antivirus', enabled: true, realTimeProtection: false },
        { product: 'Sophos Intercept X', enabled: true, realTimeProtection: null },
      ],
      signatureAgeDays: 3,
    });
    expect(parseWindowsUpdates(json('updates.json'))).toEqual({ count: 5, security: 2 });
  });
});

describe('Windows events', () => {
  it('turns Windows Installer events into one install per product, naming the user', () => {
    const events = parseInstallerEvents(json('installer-events.json'));
    expect(events).toEqual([
      {
        at: '2026-03-29T10:00:00.000Z',
        kind: 'software',
        subject: 'Adobe Acrobat Reader DC',
        action: 'remove',
        actor: 'CONTOSO\\jsmith',
        source: 'Windows event 1034',
      },
      {
        at: '2026-03-30T14:02:11.555Z',
        kind: 'software',
        subject: 'Sage 50 Accounts',
        action: 'install',
        actor: 'vendor-sage',
        source: 'Windows event 11707',
      },
    ]);
  });

  it('reads account, password and group changes with who made them, and RDP sessions', () => {
    const { events, sessions } = parseSecurityEvents(
      json('security-events.json'),
      new Date('2026-03-30T00:00:00Z'),
    );
    expect(events.map((event) => [event.kind, event.subject, event.action, event.actor])).toEqual([
      ['account', 'vendor-sage', 'create', 'alice'],
      ['password', 'vendor-sage', 'password reset', 'alice'],
      ['group', 'vendor-sage', 'added to group Remote Desktop Users', 'alice'],
      ['password', 'vendor-sage', 'password change', 'vendor-sage'],
    ]);
    expect(sessions).toEqual([
      {
        user: 'vendor-sage',
        from: '198.51.100.20',
        kind: 'rdp',
        startedAt: '2026-03-30T13:55:02.100Z',
        endedAt: '2026-03-30T14:30:00.000Z',
      },
      {
        user: 'CONTOSO\\jsmith',
        from: '203.0.113.45',
        kind: 'rdp',
        startedAt: '2026-03-30T15:00:00.000Z',
        endedAt: null,
      },
    ]);
  });

  it('names the machine’s own accounts without their computer name', () => {
    expect(accountName('ACCT-PC01', 'alice', 'acct-pc01')).toBe('alice');
    expect(accountName(null, 'NT AUTHORITY\\SYSTEM', 'ACCT-PC01')).toBe('SYSTEM');
    expect(accountName('CONTOSO', 'jsmith', 'ACCT-PC01')).toBe('CONTOSO\\jsmith');
    expect(accountName('-', '-', 'ACCT-PC01')).toBeNull();
  });
});

describe('a whole Windows report', () => {
  it('passes the contract, with RAID not available and sqlcmd absent', async () => {
    const answers: [RegExp, string][] = [
      [/Uninstall/, 'software.json'],
      [/Win32_Service/, 'services.json'],
      [/Get-LocalUser/, 'accounts.json'],
      [/Get-PhysicalDisk/, 'disks.json'],
      [/Get-Volume/, 'volumes.json'],
      [/Get-MpComputerStatus/, 'protection.json'],
      [/Microsoft\.Update\.Session/, 'updates.json'],
      [/MsiInstaller/, 'installer-events.json'],
      [/QueryList/, 'security-events.json'],
    ];
    const system = fakeSystem({
      platform: 'win32',
      now: new Date('2026-03-31T00:00:00Z'),
      commands: {
        'powershell.exe': (args) => {
          const script = Buffer.from(args.at(-1)!, 'base64').toString('utf16le');
          const match = answers.find(([pattern]) => pattern.test(script));
          return match ? fixture(`windows/${match[1]}`) : { exitCode: 1, stderr: 'unexpected script' };
        },
      },
    });
    const report = inventoryInputSchema.parse(
      await collectInventory({ system, since: new Date('2026-03-29T00:00:00Z') }),
    );
    expect(report.notAvailable).toEqual({ raid: expect.stringMatching(/not read on Windows/) });
    expect(report.state.accounts?.some((account) => account.kind === 'sql')).toBe(false);
    expect(report.health.signatureAgeDays).toBe(3);
    expect(report.events.map((event) => event.at)).toEqual(
      [...report.events.map((event) => event.at)].sort(),
    );
    expect(report.sessions).toHaveLength(2);
  });
});
