/**
 * `certstatus chat [--flow ID] [--domain D]`: talk to the bot in the terminal. Reads one answer a line,
 * so it also works with piped input (`printf 'example.com\nyes\n' | certstatus chat`).
 */
import type { Command } from 'commander';
import type { CheckRunner } from '../../checks/types';
import { createConversationService } from '../../conversation/service';
import { parseDomain } from '../../dns/domain';
import { runChat } from '../../channels/terminal/chat';
import { defaultFlowsDir, loadFlowsDir } from '../../flow/load';
import { MemoryStore } from '../../store/memory';
import type { CliIo } from '../main';

export interface ChatCommandOptions {
  flow?: string;
  domain?: string;
  dir?: string;
}

/**
 * TODO(lead): replace with `createDnsCheckRunner(...)` from src/checks/dns-runner.ts once it lands
 * (import it statically here). Until then every check reports outcome `error`, and the flow falls back
 * to asking step by step.
 */
export const unavailableDnsRunner: CheckRunner = async () => ({
  outcome: 'error',
  summary: 'DNS checks are not available yet',
});

/** Runs one terminal conversation until the input ends. */
export async function chatCommand(options: ChatCommandOptions, io: CliIo, runCheck: CheckRunner = unavailableDnsRunner): Promise<void> {
  const registry = loadFlowsDir(options.dir ?? defaultFlowsDir());
  const flow = options.flow ? registry.get(options.flow) : registry.defaultFlow;
  // A bad --domain is a usage error (exit 2) rather than a question the bot asks again.
  const vars = options.domain ? { domain: parseDomain(options.domain).ascii } : undefined;
  const handler = createConversationService({ flows: registry, flowId: flow.id, store: new MemoryStore(), runCheck });
  await runChat({
    input: io.stdin,
    output: io.stdout,
    handler,
    key: 'terminal',
    ...(vars ? { vars } : {}),
    by: { id: 'terminal', name: io.env.USER ?? 'you' },
  });
}

export function registerChat(program: Command, io: CliIo, _setExit: (code: number) => void): void {
  program
    .command('chat')
    .description('Talk to the bot in the terminal (one answer a line; works with piped input)')
    .option('--flow <id>', 'flow to run (default: pending-domain-verification)')
    .option('--domain <domain>', 'the domain the certificate is for, so the bot does not ask')
    .option('--dir <dir>', 'flows directory', defaultFlowsDir())
    .action((options: ChatCommandOptions) => chatCommand(options, io));
}
