/**
 * `.env` support for `certstatus serve`, as .env.example promises ("copy to .env"): the file in the
 * working directory (or `--env-file FILE`), parsed by Node's own parser (util.parseEnv, the one behind
 * process.loadEnvFile). Like process.loadEnvFile, a variable already set in the environment wins.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { configError, type Env } from './parse';

export interface DotEnvResult {
  /** The file read, or undefined when there is none. */
  file?: string;
  /** Names set from it (values never logged). */
  loaded: string[];
}

/**
 * Fills `env` from `options.file`, else from `.env` in `options.cwd` when it exists, without overriding
 * what is set; returns what it did. A named file that does not exist is an error, a missing .env is not.
 */
export function loadDotEnv(env: Env, options: { file?: string; cwd?: string } = {}): DotEnvResult {
  const named = options.file;
  const file = path.resolve(options.cwd ?? process.cwd(), named ?? '.env');
  if (!existsSync(file)) {
    if (named) throw configError('--env-file', `${file} does not exist.`);
    return { loaded: [] };
  }
  let parsed: Record<string, string>;
  try {
    parsed = parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw configError(named ? '--env-file' : '.env', `cannot be read (${file}): ${(error as Error).message}`);
  }
  const loaded: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    loaded.push(name);
  }
  return { file, loaded: loaded.sort() };
}
