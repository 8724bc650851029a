/** `certstatus serve`. Placeholder until its issue lands. */
import type { Command } from 'commander';
import type { CliIo } from '../main';

export function registerServe(program: Command, _io: CliIo, _setExit: (code: number) => void): void {
  program.command('serve').description('(not built yet)');
}
