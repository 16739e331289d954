// An authenticator app for the browser journeys: the codes a phone would show for a secret read off the page.
import { totpCode, totpStep } from '../src/server/modules/identity/totp.ts';

export class Authenticator {
  /** The last step the server accepted for this person; it refuses that step and earlier ones again. */
  private lastStep = Number.NEGATIVE_INFINITY;

  constructor(
    /** Base32, as shown under "Setup key" (spaces removed). Replaced when the person sets up again. */
    public secret: string,
    /** Unused recovery codes, oldest set first. */
    public recoveryCodes: string[] = [],
  ) {}

  /**
   * A code the server will accept now: the current step, or the next one (it allows one step of drift)
   * when the current one was used already; otherwise waits for the clock to move on (at most 30 s).
   */
  async nextCode(): Promise<string> {
    for (;;) {
      const now = totpStep(new Date());
      const step = Math.max(now, this.lastStep + 1);
      if (step <= now + 1) {
        this.lastStep = step;
        return totpCode(this.secret, step);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  /** A well-formed code that matches none of the steps the server accepts around now. */
  wrongCode(): string {
    const now = totpStep(new Date());
    const valid = new Set([-1, 0, 1, 2].map((offset) => totpCode(this.secret, now + offset)));
    for (let candidate = 123456; ; candidate = (candidate + 111111) % 1_000_000) {
      const code = String(candidate).padStart(6, '0');
      if (!valid.has(code)) return code;
    }
  }

  /** One recovery code, no longer offered afterwards (each works once). */
  takeRecoveryCode(): string {
    const code = this.recoveryCodes.shift();
    if (!code) throw new Error('No recovery codes left');
    return code;
  }
}
