/**
 * The `certstatus` command line: one program, a subcommand per file under commands/. Errors become one
 * line on stderr with an exit status, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { asCodedError, ErrorCode } from '../core/errors';
import { registerChat } from './commands/chat';
import { registerCheck } from './commands/check';
import { registerFlows } from './commands/flows';
import { registerPending } from './commands/pending';
import { registerServe } from './commands/serve';
import { registerStats } from './commands/stats';

/** Exit statuses shared by every subcommand. */
export const EXIT = { ok: 0, found: 1, usage: 2 } as const;

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('certstatus')
    .description('Diagnose SSL certificates stuck in "Pending domain name verification" and talk users through the fix.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  registerChat(program, io, setExit);
  registerCheck(program, io, setExit);
  registerFlows(program, io, setExit);
  registerPending(program, io, setExit);
  registerServe(program, io, setExit);
  registerStats(program, io, setExit);
  return program;
}

/** Runs the CLI and resolves to the exit status. */
export async function main(argv: string[], io: CliIo = process): Promise<number> {
  let exitCode = EXIT.ok as number;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed.
      return error.exitCode === 0 ? 0 : EXIT.usage;
    }
    const coded = asCodedError(error);
    io.stderr.write(`certstatus: ${coded.message}\n`);
    const usage = [ErrorCode.Usage, ErrorCode.InvalidDomain, ErrorCode.InvalidFlow, ErrorCode.UnknownFlow, ErrorCode.Config];
    return usage.includes(coded.code) ? EXIT.usage : 1;
  }
}
