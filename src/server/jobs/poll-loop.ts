// Background work repeated every few seconds in this process (the audit sealer, the notification
// dispatcher): the next pass starts intervalMs after the last one ended, a failed pass is logged and
// retried, and stop() waits for the pass under way. pg-boss crons cannot run more than once a minute.
export interface PollLoop {
  stop(): Promise<void>;
}

export function startPollLoop(
  pass: () => Promise<unknown>,
  options: { intervalMs?: number; log: (error: unknown) => void },
): PollLoop {
  const intervalMs = options.intervalMs ?? 2000;
  let isRunning = true;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = pass()
      .then(
        () => undefined,
        (error) => options.log(error),
      )
      .then(() => {
        if (isRunning) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    async stop() {
      isRunning = false;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}

/**
 * Writes what a buffer holds (heartbeats' last-seen times, reports' health) every intervalMs; stop() waits
 * for the pass under way, then writes what is left.
 */
export function startBufferWriter(
  flush: () => Promise<unknown>,
  options: { intervalMs?: number; log: (error: unknown) => void },
): PollLoop {
  const loop = startPollLoop(flush, { intervalMs: options.intervalMs ?? 5000, log: options.log });
  return {
    async stop() {
      await loop.stop();
      await flush().catch(options.log);
    },
  };
}
