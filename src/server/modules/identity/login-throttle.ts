// Login throttling: too many failed sign-ins for one address, or from one client IP, lock further
// attempts for a while, refused before any password is checked. See docs/operations.md.
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import * as repo from './identity.repository.ts';

/** Failed attempts counted over this sliding window (and how long rows are kept). */
export const LOGIN_WINDOW_MINUTES = 15;
/** Failures for one address tried (known or not) within the window before it locks. */
export const LOGIN_FAILURES_PER_ACCOUNT = 5;
/** Failures from one client IP within the window before it locks (several people behind one NAT). */
export const LOGIN_FAILURES_PER_IP = 20;

const windowMs = LOGIN_WINDOW_MINUTES * 60_000;

/** When the key unlocks: the limit-th most recent failure leaving the window. Null when not locked. */
function unlockAt(nthRecentFailure: Date | undefined): Date | null {
  return nthRecentFailure ? new Date(nthRecentFailure.getTime() + windowMs) : null;
}

function throttledError(until: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError(
    'auth.throttled',
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'} ` +
      `(after ${until.toISOString()}).`,
    { retryAfterSeconds, retryAt: until.toISOString() },
  );
}

export function createLoginThrottle(db: Executor) {
  return {
    /** Throws auth.throttled when the address or the IP is locked; touches no identity or password. */
    async assertAllowed(email: string, ip: string | null, now: Date): Promise<void> {
      const since = new Date(now.getTime() - windowMs);
      const key = email.toLowerCase();
      const [byAccount, byIp] = await Promise.all([
        repo.nthRecentLoginFailure(db, { email: key }, since, LOGIN_FAILURES_PER_ACCOUNT),
        ip ? repo.nthRecentLoginFailure(db, { ip }, since, LOGIN_FAILURES_PER_IP) : undefined,
      ]);
      const until = [unlockAt(byAccount), unlockAt(byIp)]
        .filter((d): d is Date => d !== null)
        .sort((a, b) => b.getTime() - a.getTime())[0];
      if (until) throw throttledError(until, now);
    },

    recordFailure: (tx: Executor, email: string, ip: string | null, now: Date) =>
      repo.insertLoginFailure(tx, { email: email.toLowerCase().slice(0, 320), ip, occurredAt: now }),

    /** A successful sign-in clears the address's count (not the IP's: one good account must not unlock guessing others). */
    reset: (tx: Executor, email: string) => repo.deleteLoginFailuresOfEmail(tx, email.toLowerCase()),

    /** Scheduled with the session purge: rows that left the window no longer count. */
    purge: (now: Date) => repo.deleteLoginFailuresBefore(db, new Date(now.getTime() - windowMs)),
  };
}
