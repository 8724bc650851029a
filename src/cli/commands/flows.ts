/** `certstatus flows`. Placeholder until its issue lands. */
import type { Command } from 'commander';
import type { CliIo } from '../main';

export function registerFlows(program: Command, _io: CliIo, _setExit: (code: number) => void): void {
  program.command('flows').description('(not built yet)');
}
