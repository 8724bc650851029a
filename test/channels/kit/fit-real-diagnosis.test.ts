/**
 * The largest cards from a real diagnosis: the real DNS check against the loopback DNS world, where both
 * nameservers of the zone hold many old verification records of the longest TXT string, and each server
 * holds different ones. The cards the Slack and Teams renderers make of it stay within the platforms'
 * limits (checked as in the per-platform limit tests) and keep their buttons.
 */
import { renderCause } from '../../../src/channels/slack/blocks';
import { renderReply } from '../../../src/channels/teams/cards/render';
import { createDnsCheckRunner } from '../../../src/checks/dns-runner';
import { buildCauseCard } from '../../../src/engine/cause-card';
import { loadFlowsDir } from '../../../src/flow/registry';
import { adaptiveCardProblems } from '../../support/cards/adaptive-validate';
import { NOW, PROVIDERS, standardWorld, txt, zone } from '../../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../../support/dns-world/world';

const RECORDS = 60;
const oldValue = (server: number, i: number) => `2026030112${String(server * 100 + i).padStart(4, '0')}${'o'.repeat(241)}`;

describe('cards of a real diagnosis with many old records on every nameserver', () => {
  let world: RunningWorld;
  beforeAll(async () => {
    const records = (server: number) => Array.from({ length: RECORDS }, (_, i) => txt('_dnsauth.shop.test', oldValue(server, i), 86_400));
    world = await startWorld(standardWorld({ zones: [zone('shop.test', records(1))], ns2Zones: [zone('shop.test', records(2))] }));
  });
  afterAll(() => world.stop());

  it('stays within Block Kit and the Teams size, valid for Teams, with every button', async () => {
    const runCheck = createDnsCheckRunner({ resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, timeoutMs: 20_000 });
    const outcome = await runCheck('dns', { domain: 'shop.test', expect: `20261125093000${'k'.repeat(241)}` });
    const flow = loadFlowsDir().defaultFlow;
    const actions = [{ id: 'recheck' as const, label: 'Check again' }, { id: 'troubleshoot' as const, label: 'Troubleshoot step by step' }];
    const cause = buildCauseCard({ flow, causeId: outcome.outcome, vars: { domain: 'shop.test' }, check: outcome, actions });
    const evidenceChars = cause.evidence.reduce((n, e) => n + e.text.length, 0);
    console.info(`real diagnosis "${outcome.outcome}": ${cause.evidence.length} evidence lines, ${evidenceChars} characters`);

    const slack = renderCause(cause, { domain: 'shop.test' });
    const blocks = slack.blocks as { type: string; text?: { text: string }; elements?: { text?: string | { text: string } }[] }[];
    const shown = blocks.reduce((n, b) => n + (b.text?.text.length ?? 0) + (b.elements ?? []).reduce((k, e) => k + (typeof e.text === 'string' ? e.text.length : (e.text?.text.length ?? 0)), 0), 0);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(shown).toBeLessThanOrEqual(12_000);
    expect(blocks.at(-1)!.type).toBe('actions');

    const teams = renderReply(cause, { domain: 'shop.test' }) as { attachments: { content: { actions: unknown[] } }[] };
    expect(Buffer.byteLength(JSON.stringify(teams), 'utf16le')).toBeLessThan(80 * 1024);
    expect(adaptiveCardProblems(teams.attachments[0]!.content)).toEqual([]);
    expect(teams.attachments[0]!.content.actions).toHaveLength(2);
  });
});
