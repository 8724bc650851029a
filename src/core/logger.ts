/**
 * Structured JSON logs (pino): one line per event, with levels. Secrets never reach a log line: known
 * secret fields are redacted wherever they appear, and tokens are never passed to log calls anyway.
 */
import pino, { type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

const REDACT = [
  'token', '*.token', 'botToken', '*.botToken', 'signingSecret', '*.signingSecret', 'appToken', '*.appToken',
  'password', '*.password', 'appPassword', '*.appPassword', 'authorization', '*.authorization',
  'headers.authorization', 'req.headers.authorization', 'headers["x-slack-signature"]',
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to read them. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { app: 'certstatus' },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

/** A logger that drops everything (tests, the terminal chat). */
export const silentLogger: Logger = pino({ level: 'silent' });
