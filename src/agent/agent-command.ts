// accord agent enroll | run | print-unit — the agent side of the command line (docs/operations.md,
// "Agent"). The run loop itself is in run-loop.ts.
import { access } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { AgentConfigError, readAgentConfig } from './agent-config.ts';
import { runAgentLoop } from './run-loop.ts';
import { enroll, normalizeServerUrl } from './server-client.ts';
import { defaultStateDir, readAgentState, STATE_FILE, writeAgentState } from './state.ts';
import { collectSystemInfo } from './system-info.ts';
import { DEFAULT_UNIT_USER, findAgentBin, isValidUnitUser, renderSystemdUnit } from './systemd-unit.ts';
import { agentVersion } from './version.ts';

export const agentUsage = `  agent enroll --server URL --token T [--state-dir DIR] [--force]
                             Enroll this machine (token also read from ACCORD_ENROLLMENT_TOKEN)
  agent run [--state-dir DIR] [--heartbeat-seconds 60] [--inventory-minutes 15] [--config FILE]
                             Send heartbeats and inventory reports until SIGTERM/SIGINT
                             (state dir: /var/lib/accord-agent as root, else ~/.local/state/accord-agent;
                             config: /etc/accord-agent/config.json when it exists)
  agent print-unit [--user accord-agent] [--bin PATH]
                             Print a systemd unit that runs the agent as a service`;

export { jittered } from './run-loop.ts';
export { ServerError } from './server-client.ts';
export { AgentStateError } from './state.ts';

/** A mistake in how the agent was invoked: printed without a stack, exit 1. */
export class AgentUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentUsageError';
  }
}

const log = (message: string) => console.log(`${new Date().toISOString()} ${message}`);
const logError = (message: string) => console.error(`${new Date().toISOString()} ${message}`);

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function enrollCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      'state-dir': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const token = values.token ?? process.env.ACCORD_ENROLLMENT_TOKEN;
  if (!values.server || !token) throw new AgentUsageError('agent enroll needs --server URL and --token T.');
  const server = normalizeServerUrl(values.server);
  const stateDir = values['state-dir'] ?? defaultStateDir();
  // Enrolling again would make a second asset for the same machine: ask for it explicitly.
  if (!values.force && (await exists(join(stateDir, STATE_FILE)))) {
    throw new AgentUsageError(
      `${join(stateDir, STATE_FILE)} exists: this machine is enrolled. Use --force to enroll it again.`,
    );
  }
  const system = await collectSystemInfo();
  const enrolled = await enroll(server, { token, ...system });
  const path = await writeAgentState(stateDir, { server, ...enrolled });
  console.log(`Enrolled ${system.hostname} as agent ${enrolled.agentId} (asset ${enrolled.assetId}).`);
  console.log(`Credential saved to ${path}. Start the agent with: accord agent run --state-dir ${stateDir}`);
}

function numberOption(value: string | undefined, flag: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max) {
    throw new AgentUsageError(`${flag} must be a number from ${min} to ${max}.`);
  }
  return number;
}

async function runCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'state-dir': { type: 'string' },
      'heartbeat-seconds': { type: 'string', default: '60' },
      // Fractions are allowed so tests can run a report every second; a machine wants 5 or more.
      'inventory-minutes': { type: 'string', default: '15' },
      config: { type: 'string' },
    },
  });
  const seconds = numberOption(values['heartbeat-seconds'], '--heartbeat-seconds', 1, 86_400);
  const minutes = numberOption(values['inventory-minutes'], '--inventory-minutes', 0.01, 10_080);
  const stateDir = values['state-dir'] ?? defaultStateDir();
  const state = await readAgentState(stateDir);
  const { config, path: configPath } = await readAgentConfig(values.config).catch((error) => {
    throw error instanceof AgentConfigError ? new AgentUsageError(error.message) : error;
  });
  // Loaded here, not at the top: the other commands (and the server's) need none of the collectors.
  const { collectInventory } = await import('./collectors/index.ts');
  const version = agentVersion();
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal} received; stopping.`);
    stop.abort();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const startedAt = Date.now();
  log(
    `Agent ${state.agentId} (version ${version}) reporting to ${state.server}: heartbeat every ~${seconds} s, ` +
      `inventory every ~${minutes} min${configPath ? `, configuration ${configPath}` : ''}.`,
  );
  try {
    await runAgentLoop({
      stateDir,
      state,
      agentVersion: version,
      heartbeatMs: seconds * 1000,
      inventoryMs: minutes * 60_000,
      config,
      collect: (options) => collectInventory(options),
      signal: stop.signal,
      log,
      logError,
    });
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
  log(`Stopped after ${Math.round((Date.now() - startedAt) / 1000)} s.`);
}

function printUnitCommand(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: { user: { type: 'string', default: DEFAULT_UNIT_USER }, bin: { type: 'string' } },
  });
  const user = values.user;
  if (!isValidUnitUser(user)) throw new AgentUsageError(`--user "${user}" is not a valid user name.`);
  const bin = values.bin ?? findAgentBin();
  if (!isAbsolute(bin)) throw new AgentUsageError('--bin must be an absolute path.');
  process.stdout.write(renderSystemdUnit({ user, bin }));
}

export async function runAgentCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'enroll') return enrollCommand(rest);
  if (sub === 'run') return runCommand(rest);
  if (sub === 'print-unit') return printUnitCommand(rest);
  console.error(`Usage:\n${agentUsage}`);
  process.exitCode = 2;
}
