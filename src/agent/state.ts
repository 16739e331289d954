// The agent's state directory: agent.json holds the server, the agent's ids and its credential, so it is
// written with mode 0600 in a directory only the agent's user can enter (0700).
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export const STATE_FILE = 'agent.json';

/** /var/lib/accord-agent for root, else ~/.local/state/accord-agent (XDG_STATE_HOME when set). */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.getuid?.() === 0) return '/var/lib/accord-agent';
  const stateHome = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(stateHome, 'accord-agent');
}

export const agentStateSchema = z.object({
  server: z.url(),
  agentId: z.uuid(),
  assetId: z.uuid(),
  credential: z.string().min(1),
});
export type AgentState = z.infer<typeof agentStateSchema>;

export class AgentStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentStateError';
  }
}

/** Writes agent.json atomically (a temporary file renamed over it), mode 0600 from the first byte. */
export async function writeAgentState(stateDir: string, state: AgentState): Promise<string> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const path = join(stateDir, STATE_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  // writeFile's mode applies only to a new file, and the umask may narrow it further: set it outright.
  await chmod(temporary, 0o600);
  await rename(temporary, path);
  return path;
}

export async function readAgentState(stateDir: string): Promise<AgentState> {
  const path = join(stateDir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new AgentStateError(`No ${path}: enroll first with "accord agent enroll --server URL --token T".`);
  }
  let parsed: ReturnType<typeof agentStateSchema.safeParse>;
  try {
    parsed = agentStateSchema.safeParse(JSON.parse(text));
  } catch {
    throw new AgentStateError(`${path} is not valid JSON; enroll again.`);
  }
  if (!parsed.success) throw new AgentStateError(`${path} is incomplete; enroll again.`);
  return parsed.data;
}
