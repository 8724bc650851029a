/** Watching a domain: offered on cause cards the user can wait on, only where the channel can post later. */
import type { CauseReply } from '../../src/engine/replies';
import { loadFlowsDir } from '../../src/flow/registry';
import { Driver } from './drive';
import { WATCH_FLOW as FLOW } from './watch-flow';


const WATCH = { firstCheckInMs: 60_000, maxAgeMs: 48 * 60 * 60 * 1000 };
// 2026-11-27 10:00 UTC
const NOW = Date.UTC(2026, 10, 27, 10, 0);

function driver(watch = true): Driver {
  const d = new Driver(FLOW);
  d.now = NOW;
  if (watch) d.ctx = { watch: WATCH };
  return d;
}

function diagnosed(outcome: string, watch = true, vars: Record<string, string> = { domain: 'shop.example', expect: '20261125093000abc' }): Driver {
  const d = driver(watch);
  d.start(vars);
  d.say('yes');
  d.result(outcome);
  return d;
}

const card = (d: Driver) => d.last.replies.find((r): r is CauseReply => r.type === 'cause');

describe('watching a domain', () => {
  test('a cause the user waits on offers "Notify me when it takes effect" after re-check', () => {
    const d = diagnosed('ttl-not-elapsed');
    expect(card(d)?.actions.map((a) => a.id)).toEqual(['recheck', 'watch', 'restart']);
    expect(card(d)?.actions[1]).toEqual({ id: 'watch', label: 'Notify me when it takes effect' });
  });

  test('no watch button where the channel cannot post later, nor for causes DNS will not change', () => {
    expect(card(diagnosed('ttl-not-elapsed', false))?.actions.map((a) => a.id)).toEqual(['recheck', 'restart']);
    expect(card(diagnosed('ca-review-pending'))?.actions.map((a) => a.id)).toEqual(['recheck', 'restart']);
    const owner = driver();
    owner.start({ domain: 'shop.example' });
    owner.say('no');
    expect(card(owner)?.actions.map((a) => a.id)).toEqual(['recheck', 'restart']);
  });

  test('which causes offer a watch is the flow\'s data: without `watch: offer` the same cause offers none', () => {
    const causes = { ...FLOW.causes, 'ttl-not-elapsed': { ...FLOW.causes['ttl-not-elapsed']!, watch: undefined } };
    const d = new Driver({ ...FLOW, causes });
    d.now = NOW;
    d.ctx = { watch: WATCH };
    d.start({ domain: 'shop.example' });
    d.say('yes');
    d.result('ttl-not-elapsed');
    expect(card(d)?.actions.map((a) => a.id)).toEqual(['recheck', 'restart']);
    d.say('watch');
    expect(d.last.effects).toEqual([]);
  });

  test('the shipped flow watches what DNS changes on its own, and waits for the CA review', () => {
    const watch = Object.fromEntries(Object.entries(loadFlowsDir().defaultFlow.causes).map(([id, c]) => [id, c.watch ?? 'none']));
    expect(watch).toEqual({
      'ownership-not-verified': 'none',
      'record-missing': 'offer',
      'wrong-platform': 'offer',
      'old-record-not-deleted': 'offer',
      'record-misconfigured': 'offer',
      'ttl-not-elapsed': 'offer',
      'nameservers-inconsistent': 'offer',
      'caa-blocks-ca': 'offer',
      'dnssec-failure': 'offer',
      'domain-not-found': 'none',
      'dns-unreachable': 'offer',
      'ca-review-pending': 'goal',
    });
  });

  test('the watch command emits start-watch with the check parameters and says nothing until the store answers', () => {
    const d = diagnosed('ttl-not-elapsed');
    d.now += 5_000;
    d.send({ type: 'command', command: 'watch' });
    expect(d.last.effects).toEqual([
      { type: 'start-watch', domain: 'shop.example', check: 'dns', params: { domain: 'shop.example', expect: '20261125093000abc' }, cause: 'ttl-not-elapsed' },
    ]);
    expect(d.last.replies).toEqual([]);
    expect(d.state?.status).toBe('ended');
  });

  test('the store\'s answer is confirmed with the times the store gave the watch, and changes no state', () => {
    const d = diagnosed('ttl-not-elapsed');
    d.send({ type: 'command', command: 'watch' });
    const before = d.state;
    d.send({ type: 'watch-result', domain: 'shop.example', result: { ok: true, firstCheckInMs: 60_000, until: Date.UTC(2026, 10, 29, 10, 0) } });
    expect(d.texts()).toEqual([
      'OK, I am watching shop.example: I check again in 1 minute, then less and less often until 2026-11-29 10:00 UTC, ' +
        'and post here as soon as the diagnosis changes. Type "watches" to list watches, "unwatch" to stop.',
    ]);
    expect(d.last.effects).toEqual([]);
    expect(d.state).toBe(before);
  });

  test('a watch the store refused is said as an error, never confirmed', () => {
    const d = diagnosed('ttl-not-elapsed');
    d.send({ type: 'command', command: 'watch' });
    d.send({ type: 'watch-result', domain: 'shop.example', result: { ok: false, why: 'the store did not answer within 2 s' } });
    expect(d.last.replies).toEqual([{ type: 'text', tone: 'error', text: expect.stringContaining('the store did not answer within 2 s') }]);
    expect(d.texts().join(' ')).not.toContain('I am watching');
  });

  test('typed "notify me" works like the button; a skipped value is not passed on', () => {
    const d = diagnosed('ttl-not-elapsed', true, { domain: 'shop.example' });
    d.say('Notify me!');
    expect(d.last.effects).toEqual([
      { type: 'start-watch', domain: 'shop.example', check: 'dns', params: { domain: 'shop.example' }, cause: 'ttl-not-elapsed' },
    ]);
  });

  test('nothing to watch before a diagnosis: says so and asks the current question again', () => {
    const d = driver();
    d.start({ domain: 'shop.example' });
    d.say('watch');
    expect(d.last.effects).toEqual([]);
    expect(d.texts()[0]).toContain('there is no such diagnosis yet');
    expect(d.types()).toEqual(['text', 'question']);
  });

  test('a diagnosis DNS will not change is not watched', () => {
    const d = diagnosed('ca-review-pending');
    d.say('watch');
    expect(d.last.effects).toEqual([]);
    expect(d.texts()).toEqual([expect.stringContaining('the CA\'s review does not show in DNS')]);
  });

  test('without watch support every watch command explains itself and changes nothing', () => {
    const d = diagnosed('ttl-not-elapsed', false);
    for (const text of ['watch', 'watches', 'unwatch']) {
      d.say(text);
      expect(d.last.effects).toEqual([]);
      expect(d.texts()).toEqual([expect.stringContaining('I cannot post here later')]);
      expect(d.state?.status).toBe('ended');
    }
  });

  test('"watches" and "stop watching" become effects the channel answers', () => {
    const d = diagnosed('ttl-not-elapsed');
    d.say('watches');
    expect(d.last).toMatchObject({ effects: [{ type: 'list-watches' }], replies: [] });
    d.say('stop watching');
    expect(d.last).toMatchObject({ effects: [{ type: 'cancel-watches' }], replies: [] });
    d.send({ type: 'command', command: 'unwatch' });
    expect(d.last.effects).toEqual([{ type: 'cancel-watches' }]);
  });

  test('while checking, watch waits for the result', () => {
    const d = driver();
    d.start({ domain: 'shop.example' });
    d.say('yes');
    d.say('watch');
    expect(d.texts()).toEqual(['Still checking, one moment please. Type "cancel" to stop.']);
    expect(d.last.effects).toEqual([]);
  });

  test('help lists the watch commands only where watching works', () => {
    const with_ = driver();
    with_.start({ domain: 'shop.example' });
    with_.say('help');
    expect(with_.texts()[0]).toContain('handoff, watch, watches, unwatch.');
    const without = driver(false);
    without.start({ domain: 'shop.example' });
    without.say('help');
    expect(without.texts()[0]).toContain('recheck, handoff.');
  });
});
