// accord agent enroll | run — the agent side of the command line (docs/operations.md, "Agent").
import { access } from 'node:fs/promises';
import { uptime } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { enroll, normalizeServerUrl, sendHeartbeat } from './server-client.ts';
import { defaultStateDir, readAgentState, STATE_FILE, writeAgentState } from './state.ts';
import { collectSystemInfo } from './system-info.ts';
import { agentVersion } from './version.ts';

export const agentUsage = `  agent enroll --server URL --token T [--state-dir DIR] [--force]
                             Enroll this machine (token also read from ACCORD_ENROLLMENT_TOKEN)
  agent run [--state-dir DIR] [--heartbeat-seconds 60]
                             Send heartbeats until SIGTERM/SIGINT
                             (state dir: /var/lib/accord-agent as root, else ~/.local/state/accord-agent)`;

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

/** The interval with ±10 % jitter, so agents started together do not beat together. */
export function jittered(intervalMs: number, random = Math.random): number {
  return Math.round(intervalMs * (0.9 + 0.2 * random()));
}

async function runCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'state-dir': { type: 'string' },
      'heartbeat-seconds': { type: 'string', default: '60' },
    },
  });
  const seconds = Number(values['heartbeat-seconds']);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 86_400) {
    throw new AgentUsageError('--heartbeat-seconds must be a number from 1 to 86400.');
  }
  const state = await readAgentState(values['state-dir'] ?? defaultStateDir());
  const version = agentVersion();
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal} received; stopping.`);
    stop.abort();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const startedAt = Date.now();
  log(`Agent ${state.agentId} (version ${version}) reporting to ${state.server} every ~${seconds} s.`);
  let failing = true;
  try {
    while (!stop.signal.aborted) {
      try {
        await sendHeartbeat(
          state.server,
          state.credential,
          {
            sentAt: new Date().toISOString(),
            uptimeSeconds: Math.floor(uptime()),
            agentVersion: version,
          },
          stop.signal,
        );
        if (failing) log('Heartbeat accepted.');
        failing = false;
      } catch (error) {
        if (stop.signal.aborted) break;
        failing = true;
        // Keep going: the server may be restarting, the network down, or the credential revoked
        // (then an admin enrolls the machine again; the log says why).
        logError(`Heartbeat failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      await sleep(jittered(seconds * 1000), undefined, { signal: stop.signal }).catch(() => {});
    }
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
  log(`Stopped after ${Math.round((Date.now() - startedAt) / 1000)} s.`);
}

export async function runAgentCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'enroll') return enrollCommand(rest);
  if (sub === 'run') return runCommand(rest);
  console.error(`Usage:\n${agentUsage}`);
  process.exitCode = 2;
}
