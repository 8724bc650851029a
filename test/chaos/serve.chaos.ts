/**
 * Chaos: the real `certstatus serve` process on a real SQLite file (and two replicas on a real Redis), Teams conversations through the fake
 * connector, and SIGKILL at random instants (0-100 ms after a request, and in the middle of slow DNS
 * checks). After each kill the process is started again on the same file and Teams retries the activity
 * that got no answer, with the same id. Asserts at the end: every conversation reached its cause card (none
 * stuck), no reply was lost, and none was posted twice except one the connector accepted in the last
 * moment before a kill (the outbox is at least once; such a double is counted and printed). Seeded:
 * CHAOS_SEED=<n> replays a run; the seed is printed, and named in every failure.
 * Runs from .ci/run (npm run chaos), not in `npm test`.
 */
import path from 'node:path';
import { standardWorld, zone } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';
import { ServeHarness } from '../support/server-process/harness';
import type { ServerProcess } from '../support/server-process/process';
import { cardText, startFakeConnector, type ConnectorCall, type FakeConnector } from '../support/fake-connector/connector';
import { message, personalChat, postActivity, type TeamsActivity } from '../support/fake-connector/teams-activities';
import { describeWithRedis, startRedisServer, type RunningRedis } from '../support/redis-server';

const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CONVERSATIONS = Number(process.env.CHAOS_CONVERSATIONS ?? 6);
/** A kill follows this share of requests; the check step gets a second chance of one mid-check. */
const KILL_SHARE = 0.45;
/**
 * A reply posted again when a kill fell this close to its first copy's arrival was in the outbox's
 * at-least-once window: sent just before the kill (the connector still read it), or accepted just before it
 * and not yet ticked off. Wide, since the machine is loaded.
 */
const WINDOW_BEFORE_MS = 300;
const WINDOW_AFTER_MS = 1000;

/** mulberry32: small, seedable, good enough to pick instants. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The guided conversation as a user types it, and a line each answer must bring. */
const SCRIPT: { say: string; expect: string }[] = [
  { say: 'hi', expect: 'Which domain is the certificate for?' },
  { say: 'slow.test', expect: 'Step 1 of 4' },
  { say: 'yes', expect: 'paste the record value' },
  { say: 'skip', expect: 'Step 2 of 4' },
  { say: 'no', expect: 'The domain name verification has not been completed' },
];

const textOf = (call: ConnectorCall) => `${String(call.body.text ?? '')}${cardText(call.body)}`;

interface ChaosSetup {
  harness: ServeHarness;
  connector: FakeConnector;
  world: RunningWorld;
}

/**
 * One chaos run: `replicas` processes on the store `storeEnv` names, each request to one of them at random
 * (a load balancer), kills at random instants, a killed one started again; Teams retries an unanswered
 * activity (same id) on whichever replica. Resolves with what it printed.
 */
