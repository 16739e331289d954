// Readiness for load balancers: the database answers, its migrations are applied, the job worker runs.
import { type DatabaseHandle, queryRows } from '../db/client.ts';
import { countPendingMigrations } from '../db/migrate.ts';

export interface ReadinessReport {
  isReady: boolean;
  /** 'ok' or what is wrong, per check; safe to show an unauthenticated caller. */
  checks: { database: string; migrations: string; jobs: string };
  /** The underlying errors, for the log only (they can name hosts and users). */
  errors: string[];
}

export type ReadinessCheck = () => Promise<ReadinessReport>;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createReadinessCheck(deps: {
  handle: DatabaseHandle;
  jobs: { isRunning(): boolean };
  /** A check that takes longer fails: a hung database must not hang the load balancer's probe. */
  timeoutMs?: number;
}): ReadinessCheck {
  const timeoutMs = deps.timeoutMs ?? 2000;
  return async () => {
    const checks = { database: 'ok', migrations: 'ok', jobs: 'ok' };
    const errors: string[] = [];
    try {
      await withTimeout(queryRows(deps.handle, 'select 1'), timeoutMs);
      try {
        const pending = await withTimeout(countPendingMigrations(deps.handle), timeoutMs);
        if (pending > 0) checks.migrations = `${pending} migration(s) not applied`;
      } catch (error) {
        checks.migrations = 'could not be read';
        errors.push(`migrations: ${reason(error)}`);
      }
    } catch (error) {
      checks.database = 'unreachable';
      errors.push(`database: ${reason(error)}`);
      checks.migrations = 'unknown (no database)';
    }
    if (!deps.jobs.isRunning()) checks.jobs = 'the job worker is not running';
    return { isReady: Object.values(checks).every((check) => check === 'ok'), checks, errors };
  };
}
