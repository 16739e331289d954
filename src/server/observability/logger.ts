// Structured JSON logs (pino), one object per line on stdout; the level comes from LOG_LEVEL.
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

/** `destination` defaults to stdout; tests pass a stream to read the lines back. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'accord' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Request logs carry no headers or bodies; this is the backstop should one be logged by mistake.
    redact: {
      paths: ['authorization', 'cookie', 'password', '*.authorization', '*.cookie', '*.password', '*.token'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** For code paths that were given no logger (tests, tools). */
export const silentLogger: Logger = pino({ level: 'silent' });
