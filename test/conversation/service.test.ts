import type { CheckOutcome, CheckRunner } from '../../src/core/checks';
import { createConversationService } from '../../src/conversation/service';
import type { Reply } from '../../src/engine/replies';
import { createRegistry, type FlowRegistry } from '../../src/flow/registry';
import { MemoryStore } from '../../src/store/memory';
import type { StateStore } from '../../src/store/types';
import { testFlow } from '../engine/flows';

function collector() {
  const batches: Reply[][] = [];
  return {
    batches,
    deliver: async (replies: Reply[]) => {
      batches.push(replies);
    },
    all: () => batches.flat(),
  };
}

function fakeRunner(outcome: CheckOutcome) {
  const calls: { check: string; params: Record<string, string> }[] = [];
  const runner: CheckRunner = async (check, params) => {
    calls.push({ check, params });
    return outcome;
  };
  return { runner, calls };
}

function setup(runCheck: CheckRunner, store: StateStore = new MemoryStore()) {
  let time = 1_000;
  const service = createConversationService({ flows: testFlow(), store, runCheck, now: () => time });
  return { service, store, tick: (ms: number) => (time += ms) };
}

const text = (t: string) => ({ type: 'text' as const, text: t });

describe('conversation service', () => {
  test('a start, answers, a check effect run through the runner, and a cause card', async () => {
    const { runner, calls } = fakeRunner({ outcome: 'cause-a', summary: 'A was found', evidence: [{ text: 'TXT "abc"', ttl: 300 }] });
    const { service } = setup(runner);
    const out = collector();
    await service.handle('c1', { type: 'start' }, out.deliver);
    await service.handle('c1', text('example.com'), out.deliver);
    await service.handle('c1', text('yes'), out.deliver);
    await service.handle('c1', text('skip'), out.deliver);
    expect(calls).toEqual([{ check: 'dns', params: { domain: 'example.com' } }]);
    // The check's progress reply and the cause card arrive as two deliveries of the last input.
    const [progress, result] = out.batches.slice(-2);
    expect(progress?.map((r) => r.type)).toEqual(['answered', 'progress']);
    const card = result?.find((r) => r.type === 'cause');
    expect(card).toMatchObject({ causeId: 'cause-a', title: 'Cause A for example.com', evidence: [{ text: 'A was found' }, { text: 'TXT "abc"', ttl: 300 }] });
    expect((await service.peek('c1'))?.status).toBe('ended');
  });

  test('a runner that throws becomes the error outcome with a short message, not a rejection', async () => {
    const runner: CheckRunner = async () => {
      throw new Error('resolver exploded\n    at somewhere.js:1:1');
    };
    const { service } = setup(runner);
    const out = collector();
    await service.handle('c2', { type: 'start', vars: { domain: 'example.com' } }, out.deliver);
    await service.handle('c2', text('yes'), out.deliver);
    await expect(service.handle('c2', text('skip'), out.deliver)).resolves.toBeUndefined();
    const said = out.all().filter((r) => r.type === 'text').map((r) => (r.type === 'text' ? r.text : ''));
    expect(said).toContain('The check could not run: resolver exploded at somewhere.js:1:1');
    // `error` is not mapped in the test flow, so its default branch answers.
    expect(out.all().find((r) => r.type === 'cause')).toMatchObject({ causeId: 'cause-b', evidence: [] });
    expect((await service.peek('c2'))?.lastCheck?.outcome).toBe('error');
  });

  test('a runner that never settles times out into the error outcome', async () => {
    const runner: CheckRunner = () => new Promise(() => undefined);
    const service = createConversationService({ flows: testFlow(), store: new MemoryStore(), runCheck: runner, checkTimeoutMs: 30 });
    const out = collector();
    await service.handle('hang', { type: 'start', vars: { domain: 'example.com', expect: 'v' } }, out.deliver);
    await service.handle('hang', text('yes'), out.deliver);
    expect((await service.peek('hang'))?.lastCheck).toEqual({ outcome: 'error', summary: 'the dns check took longer than 30 ms' });
    expect((await service.peek('hang'))?.status).toBe('ended');
  });

  test('a runner returning nothing useful is an error outcome too', async () => {
    const runner = (async () => undefined) as unknown as CheckRunner;
    const { service } = setup(runner);
    const out = collector();
    await service.handle('c3', { type: 'start', vars: { domain: 'example.com', expect: 'v' } }, out.deliver);
    await service.handle('c3', text('y'), out.deliver);
    expect((await service.peek('c3'))?.lastCheck).toEqual({ outcome: 'error', summary: 'the dns check returned no outcome' });
  });

  test('two clicks racing on one question: exactly one applies, the other is told it is stale', async () => {
    const { runner } = fakeRunner({ outcome: 'cause-a' });
    const memory = new MemoryStore();
    let conflicts = 0;
    const counting: StateStore = {
      get: (k) => memory.get(k),
      set: async (k, v, o) => {
        const result = await memory.set(k, v, o);
        if (!result.ok) conflicts += 1;
        return result;
      },
      delete: (k) => memory.delete(k),
      claim: (k, t) => memory.claim(k, t),
    };
    const { service } = setup(runner, counting);
    const first = collector();
    await service.handle('race', { type: 'start', vars: { domain: 'example.com' } }, first.deliver);
    const question = first.all().find((r) => r.type === 'question');
    if (question?.type !== 'question') throw new Error('no question');
    const alice = collector();
    const bob = collector();
    await Promise.all([
      service.handle('race', { type: 'choice', questionId: question.questionId, choiceId: 'yes-verified', by: { id: 'alice' } }, alice.deliver),
      service.handle('race', { type: 'choice', questionId: question.questionId, choiceId: 'yes-verified', by: { id: 'bob' } }, bob.deliver),
    ]);
    const applied = [alice, bob].filter((c) => c.all().some((r) => r.type === 'answered'));
    const refused = [alice, bob].filter((c) => c.all().some((r) => r.type === 'text' && r.text.startsWith('That button belongs to an earlier question')));
    expect(applied).toHaveLength(1);
    expect(refused).toHaveLength(1);
    // The loser really raced: its first write was refused and it re-read the conversation.
    expect(conflicts).toBeGreaterThanOrEqual(1);
    const state = await service.peek('race');
    expect(state?.history.filter((h) => h.node === 'q1')).toHaveLength(1);
  });

  test('two people typing an answer to one question at once: one applies, the other is not taken for the next question', async () => {
    const { service } = setup(fakeRunner({ outcome: 'cause-a' }).runner);
    const out = collector();
    await service.handle('race3', { type: 'start', vars: { domain: 'example.com' } }, out.deliver);
    const alice = collector();
    const bob = collector();
    await Promise.all([
      service.handle('race3', { type: 'text', text: 'yes', by: { id: 'alice' } }, alice.deliver),
      service.handle('race3', { type: 'text', text: 'yep', by: { id: 'bob' } }, bob.deliver),
    ]);
    const state = await service.peek('race3');
    expect(state?.history.map((h) => h.node)).toEqual(['q1']);
    expect(state?.node).toBe('ask-value');
    expect(state?.vars.expect).toBeUndefined();
    const said = [...alice.all(), ...bob.all()].filter((r) => r.type === 'text').map((r) => (r.type === 'text' ? r.text : ''));
    expect(said).toEqual(['That question was answered just before your message, so I did not use it.']);
  });

  test('two typed answers racing: both are applied one after the other, never on the same version', async () => {
    const { runner } = fakeRunner({ outcome: 'cause-a' });
    const { service } = setup(runner);
    const out = collector();
    await service.handle('race2', { type: 'start' }, out.deliver);
    await Promise.all([service.handle('race2', text('example.com'), out.deliver), service.handle('race2', text('help'), out.deliver)]);
    const state = await service.peek('race2');
    expect(state?.vars.domain).toBe('example.com');
    expect(state?.history).toHaveLength(1);
  });

  test('a late check result for a cancelled check is ignored', async () => {
    let release: (o: CheckOutcome) => void = () => undefined;
    const runner: CheckRunner = () => new Promise((resolve) => (release = resolve));
    const { service } = setup(runner);
    const out = collector();
    await service.handle('late', { type: 'start', vars: { domain: 'example.com', expect: 'v' } }, out.deliver);
    const pending = service.handle('late', text('yes'), out.deliver);
    await new Promise((r) => setImmediate(r));
    await service.handle('late', text('cancel'), out.deliver);
    release({ outcome: 'cause-a' });
    await pending;
    const state = await service.peek('late');
    expect(state?.outcome).toEqual({ kind: 'cancelled' });
    expect(out.all().some((r) => r.type === 'cause')).toBe(false);
  });

  test('a store that keeps failing turns into an apology, not a rejection', async () => {
    const broken: StateStore = {
      get: async () => {
        throw new Error('connection refused');
      },
      set: async () => ({ ok: false }),
      delete: async () => undefined,
      claim: async () => true,
    };
    const errors: unknown[] = [];
    const service = createConversationService({ flows: testFlow(), store: broken, runCheck: fakeRunner({ outcome: 'x' }).runner, onError: (e) => errors.push(e) });
    const out = collector();
    await expect(service.handle('k', text('hi'), out.deliver)).resolves.toBeUndefined();
    expect(out.all()).toEqual([{ type: 'text', tone: 'error', text: 'Sorry, something went wrong on my side (connection refused). Please try again.' }]);
    expect(errors).toHaveLength(1);
  });

  test('a conversation that always loses the race gets a busy reply', async () => {
    const store = new MemoryStore();
    const losing: StateStore = { ...store, get: (k) => store.get(k), set: async () => ({ ok: false }), delete: (k) => store.delete(k), claim: (k, t) => store.claim(k, t) };
    const service = createConversationService({ flows: testFlow(), store: losing, runCheck: fakeRunner({ outcome: 'x' }).runner });
    const out = collector();
    await service.handle('busy', text('hi'), out.deliver);
    expect(out.all()).toEqual([expect.objectContaining({ type: 'text', tone: 'warning' })]);
  });

  test('uses the flow a conversation started on, from a registry', async () => {
    const flow = testFlow();
    const other = { ...testFlow(), id: 'other-flow', greeting: 'Other flow.' };
    const registry = createRegistry([other, flow]);
    const service = createConversationService({ flows: registry, flowId: 'test-flow', store: new MemoryStore(), runCheck: fakeRunner({ outcome: 'x' }).runner });
    const out = collector();
    await service.handle('r', { type: 'start' }, out.deliver);
    expect((await service.peek('r'))?.flowId).toBe('test-flow');
    await service.handle('r', text('example.com'), out.deliver);
    expect((await service.peek('r'))?.vars.domain).toBe('example.com');
  });

  test('an idle conversation starts over on the next message', async () => {
    const { service, tick } = setup(fakeRunner({ outcome: 'x' }).runner);
    const out = collector();
    await service.handle('idle', { type: 'start' }, out.deliver);
    await service.handle('idle', text('example.com'), out.deliver);
    tick(25 * 3600 * 1000);
    const after = collector();
    await service.handle('idle', text('yes'), after.deliver);
    expect(after.all()[0]).toEqual({ type: 'text', text: 'It has been a while since we last talked, so we started over.' });
    expect((await service.peek('idle'))?.node).toBe('ask-domain');
  });
});

