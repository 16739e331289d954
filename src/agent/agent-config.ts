// The agent's configuration file (--config, default /etc/accord-agent/config.json when it exists): what
// the collectors are told about this machine's backups. Read once at start; any problem stops the agent
// with the file's name and every field that is wrong.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const DEFAULT_CONFIG_FILE = '/etc/accord-agent/config.json';

const rpoHours = z.number().int().min(1).max(8760);
const name = z.string().trim().min(1).max(200);
const path = z.string().trim().min(1).max(4096);

export const agentConfigSchema = z.strictObject({
  backups: z
    .strictObject({
      /** restic repositories to ask for their latest snapshot. */
      restic: z
        .array(
          z.strictObject({
            name,
            repository: z.string().trim().min(1).max(4096),
            /** A file holding the repository's password, readable by the agent's user. */
            passwordFile: path,
            rpoHours: rpoHours.optional(),
          }),
        )
        .max(100)
        .optional(),
      /** JSON status files any backup script can write (format in docs/operations.md). */
      statusFiles: z
        .array(z.strictObject({ path, rpoHours: rpoHours.optional() }))
        .max(100)
        .optional(),
    })
    .optional(),
  /** RPO for a backup job that names none: older than this many hours is an alert. */
  defaultRpoHours: rpoHours.optional(),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;

export class AgentConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentConfigError';
  }
}

/**
 * Reads the configuration: `file` when given (it must exist), else the default file when it exists,
 * else an empty configuration.
 */
export async function readAgentConfig(
  file: string | undefined,
  defaultFile = DEFAULT_CONFIG_FILE,
): Promise<{ config: AgentConfig; path: string | null }> {
  const path = file ?? defaultFile;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (file === undefined && code === 'ENOENT') return { config: {}, path: null };
    throw new AgentConfigError(`Cannot read the agent configuration ${path}: ${code ?? String(error)}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AgentConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = agentConfigSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
    throw new AgentConfigError(`${path} is not a valid agent configuration:\n${problems.join('\n')}`);
  }
  return { config: parsed.data, path };
}