async function chaosRun(setup: ChaosSetup, label: string, storeEnv: Record<string, string>, replicas: number): Promise<string> {
  const { harness, connector, world } = setup;
  const started = Date.now();
  const random = prng(SEED + replicas);
  const env = {
    CERTSTATUS_TEAMS_EMULATOR: 'true',
    CERTSTATUS_RECOVERY_INTERVAL_MS: '200',
    CERTSTATUS_REPLICA_TTL_MS: '1500',
    CERTSTATUS_RESOLVERS: `127.0.0.53:${world.resolverPort}`,
    CERTSTATUS_AUTH_PORT: String(world.authPort),
    CERTSTATUS_DNS_TIMEOUT_MS: '8000',
  };
  const kills: number[] = [];
  const servers: ServerProcess[] = [];
  for (let i = 0; i < replicas; i += 1) servers.push(await harness.start(storeEnv, env));
  const fail = (why: string): never => {
    throw new Error(`chaos seed ${SEED}, ${label} (replay: CHAOS_SEED=${SEED} npm run chaos): ${why}`);
  };
  const kill = (target: ServerProcess) => {
    // child.killed: the signal was sent (the exit is seen a little later).
    if (target.child.killed || target.child.exitCode !== null) return;
    kills.push(Date.now());
    target.child.kill('SIGKILL');
  };
  const restartDead = async () => {
    for (const [i, server] of servers.entries()) {
      if (!server.child.killed && server.child.exitCode === null) continue;
      await server.exited;
      servers[i] = await harness.start(storeEnv, env);
    }
  };

  const users = Array.from({ length: CONVERSATIONS }, (_, i) => ({ id: `29:chaos-${replicas}-${i}`, name: `Chaos ${i}`, aadObjectId: `aad-chaos-${SEED}-${replicas}-${i}` }));
  const scopes = users.map((user) => personalChat(connector.url, user));
  const posts = (conversation: number) => connector.calls.filter((call) => call.kind !== 'update' && call.conversationId === scopes[conversation]!.conversation.id);

  /** Sends one activity as Teams does: again, with the same id, until a process answers it. */
  async function deliver(activity: TeamsActivity, check: boolean): Promise<void> {
    const answers: string[] = [];
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      const target = servers[Math.floor(random() * servers.length)]!;
      const timers: NodeJS.Timeout[] = [];
      if (random() < KILL_SHARE) timers.push(setTimeout(() => kill(target), Math.floor(random() * 100)));
      // In the middle of the DNS check (it takes about a second at 120 ms an answer).
      if (check && random() < KILL_SHARE) timers.push(setTimeout(() => kill(target), 100 + Math.floor(random() * 900)));
      const response = await postActivity(`${target.url}/api/messages`, activity).catch((error: Error) => ({ status: 0, body: error.message }));
      timers.forEach(clearTimeout);
      await restartDead();
      if (response.status === 200) return;
      answers.push(`${response.status} ${response.body.slice(0, 100)}`);
    }
    fail(`activity ${activity.id} was never answered: ${answers.slice(-3).join('; ')}`);
  }

  for (let step = 0; step < SCRIPT.length; step += 1) {
    for (let conversation = 0; conversation < CONVERSATIONS; conversation += 1) {
      const { say, expect: line } = SCRIPT[step]!;
      await deliver(message(scopes[conversation]!, say, users[conversation]), say === 'skip');
      // The answer arrives, from this process or (after a kill) from the sweep of the next one.
      await connector.waitFor(() => posts(conversation).some((call) => textOf(call).includes(line)), 20_000).catch(() =>
        fail(`conversation ${conversation} is stuck after "${say}": no "${line}" (posts: ${posts(conversation).map(textOf).join(' | ').slice(0, 800)})`),
      );
    }
  }

  let windowDoubles = 0;
  for (let conversation = 0; conversation < CONVERSATIONS; conversation += 1) {
    const seen = new Map<string, ConnectorCall>();
    for (const call of posts(conversation)) {
      const text = textOf(call);
      const first = seen.get(text);
      if (!first) {
        seen.set(text, call);
        continue;
      }
      // Posted again: only allowed when a kill came right after the first copy was accepted.
      if (!kills.some((at) => at >= first.at - WINDOW_BEFORE_MS && at - first.at <= WINDOW_AFTER_MS)) fail(`conversation ${conversation}: "${text.slice(0, 120)}" posted twice with no kill in between`);
      windowDoubles += 1;
    }
    for (const { expect: line } of SCRIPT) {
      if (![...seen.keys()].some((text) => text.includes(line))) fail(`conversation ${conversation}: "${line}" lost`);
    }
  }
  if (kills.length === 0) fail('no kill happened');
  const survived = kills.length;
  for (const server of servers) server.child.kill('SIGKILL');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const line = `chaos seed ${SEED}, ${label}: ${survived} kills survived, ${CONVERSATIONS} conversations of ${SCRIPT.length} turns, ${windowDoubles} replies posted again in the kill window, ${seconds} s`;
  console.log(line);
  return line;
}

describe(`chaos (seed ${SEED}): serve killed at random instants`, () => {
  const harness = new ServeHarness();
  const setup = { harness } as ChaosSetup;
  beforeAll(async () => {
    await harness.setUp();
    setup.connector = await startFakeConnector();
    // Every DNS answer takes 120 ms, so a check lasts long enough to be killed in the middle.
    setup.world = await startWorld(standardWorld({ zones: [zone('slow.test')], latencyMs: 120 }));
  }, 60_000);
  afterAll(async () => {
    await harness.tearDown();
    await setup.connector?.close();
    await setup.world?.stop();
  });

  it('one process on a SQLite file: loses no reply, doubles none outside the kill window, leaves none stuck', async () => {
    await chaosRun(setup, 'one process on SQLite', { CERTSTATUS_DB: path.join(harness.dir, `chaos-${SEED}.db`) }, 1);
  }, 240_000);

  const redis = describeWithRedis();
  redis.describe('on Redis', () => {
    let server: RunningRedis;
    beforeAll(async () => {
      server = await startRedisServer();
    });
    afterAll(() => server?.stop());

    it('two replicas, one killed at a time: the same', async () => {
      await chaosRun(setup, 'two replicas on Redis', { REDIS_URL: server.url }, 2);
    }, 240_000);
  });
});
