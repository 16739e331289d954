// The agent's state directory: agent.json holds the server, the agent's ids and its credential, so it is
// written with mode 0600 in a directory only the agent's user can enter (0700).
import { chmod, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
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

/** Suffix of a file being written; a crash may leave one behind, and readers ignore it. */
export const TEMPORARY_SUFFIX = '.tmp';

/** Makes a directory only its owner can enter, tightening one that exists. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

/** Flushes a directory's entries (a rename) to disk; a platform that cannot sync a directory skips it. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // EINVAL/EPERM/EISDIR where directories cannot be synced: the rename is still atomic.
  } finally {
    await handle.close();
  }
}

/**
 * Writes a file so that a crash leaves either the old content or the new, never half of it: a temporary
 * file, mode 0600 from the first byte, synced, renamed over the target, then the directory synced.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}${TEMPORARY_SUFFIX}`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    // open's mode applies only to a new file, and the umask may narrow it: set it outright.
    await handle.chmod(0o600);
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => {});
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
  await syncDir(dirname(path));
}

/** Writes agent.json atomically, mode 0600, in a 0700 directory. */
export async function writeAgentState(stateDir: string, state: AgentState): Promise<string> {
  await ensurePrivateDir(stateDir);
  const path = join(stateDir, STATE_FILE);
  await writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
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

/** When the agent last collected an inventory it queued: the next one reads logs from a little before. */
export const INVENTORY_MARK_FILE = 'inventory.json';
const inventoryMarkSchema = z.object({ lastCollectedAt: z.iso.datetime() });

/** The previous collection's time, or null when there is none (or the file is unreadable). */
export async function readLastCollection(stateDir: string): Promise<Date | null> {
  try {
    const text = await readFile(join(stateDir, INVENTORY_MARK_FILE), 'utf8');
    const parsed = inventoryMarkSchema.safeParse(JSON.parse(text));
    return parsed.success ? new Date(parsed.data.lastCollectedAt) : null;
  } catch {
    return null;
  }
}

export async function writeLastCollection(stateDir: string, at: Date): Promise<void> {
  await writeFileAtomic(
    join(stateDir, INVENTORY_MARK_FILE),
    `${JSON.stringify({ lastCollectedAt: at.toISOString() })}\n`,
  );
}
