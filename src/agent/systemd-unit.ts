// The systemd unit that runs the agent as a service (`accord agent print-unit`; deploy/accord-agent.service
// is its default output, kept equal by a test). docs/operations.md, "Agent", explains each choice.
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export const DEFAULT_UNIT_USER = 'accord-agent';
export const DEFAULT_AGENT_BIN = '/usr/bin/accord';
export const SERVICE_STATE_DIR = '/var/lib/accord-agent';

/** The `accord` found on PATH, as an admin's shell would run it; else /usr/bin/accord. */
export function findAgentBin(path = process.env.PATH ?? ''): string {
  for (const dir of path.split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    const candidate = join(dir, 'accord');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return DEFAULT_AGENT_BIN;
}

export interface UnitOptions {
  user?: string;
  bin?: string;
}

export function isValidUnitUser(user: string): boolean {
  return /^[a-z_][a-z0-9_-]{0,31}$/.test(user);
}

export function renderSystemdUnit(options: UnitOptions = {}): string {
  const user = options.user ?? DEFAULT_UNIT_USER;
  const bin = options.bin ?? DEFAULT_AGENT_BIN;
  if (!isValidUnitUser(user)) throw new Error(`"${user}" is not a valid user name.`);
  if (!isAbsolute(bin) || /\s/.test(bin)) throw new Error(`--bin must be an absolute path without spaces.`);
  // Root needs no extra groups to read logs, shadow or disks; anyone else gets the log readers' groups.
  const groups =
    user === 'root'
      ? []
      : [
          '# Read apt/dpkg logs and auth.log (adm) and the journal (systemd-journal) for the collectors.',
          'SupplementaryGroups=adm systemd-journal',
        ];
  return [
    '# Accord agent: heartbeats and inventory reports to an Accord server.',
    '# Written by `accord agent print-unit`; install as /etc/systemd/system/accord-agent.service.',
    '# See docs/operations.md, "Agent".',
    '[Unit]',
    'Description=Accord agent',
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `User=${user}`,
    `Group=${user}`,
    ...groups,
    // /var/lib/accord-agent, created and owned by the user above, mode 0700.
    'StateDirectory=accord-agent',
    'StateDirectoryMode=0700',
    'UMask=0077',
    `ExecStart=${bin} agent run --state-dir ${SERVICE_STATE_DIR}`,
    // SIGTERM stops the agent within a second or two; a report being sent stays queued.
    'TimeoutStopSec=30',
    'Restart=on-failure',
    'RestartSec=30',
    '',
    '# Hardening: the agent writes only its state directory.',
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    'ProtectHome=read-only',
    'PrivateTmp=yes',
    `ReadWritePaths=${SERVICE_STATE_DIR}`,
    'ProtectKernelTunables=yes',
    'ProtectKernelModules=yes',
    'ProtectControlGroups=yes',
    'RestrictSUIDSGID=yes',
    'RestrictRealtime=yes',
    'LockPersonality=yes',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}
