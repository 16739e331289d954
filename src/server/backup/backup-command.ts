// The `accord backup` and `accord restore` commands: open the configured database (holding the DATA_DIR
// lock on PGlite, so a running server is never read or written behind its back) and report.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Config, ConfigError } from '../config.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock.ts';
import { assertDurable } from '../db/durability.ts';
import { databaseTarget } from '../main.ts';
import { createLogger } from '../observability/logger.ts';
import { writeBackup } from './backup.ts';
import { BackupError } from './backup-file.ts';
import { restoreBackup } from './restore.ts';

async function withDatabase<T>(
  config: Config,
  command: 'backup' | 'restore',
  use: (handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const target = databaseTarget(config);
  let lock: Awaited<ReturnType<typeof lockDataDir>> | null = null;
  if (target.engine === 'pglite') {
    try {
      lock = await lockDataDir(config.DATA_DIR);
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      throw new BackupError(
        `Cannot ${command}: the embedded database in ${config.DATA_DIR} is in use by a running Accord process. ` +
          `PGlite allows one process at a time, so stop the server, run \`accord ${command}\`, then start it again. ` +
          'Nothing was changed.',
      );
    }
  }
  try {
    const handle = await openDatabase(target, { logger: createLogger(config.LOG_LEVEL) });
    try {
      if (command === 'restore') {
        await assertDurable(handle, {
          allowUnsafe: config.ALLOW_UNSAFE_DURABILITY === 'true',
          logger: createLogger(config.LOG_LEVEL),
        });
      }
      return await use(handle);
    } finally {
      await handle.close();
    }
  } finally {
    await lock?.release();
  }
}

export async function runBackupCommand(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string', short: 'o' } } });
  if (!values.out)
    throw new ConfigError('accord backup: --out FILE is required (e.g. --out accord.backup.gz)');
  const file = resolve(values.out);
  const started = performance.now();
  const summary = await withDatabase(config, 'backup', (handle) => writeBackup(handle, file));
  console.log(
    `Backed up ${summary.rows} rows in ${summary.tables} tables (migration level ${summary.migrations}) ` +
      `to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
}

export async function runRestoreCommand(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { in: { type: 'string', short: 'i' }, force: { type: 'boolean', default: false } },
  });
  if (!values.in) throw new ConfigError('accord restore: --in FILE is required');
  const file = resolve(values.in);
  const started = performance.now();
  const summary = await withDatabase(config, 'restore', (handle) =>
    restoreBackup(handle, file, { force: values.force }),
  );
  console.log(
    `Restored ${summary.rows} rows in ${summary.tables} tables from ${file} in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s` +
      (summary.migratedAfter ? `, then applied ${summary.migratedAfter} newer migration(s).` : '.'),
  );
}
