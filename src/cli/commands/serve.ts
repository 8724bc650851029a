/**
 * `certstatus serve [--port N]` (and `npm start`): one HTTP server for every channel configured in the
 * environment and `.env` (see .env.example), until SIGINT or SIGTERM, then a graceful close. State lives in
 * the store chosen by CERTSTATUS_DB (SQLite file, `./certstatus.db` by default; `:memory:` keeps nothing) or
 * REDIS_URL, every call bounded by CERTSTATUS_STORE_TIMEOUT_MS. stdout carries JSON log lines only.
 */
import type { Command } from 'commander';
import { loadDotEnv } from '../../config/dotenv';
import { loadConfig } from '../../config/env';
import { configError } from '../../config/parse';
import type { Logger } from '../../core/logger';
import type { RunningCertstatus } from '../../server/compose';
import type { CliIo } from '../io';

export interface ServeFlags {
  port?: string;
  host?: string;
  /** A .env file to read instead of ./.env, or false (--no-env-file) to read none. */
  envFile?: string | false;
}

/** Starts the server from the environment and flags; the caller decides when to close it. */
export async function startServe(io: CliIo, flags: ServeFlags): Promise<RunningCertstatus & { logger: Logger }> {
  const dotEnv = flags.envFile === false ? { loaded: [] } : loadDotEnv(io.env, { file: flags.envFile });
  // Loaded here, not at the top, so every other subcommand (and --help) starts without pino, prom-client,
  // ioredis and better-sqlite3; Bolt and botbuilder (server/compose) take about a second to load.
  const [{ createLogger }, { openEventLog }, { createMetrics }, { openStore, storeOptionsFromEnv }, { timedStore }, { watchOptionsFromEnv }] = await Promise.all([
    import('../../core/logger'),
    import('../../ops/open-event-log'),
    import('../../ops/metrics'),
    import('../../store/open-store'),
    import('../../store/timed'),
    import('../../watch/setup'),
  ]);
  const config = loadConfig(io.env);
  if (flags.port !== undefined) config.port = parsePortFlag(flags.port);
  const logger = createLogger({ level: io.env.LOG_LEVEL, destination: io.stdout });
  if (dotEnv.file) logger.info({ file: dotEnv.file, variables: dotEnv.loaded }, 'loaded .env');
  const metrics = createMetrics({ processMetrics: true });
  const storeOptions = { ...storeOptionsFromEnv(io.env), onRedisError: (error: Error) => logger.error({ err: error }, 'redis connection error') };
  const store = timedStore(await openStore(storeOptions), {
    timeoutMs: config.storeTimeoutMs,
    onCall: (operation, outcome, durationMs) => metrics.storeCall(operation, outcome, durationMs),
    onSlow: (operation, durationMs, timedOut) =>
      logger.warn({ operation, durationMs: Math.round(durationMs), timeoutMs: config.storeTimeoutMs, timedOut }, timedOut ? 'store call timed out' : 'store call slow'),
  });
  const events = await openEventLog(storeOptions).catch(async (error: unknown) => {
    await store.close?.();
    throw error;
  });
  const { startCertstatus } = await import('../../server/compose');
  let running: RunningCertstatus;
  try {
    running = await startCertstatus(config, { logger, host: flags.host, store, events, metrics, watch: watchOptionsFromEnv(io.env) });
  } catch (error) {
    // A rejected token or an unknown flow: release the database before the one-line error.
    await events.close?.();
    await store.close?.();
    throw error;
  }
  logger.info({ url: running.url, store: store.description, channels: running.channels }, `certstatus listening on ${running.url}`);
  return {
    ...running,
    logger,
    async close() {
      logger.info('closing: no new requests; finishing the work in flight');
      await running.close();
      logger.info('closed');
    },
  };
}

function parsePortFlag(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw configError('--port', `must be a port number from 0 to 65535, got "${text}".`);
  return port;
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerServe(program: Command, io: CliIo, _setExit: (code: number) => void): void {
  program
    .command('serve')
    .description('run the Slack and Teams bots, /healthz and /metrics on one HTTP server, configured from the environment (.env.example); state in CERTSTATUS_DB (SQLite, ./certstatus.db) or REDIS_URL')
    .option('--port <n>', 'port to listen on (default: $PORT, else 3000)')
    .option('--host <address>', 'address to listen on (default: all)')
    .option('--env-file <file>', 'read variables from this file (default: ./.env when it exists); the environment wins over it')
    .option('--no-env-file', 'read no .env file')
    .action(async (flags: ServeFlags) => {
      const running = await startServe(io, flags);
      const signal = await untilSignal();
      running.logger.info({ signal }, `${signal} received: closing`);
      await running.close();
    });
}
