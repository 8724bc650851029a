/**
 * The largest answers the bot can give, for the card-limit tests: every cause of the shipped flow (its
 * longest texts) with the evidence of a zone served by many nameservers that each still hold many old
 * records of the longest value a TXT string takes, long warnings, and the longest inputs a user can type.
 */
import type { CheckOutcome } from '../../../src/core/checks';
import { buildCauseCard } from '../../../src/engine/cause-card';
import type { ActionButton, CauseReply, QuestionReply } from '../../../src/engine/replies';
import { loadFlowsDir } from '../../../src/flow/registry';

export const SERVERS = 8;
export const RECORDS_PER_SERVER = 40;

/** A 253-character ASCII name (the longest a domain can be), in labels of 63. */
export const LONGEST_DOMAIN = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
/** The longest record value a button carries (one TXT string). */
export const LONGEST_VALUE = `20261125093000${'k'.repeat(241)}`;

const ACTIONS: ActionButton[] = [
  { id: 'recheck', label: 'Check again' },
  { id: 'watch', label: 'Notify me when it takes effect' },
  { id: 'troubleshoot', label: 'Troubleshoot step by step' },
  { id: 'handoff', label: 'Ask for a human' },
];

/** What the DNS check reports for such a zone: one line per server and record (values differ per server, so the card's grouping keeps them apart), with <, > and & to escape. */
export function largestOutcome(outcome: string): CheckOutcome {
  const evidence = [];
  for (let server = 1; server <= SERVERS; server++) {
    const name = `ns${server}.a-dns-provider-with-a-rather-long-name.example.net`;
    for (let record = 1; record <= RECORDS_PER_SERVER; record++) {
      const value = `202603011${server}${String(record).padStart(4, '0')}${'x'.repeat(240)}`;
      evidence.push({ text: `${name} (authoritative) answered TXT "${value}" for _dnsauth.${LONGEST_DOMAIN} <old & stale>`, source: name, ttl: 86_400 });
    }
  }
  const warnings = Array.from({ length: 12 }, (_, i) => `Warning ${i + 1}: the TTL of 86400 s on ns${i + 1} is far longer than the recommended 300 s, so resolvers keep old answers for a day. ${'More detail. '.repeat(20)}`);
  return { outcome, causes: [outcome], summary: `Found ${SERVERS * RECORDS_PER_SERVER} old records`, evidence, warnings };
}

/** Every cause of the shipped flow as its largest card. */
export function largestCauses(): CauseReply[] {
  const flow = loadFlowsDir().defaultFlow;
  return Object.keys(flow.causes).map((causeId) =>
    buildCauseCard({ flow, causeId, vars: { domain: LONGEST_DOMAIN, expect: LONGEST_VALUE, provider: 'huawei' }, check: largestOutcome(causeId), actions: ACTIONS }),
  );
}

/** A question as long as anyone could write one, with more choices than fit one row of buttons. */
export function largestQuestion(): QuestionReply {
  return {
    type: 'question',
    questionId: `${'n'.repeat(60)}#999`,
    nodeId: 'n'.repeat(60),
    text: `Step 1 of 4: ${'Is the ownership of the domain verified in the console? '.repeat(120)}`,
    help: 'Open the console and look for the status. '.repeat(100),
    choices: Array.from({ length: 30 }, (_, i) => ({ id: `choice-${i}-${'c'.repeat(40)}`, label: `Option ${i + 1}: ${'a long label '.repeat(10)}` })),
    freeText: true,
  };
}
