/** `certstatus check`. Placeholder until its issue lands. */
import type { Command } from 'commander';
import type { CliIo } from '../main';

export function registerCheck(program: Command, _io: CliIo, _setExit: (code: number) => void): void {
  program.command('check').description('(not built yet)');
}
