// Refuses a PostgreSQL that can lose committed transactions (fsync or synchronous_commit off).
import { ConfigError } from '../config.ts';
import type { Logger } from '../observability/logger.ts';
import { type DatabaseHandle, queryRows } from './client.ts';

export class UnsafeDurabilityError extends ConfigError {}

export interface DurabilitySettings {
  fsync: string;
  synchronousCommit: string;
}

/** Pure: the settings that lose acknowledged commits on a crash, each with the reason. */
export function findUnsafeSettings(settings: DurabilitySettings): string[] {
  const unsafe: string[] = [];
  if (settings.fsync !== 'on') {
    unsafe.push(`fsync is ${settings.fsync} (a power loss or OS crash can corrupt the whole cluster)`);
  }
  if (settings.synchronousCommit === 'off') {
    unsafe.push('synchronous_commit is off (a crash loses transactions already reported as committed)');
  }
  return unsafe;
}

export async function readDurabilitySettings(handle: DatabaseHandle): Promise<DurabilitySettings> {
  const [row] = await queryRows<{ fsync: string; synchronous_commit: string }>(
    handle,
    "select current_setting('fsync') as fsync, current_setting('synchronous_commit') as synchronous_commit",
  );
  if (!row) throw new Error('PostgreSQL returned no settings');
  return { fsync: row.fsync, synchronousCommit: row.synchronous_commit };
}

/**
 * Throws UnsafeDurabilityError naming each unsafe setting, unless `allowUnsafe` (then it warns).
 * PGlite is skipped: it never fsyncs, which docs/operations.md states plainly.
 */
export async function assertDurable(
  handle: DatabaseHandle,
  options: { allowUnsafe: boolean; logger: Logger },
): Promise<void> {
  if (handle.engine !== 'postgres') return;
  const unsafe = findUnsafeSettings(await readDurabilitySettings(handle));
  if (unsafe.length === 0) return;
  if (options.allowUnsafe) {
    options.logger.warn(
      { unsafeSettings: unsafe },
      `PostgreSQL is not durable (${unsafe.join('; ')}); starting anyway because ALLOW_UNSAFE_DURABILITY=true`,
    );
    return;
  }
  throw new UnsafeDurabilityError(
    `Refusing to start: PostgreSQL is not durable:\n${unsafe.map((line) => `  ${line}`).join('\n')}\n` +
      'Turn the setting back on (ALTER SYSTEM / ALTER DATABASE … RESET, or postgresql.conf), ' +
      'or set ALLOW_UNSAFE_DURABILITY=true to run anyway (test installs only).',
  );
}
