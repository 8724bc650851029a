/**
 * Chaos: the real `certstatus serve` process on a real SQLite file, Teams conversations through the fake
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

const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CONVERSATIONS = Number(process.env.CHAOS_CONVERSATIONS ?? 6);
/** A kill follows this share of requests; the check step gets a second chance of one mid-check. */
const KILL_SHARE = 0.45;
/** A reply posted again this soon after its first copy was accepted was in the outbox's at-least-once window. */
const WINDOW_MS = 400;

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

describe(`chaos (seed ${SEED}): serve killed at random instants on one SQLite file`, () => {
  const harness = new ServeHarness();
  let connector: FakeConnector;
  let world: RunningWorld;
  beforeAll(async () => {
    await harness.setUp();
    connector = await startFakeConnector();
    // Every DNS answer takes 120 ms, so a check lasts long enough to be killed in the middle.
    world = await startWorld(standardWorld({ zones: [zone('slow.test')], latencyMs: 120 }));
  }, 60_000);
  afterAll(async () => {
    await harness.tearDown();
    await connector.close();
    await world.stop();
  });

  it('loses no reply, doubles none outside the kill window, leaves no conversation stuck', async () => {
    const started = Date.now();
    const random = prng(SEED);
    const db = path.join(harness.dir, `chaos-${SEED}.db`);
    const env = {
      CERTSTATUS_TEAMS_EMULATOR: 'true',
      CERTSTATUS_RECOVERY_INTERVAL_MS: '200',
      CERTSTATUS_RESOLVERS: `127.0.0.53:${world.resolverPort}`,
      CERTSTATUS_AUTH_PORT: String(world.authPort),
      CERTSTATUS_DNS_TIMEOUT_MS: '8000',
    };
    const kills: number[] = [];
    let server: ServerProcess = await harness.start({ CERTSTATUS_DB: db }, env);
    const fail = (why: string): never => {
      throw new Error(`chaos seed ${SEED} (replay: CHAOS_SEED=${SEED} npm run chaos): ${why}`);
    };

    const kill = (target: ServerProcess) => {
      // child.killed: the signal was sent (the exit is seen a little later).
      if (target.child.killed || target.child.exitCode !== null) return;
      kills.push(Date.now());
      target.child.kill('SIGKILL');
    };
    const restartIfDead = async () => {
      if (!server.child.killed && server.child.exitCode === null) return;
      await server.exited;
      server = await harness.start({ CERTSTATUS_DB: db }, env);
    };

    const users = Array.from({ length: CONVERSATIONS }, (_, i) => ({ id: `29:chaos-${i}`, name: `Chaos ${i}`, aadObjectId: `aad-chaos-${SEED}-${i}` }));
    const scopes = users.map((user) => personalChat(connector.url, user));
    const posts = (conversation: number) => connector.calls.filter((call) => call.kind !== 'update' && call.conversationId === scopes[conversation]!.conversation.id);

    /** Sends one activity as Teams does: again, with the same id, until a process answers it. */
    async function deliver(activity: TeamsActivity, check: boolean): Promise<void> {
      const answers: string[] = [];
      for (let attempt = 1; attempt <= 20; attempt += 1) {
        const target = server;
        const timers: NodeJS.Timeout[] = [];
        if (random() < KILL_SHARE) timers.push(setTimeout(() => kill(target), Math.floor(random() * 100)));
        // In the middle of the DNS check (it takes about a second at 120 ms an answer).
        if (check && random() < KILL_SHARE) timers.push(setTimeout(() => kill(target), 100 + Math.floor(random() * 900)));
        const response = await postActivity(`${target.url}/api/messages`, activity).catch((error: Error) => ({ status: 0, body: error.message }));
        timers.forEach(clearTimeout);
        await restartIfDead();
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
        if (!kills.some((at) => at >= first.at && at - first.at <= WINDOW_MS)) fail(`conversation ${conversation}: "${text.slice(0, 120)}" posted twice with no kill in between`);
        windowDoubles += 1;
      }
      for (const { expect: line } of SCRIPT) {
        if (![...seen.keys()].some((text) => text.includes(line))) fail(`conversation ${conversation}: "${line}" lost`);
      }
    }
    kill(server);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`chaos seed ${SEED}: ${kills.length - 1} kills survived, ${CONVERSATIONS} conversations of ${SCRIPT.length} turns, ${windowDoubles} replies posted again in the kill window, ${seconds} s`);
    expect(kills.length).toBeGreaterThan(1);
  }, 240_000);
});
