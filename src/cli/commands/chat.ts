/** `certstatus chat`. Placeholder until its issue lands. */
import type { Command } from 'commander';
import type { CliIo } from '../main';

export function registerChat(program: Command, _io: CliIo, _setExit: (code: number) => void): void {
  program.command('chat').description('(not built yet)');
}
