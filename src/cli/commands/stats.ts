/**
 * `certstatus stats [--since 7d] [--until DATE] [--json]`: conversations, checks and causes over a period,
 * read from the store `certstatus serve` uses (CERTSTATUS_DB or REDIS_URL, chosen the same way).
 */
import type { Command } from 'commander';
import { CertstatusError, ErrorCode } from '../../core/errors';
import type { ConversationState } from '../../engine/state';
import { parsePeriod } from '../../ops/period';
import type { CliIo } from '../io';

interface StatsFlags {
  since?: string;
  until?: string;
  json?: boolean;
}

export function registerStats(program: Command, io: CliIo, _setExit: (code: number) => void): void {
  program
    .command('stats')
    .description('Conversations, checks and causes over a period, from the store `certstatus serve` uses (CERTSTATUS_DB or REDIS_URL)')
    .option('--since <when>', 'start: a duration back from now (24h, 7d, 2w) or a date (2026-11-01)', '7d')
    .option('--until <when>', 'end: a duration back from now or a date (default: now)')
    .option('--json', 'print JSON instead of text')
    .action(async (flags: StatsFlags) => {
      // Loaded on use: the stores bring ioredis and better-sqlite3, which other subcommands never need.
      const [{ CONVERSATION_KEY_PREFIX }, { DEFAULT_IDLE_EXPIRY_MS }, { openEventLog }, { computeStats }, { formatStats, statsJson }, { openStore, storeOptionsFromEnv }] = await Promise.all([
        import('../../conversation/service'),
        import('../../engine/result'),
        import('../../ops/open-event-log'),
        import('../../ops/stats'),
        import('../../ops/stats-format'),
        import('../../store/open-store'),
      ]);
      const now = Date.now();
      const period = parsePeriod(flags, now);
      const storeOptions = storeOptionsFromEnv(io.env);
      if (storeOptions.sqlitePath === ':memory:') {
        throw new CertstatusError(ErrorCode.Config, 'CERTSTATUS_DB=:memory: keeps nothing after the server stops; point CERTSTATUS_DB at the file `certstatus serve` uses.');
      }
      // The event log first: for SQLite it refuses a missing file instead of creating an empty one.
      const log = await openEventLog({ ...storeOptions, mustExist: true });
      try {
        const store = await openStore(storeOptions);
        try {
          const stats = await computeStats(log, {
            ...period,
            now,
            idleExpiryMs: DEFAULT_IDLE_EXPIRY_MS,
            lookup: async (key) => (await store.get<ConversationState>(CONVERSATION_KEY_PREFIX + key))?.value,
          });
          io.stdout.write(flags.json ? statsJson(stats, store.description) : formatStats(stats, store.description));
        } finally {
          await store.close?.();
        }
      } finally {
        await log.close?.();
      }
    });
}
