/** Bolt and the Slack WebClient log through our pino logger, so their lines are JSON and redacted too. */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger';

export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  const join = (parts: unknown[]) => parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...parts) => child.debug(join(parts)),
    info: (...parts) => child.info(join(parts)),
    warn: (...parts) => child.warn(join(parts)),
    error: (...parts) => child.error(join(parts)),
    // Bolt sets levels on loggers it creates; ours is governed by LOG_LEVEL, so only remember the value.
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
