/**
 * The `certstatus` command line: one program, a subcommand per file under commands/. Errors become one
 * line on stderr with an exit status, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { asCodedError, ErrorCode } from '../core/errors';

import { EXIT, type CliIo } from './io';

export { EXIT, type CliIo } from './io';

type Register = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

/**
 * The subcommands, each loaded only when used: `certstatus check` loads the check alone; --help and an
 * unknown word load them all (to list them and suggest one). Each module keeps its heavy imports inside
 * its action, so even loading them all costs little.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Record<string, () => Register> = {
  chat: () => (require('./commands/chat') as typeof import('./commands/chat')).registerChat,
  check: () => (require('./commands/check') as typeof import('./commands/check')).registerCheck,
  flows: () => (require('./commands/flows') as typeof import('./commands/flows')).registerFlows,
  pending: () => (require('./commands/pending') as typeof import('./commands/pending')).registerPending,
  serve: () => (require('./commands/serve') as typeof import('./commands/serve')).registerServe,
  stats: () => (require('./commands/stats') as typeof import('./commands/stats')).registerStats,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const EXIT_HELP = `
Exit status:
  0  success; for check: the DNS is right
  1  check: a cause was found; flows lint and list: a flow has errors; otherwise: an unexpected failure
  2  bad input: usage, a domain that cannot be a DNS name, a configuration value, an unknown or broken flow
  3  check: could not check (no resolver or nameserver answered: a resolver or network failure)

With --json, results and errors are JSON: an error is {"error": {"code", "message", "exit"}} on stderr.`;

/** package.json's version: two folders up from both src/cli and dist/cli. */
function version(): string {
  return (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** One line of JSON on stderr for an error when the command was given --json. */
function jsonError(code: string, message: string, exit: number): string {
  return `${JSON.stringify({ error: { code, message, exit } })}\n`;
}

export function buildProgram(io: CliIo, setExit: (code: number) => void, options: { json?: boolean; only?: string } = {}): Command {
  const program = new Command('certstatus')
    .description('Diagnose SSL certificates stuck in "Pending domain name verification" and talk users through the fix.')
    .version(version(), '-V, --version', 'print the version and exit')
    .addHelpText('after', EXIT_HELP)
    .showHelpAfterError(options.json ? false : '(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      ...(options.json ? { outputError: (s: string) => io.stderr.write(jsonError('certstatus_usage', s.replace(/^error: /, '').trim(), EXIT.usage)) } : {}),
    });
  const names = options.only && Object.hasOwn(COMMANDS, options.only) ? [options.only] : Object.keys(COMMANDS);
  for (const name of names) COMMANDS[name]()(program, io, setExit);
  return program;
}

/** Runs the CLI and resolves to the exit status. */
export async function main(argv: string[], io: CliIo = process): Promise<number> {
  let exitCode = EXIT.ok as number;
  const args = argv.slice(2);
  const json = args.slice(0, args.includes('--') ? args.indexOf('--') : undefined).includes('--json');
  // The subcommand is the first word that is not an option (the program itself takes no option values).
  const only = args.find((arg) => !arg.startsWith('-'));
  const program = buildProgram(io, (code) => {
    exitCode = code;
  }, { json, ...(only ? { only } : {}) });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed.
      return error.exitCode === 0 ? 0 : EXIT.usage;
    }
    const coded = asCodedError(error);
    const usage = [ErrorCode.Usage, ErrorCode.InvalidDomain, ErrorCode.InvalidFlow, ErrorCode.UnknownFlow, ErrorCode.Config];
    const exit = usage.includes(coded.code) ? EXIT.usage : 1;
    io.stderr.write(json ? jsonError(coded.code, coded.message, exit) : `certstatus: ${coded.message}\n`);
    return exit;
  }
}
