/**
 * A watch against live DNS (dns2 servers on 127.0.0.x): a conversation diagnoses ttl-not-elapsed (a
 * resolver still serves the old record), the user asks to be notified, the cache empties, and the next
 * due run posts "it took effect, now the CA needs 2-3 working days" into the Slack thread (fake Slack API).
 */
import { webApi } from '@slack/bolt';
import { createSlackWatchNotifier } from '../../src/channels/slack/adapter';
import { createDnsCheckRunner } from '../../src/checks/dns-runner';
import { createConversationService } from '../../src/conversation/service';
import type { CauseReply, Reply } from '../../src/engine/replies';
import { loadFlowsDir } from '../../src/flow/registry';
import { openStore } from '../../src/store/open-store';
import { routeNotifier } from '../../src/watch/notifier-router';
import { WatchScheduler } from '../../src/watch/scheduler';
import { EXPECTED, NOW, OLD, PROVIDERS, standardWorld, txt, zone } from '../support/dns-world/standard';
import type { WorldSpec } from '../support/dns-world/types';
import { startWorld, type RunningWorld } from '../support/dns-world/world';
import { FakeSlack } from '../support/fake-slack/server';
import { Clock, MINUTE } from './helpers';

const KEY = 'slack:T1:C1:1700000000.000100';

describe('a watch against the DNS world', () => {
  let spec: WorldSpec;
  let world: RunningWorld;
  let slack: FakeSlack;
  beforeAll(async () => {
    spec = standardWorld({
      zones: [zone('stale.test', [txt('_dnsauth.stale.test', EXPECTED)])],
      resolvers: [{}, { cache: [{ name: '_dnsauth.stale.test', type: 'TXT', ttl: 1200, values: [OLD] }] }],
    });
    world = await startWorld(spec);
    slack = await new FakeSlack().start();
  });
  afterAll(async () => {
    await world.stop();
    await slack.stop();
  });

  test('ttl-not-elapsed, watch, the cache expires, and runDue posts that the change took effect', async () => {
    const clock = new Clock();
    const store = await openStore({ memory: true, now: clock.now });
    const runCheck = createDnsCheckRunner({ resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 400, timeoutMs: 5000 });
    const flows = loadFlowsDir();
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    const scheduler = new WatchScheduler({
      store,
      runCheck,
      notifier: routeNotifier({ slack: createSlackWatchNotifier(client) }),
      causes: () => flows.defaultFlow,
      now: clock.now,
    });
    const service = createConversationService({ flows, store, runCheck, now: clock.now, watches: scheduler });
    const replies: Reply[] = [];
    const deliver = async (batch: Reply[]) => void replies.push(...batch);

    await service.handle(KEY, { type: 'start', vars: { domain: 'stale.test', expect: EXPECTED } }, deliver);
    await service.handle(KEY, { type: 'text', text: 'yes' }, deliver);
    const card = replies.find((r): r is CauseReply => r.type === 'cause');
    expect(card?.causeId).toBe('ttl-not-elapsed');
    expect(card?.actions.map((a) => a.id)).toContain('watch');
    await service.handle(KEY, { type: 'command', command: 'watch' }, deliver);
    expect(await scheduler.list(KEY)).toEqual([expect.objectContaining({ domain: 'stale.test', params: { domain: 'stale.test', expect: EXPECTED } })]);

    // A minute later the resolver still serves the old value: checked, nothing posted.
    clock.advance(MINUTE);
    expect(await scheduler.runDue()).toEqual({ checked: [expect.any(String)], notified: [], ended: [] });
    expect(slack.posts()).toEqual([]);

    // The cached answer expires: every resolver now sees the record.
    spec.resolvers[1]!.cache = [];
    clock.advance(2 * MINUTE);
    const report = await scheduler.runDue();
    expect(report.notified).toHaveLength(1);
    expect(report.ended).toEqual(report.notified);
    const posts = slack.posts();
    expect(posts.map((p) => [p.channel, p.thread_ts])).toEqual([
      ['C1', '1700000000.000100'],
      ['C1', '1700000000.000100'],
    ]);
    expect(posts[0]?.text).toBe(
      'Good news: the change for stale.test took effect; the verification record is now visible everywhere I check. ' +
        'The CA now needs 2 to 3 working days to verify your information.',
    );
    expect(posts[1]?.text).toContain('The CA is still reviewing (this takes 2 to 3 working days)');
    expect(await scheduler.list(KEY)).toEqual([]);
  });
});
