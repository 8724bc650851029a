/**
 * `certstatus chat [--flow ID] [--domain D]`: talk to the bot in the terminal, with live DNS checks.
 * Reads one answer a line, so it also works with piped input (`printf 'example.com\nyes\n' | certstatus chat`).
 */
import type { Command } from 'commander';
import type { CheckRunner } from '../../core/checks';
import { CertstatusError, ErrorCode } from '../../core/errors';
import { loadProviders } from '../../dns/analysis/providers';
import { parseDomain } from '../../core/domain';
import type { DiagnoseOptions } from '../../dns/types';
import { defaultFlowsDir } from '../../flow/schema';
import type { CliIo } from '../io';
import { parseResolver } from './check';

export interface ChatCommandOptions {
  flow?: string;
  domain?: string;
  dir?: string;
  resolver?: string[];
  authPort?: string;
  providers?: string;
  timeout?: string;
}

function wholeNumber(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new CertstatusError(ErrorCode.Usage, `${flag} "${text}" must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** The DNS check's options from the same flags `certstatus check` takes. */
export function dnsOptionsFromFlags(options: ChatCommandOptions): Partial<DiagnoseOptions> {
  const resolvers = (options.resolver ?? []).map(parseResolver);
  const timeoutMs = options.timeout ? wholeNumber(options.timeout, '--timeout', 100, 120000) : undefined;
  return {
    ...(resolvers.length ? { resolvers } : {}),
    ...(options.authPort ? { authPort: wholeNumber(options.authPort, '--auth-port', 1, 65535) } : {}),
    ...(options.providers ? { providers: loadProviders(options.providers) } : {}),
    ...(timeoutMs ? { timeoutMs, queryTimeoutMs: Math.min(2000, timeoutMs) } : {}),
  };
}

/** Runs one terminal conversation until the input ends. `runCheck` replaces the live DNS check (tests). */
export async function chatCommand(options: ChatCommandOptions, io: CliIo, runCheck?: CheckRunner): Promise<void> {
  // Loaded on use, so other subcommands and --help start without the engine and the flow loader.
  const [{ createDnsCheckRunner }, { runChat }, { createConversationService }, { loadFlowsDir }, { MemoryStore }] = await Promise.all([
    import('../../checks/dns-runner'),
    import('../../channels/terminal/chat'),
    import('../../conversation/service'),
    import('../../flow/registry'),
    import('../../store/memory'),
  ]);
  const registry = loadFlowsDir(options.dir ?? defaultFlowsDir());
  const flow = options.flow ? registry.get(options.flow) : registry.defaultFlow;
  // Bad flags are usage errors (exit 2) before the conversation starts, not questions the bot asks again.
  const vars = options.domain ? { domain: parseDomain(options.domain).ascii } : undefined;
  const checks = runCheck ?? createDnsCheckRunner(dnsOptionsFromFlags(options));
  const handler = createConversationService({ flows: registry, flowId: flow.id, store: new MemoryStore(), runCheck: checks });
  await runChat({
    input: io.stdin,
    output: io.stdout,
    handler,
    key: 'terminal',
    ...(vars ? { vars } : {}),
    by: { id: 'terminal', name: io.env.USER ?? 'you' },
  });
}

const repeatable = (value: string, all: string[] | undefined) => [...(all ?? []), value];

export function registerChat(program: Command, io: CliIo, _setExit: (code: number) => void): void {
  program
    .command('chat')
    .description('Talk to the bot in the terminal (one answer a line; works with piped input)')
    .option('--flow <id>', 'flow to run (default: pending-domain-verification)')
    .option('--domain <domain>', 'the domain the certificate is for, so the bot does not ask')
    .option('--dir <dir>', 'flows directory (default: the shipped flows)')
    .option('--resolver <ip[:port]>', "a recursive resolver to use instead of the system's (repeatable)", repeatable)
    .option('--auth-port <port>', 'port of the authoritative nameservers (default 53)')
    .option('--providers <file>', 'a DNS provider table (YAML) replacing the shipped one')
    .option('--timeout <ms>', 'time budget for each DNS check in milliseconds (default 10000)')
    .action((options: ChatCommandOptions) => chatCommand(options, io));
}