describe('diagnose', () => {
  test('runs the dns check once and returns a cause card with recheck and troubleshoot', async () => {
    const { runner, calls } = fakeRunner({ outcome: 'cause-a', summary: 'Seen at ns1', warnings: ['TTL is 3600 s'], vars: { provider: 'X' } });
    const { service } = setup(runner);
    const replies = await service.diagnose({ domain: ' HTTPS://Example.COM/path ', expect: ' "abc" ', platform: 'huawei' });
    expect(calls).toEqual([{ check: 'dns', params: { domain: 'example.com', expect: 'abc', platform: 'huawei' } }]);
    expect(replies).toEqual([
      {
        type: 'cause',
        causeId: 'cause-a',
        title: 'Cause A for example.com',
        summary: 'Summary A.',
        procedure: ['Do one thing for example.com', 'Do another'],
        after: 'Then wait.',
        evidence: [{ text: 'Seen at ns1' }],
        warnings: ['TTL is 3600 s'],
        actions: [
          { id: 'recheck', label: 'Check again' },
          { id: 'troubleshoot', label: 'Troubleshoot step by step' },
        ],
      },
    ]);
  });

  test('an invalid domain is a short error reply and no check runs', async () => {
    const { runner, calls } = fakeRunner({ outcome: 'cause-a' });
    const { service } = setup(runner);
    expect(await service.diagnose({ domain: '192.0.2.1' })).toEqual([
      { type: 'text', tone: 'error', text: '"192.0.2.1" is not a domain name: it is an IP address; give the domain the certificate is for.' },
    ]);
    expect(calls).toHaveLength(0);
  });

  test('a check that fails is an error reply with its reason', async () => {
    const runner: CheckRunner = async () => {
      throw new Error('no resolver configured');
    };
    const { service } = setup(runner);
    expect(await service.diagnose({ domain: 'example.com' })).toEqual([{ type: 'text', tone: 'error', text: 'The check could not run: no resolver configured' }]);
  });

  test('a cause the flow does not describe still gets a readable card', async () => {
    const { service } = setup(fakeRunner({ outcome: 'caa-blocks-ca', summary: 'CAA allows only letsencrypt.org' }).runner);
    const [card] = await service.diagnose({ domain: 'example.com' });
    expect(card).toMatchObject({ type: 'cause', causeId: 'caa-blocks-ca', title: 'CAA allows only letsencrypt.org', procedure: [] });
  });
});

test('refuses to start on a flow that does not exist or is broken, with the reason, instead of answering without it', () => {
  const service = (flows: FlowRegistry, flowId?: string) => () =>
    createConversationService({ flows, flowId, store: new MemoryStore(), runCheck: async () => ({ outcome: 'cause-a', summary: 'Found A' }) });
  expect(service(createRegistry([testFlow()]), 'no-such-flow')).toThrow('no flow with id "no-such-flow" (available: test-flow)');
  const broken = { file: 'flows/p.yaml', id: 'test-flow', problems: [], summary: 'flows/p.yaml:3:1 error unknown node "x". Fix: add it' };
  expect(service(createRegistry([], 'flows', [broken], ['test-flow']))).toThrow('flow "test-flow" is disabled: flows/p.yaml:3:1 error unknown node "x". Fix: add it');
});
