/**
 * The outbox between two replicas on one real SQLite file: replies a replica saved but did not post are
 * left alone while it lives, and posted by the other, from where it stopped, once it is dead; a retried
 * delivery is applied once; a check that replica was running is run again and its result applied.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CheckRunner } from '../../src/core/checks';
import type { Replica } from '../../src/conversation/outbox';
import { createConversationService } from '../../src/conversation/service';
import type { Reply } from '../../src/engine/replies';
import { SqliteStore } from '../../src/store/sqlite';
import { testFlow } from '../engine/flows';

function replicas() {
  const alive = new Set(['a', 'b']);
  const replica = (id: string): Replica => ({ id, isAlive: async (owner) => alive.has(owner) });
  return { a: replica('a'), b: replica('b'), kill: (id: string) => alive.delete(id) };
}

const stores = new WeakMap<object, SqliteStore>();
const storeOf = (service: object) => stores.get(service)!;

function setUp(runCheck: CheckRunner = async () => ({ outcome: 'cause-a' })) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'certstatus-outbox-')), 'state.db');
  const group = replicas();
  const storeA = new SqliteStore({ path: file });
  const storeB = new SqliteStore({ path: file });
  const a = createConversationService({ flows: testFlow(), store: storeA, runCheck, replica: group.a });
  const b = createConversationService({ flows: testFlow(), store: storeB, runCheck, replica: group.b });
  stores.set(a, storeA);
  stores.set(b, storeB);
  return { a, b, kill: group.kill, close: () => Promise.all([storeA.close(), storeB.close()]) };
}

/** A deliverer that posts `limit` replies, then hangs as a killed process would (never resolves). */
function dyingAfter(limit: number) {
  const posted: Reply[] = [];
  let reached: () => void = () => undefined;
  const died = new Promise<void>((resolve) => (reached = resolve));
  const deliver = async (replies: Reply[], tick?: (n: number) => Promise<void>) => {
    for (const [index, reply] of replies.entries()) {
      if (posted.length >= limit) {
        reached();
        return new Promise<void>(() => undefined);
      }
      posted.push(reply);
      await tick?.(index + 1);
    }
  };
  return { posted, deliver, died };
}

function collector() {
  const posted: Reply[] = [];
  return { posted, deliver: async (replies: Reply[], tick?: (n: number) => Promise<void>) => {
    for (const [index, reply] of replies.entries()) {
      posted.push(reply);
      await tick?.(index + 1);
    }
  } };
}

const kinds = (replies: Reply[]) => replies.map((r) => (r.type === 'text' ? `text:${r.text}` : r.type));

describe('the outbox between two replicas on one SQLite file', () => {
  test('replies not posted are left to their live owner, then posted by the other from where it stopped', async () => {
    const { a, b, kill, close } = setUp();
    try {
      const dying = dyingAfter(1);
      void a.handle('k1', { type: 'start', vars: { domain: 'example.com' } }, dying.deliver);
      await dying.died;
      expect(kinds(dying.posted)).toEqual(["text:Hello! Let's look at example.com."]);

      const other = collector();
      await b.recover!('k1', other.deliver);
      expect(other.posted).toEqual([]);

      kill('a');
      await b.recover!('k1', other.deliver);
      expect(kinds(other.posted)).toEqual(['question']);
      // Posted once: a second look finds nothing left.
      await b.recover!('k1', other.deliver);
      expect(other.posted).toHaveLength(1);
      // Its "work pending" marker is settled (value 0, expiring at once), so later sweeps skip it.
      expect((await storeOf(b).get('pending:k1'))?.value ?? 0).toBe(0);
    } finally {
      await close();
    }
  });

  test('a retried delivery is applied once; the retry posts only what was not posted', async () => {
    const { a, b, kill, close } = setUp();
    try {
      const dying = dyingAfter(1);
      void a.handle('k2', { type: 'start' }, dying.deliver, { deliveryId: 'teams:act-1' });
      await dying.died;
      kill('a');
      const retry = collector();
      await b.handle('k2', { type: 'start' }, retry.deliver, { deliveryId: 'teams:act-1' });
      expect(kinds(retry.posted)).toEqual(['question']);
      expect((await b.peek('k2'))?.turn).toBe(1);
    } finally {
      await close();
    }
  });

  test('a check its dead owner was running is run again by the other, and its answer posted', async () => {
    let checks = 0;
    let release: () => void = () => undefined;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    const runCheck: CheckRunner = async () => {
      checks += 1;
      if (checks === 1) await hanging; // the first replica's check never comes back
      return { outcome: 'cause-a' };
    };
    const { a, b, kill, close } = setUp(runCheck);
    try {
      const first = collector();
      await a.handle('k3', { type: 'start', vars: { domain: 'example.com' } }, first.deliver);
      await a.handle('k3', { type: 'text', text: 'yes' }, first.deliver);
      void a.handle('k3', { type: 'text', text: 'skip' }, first.deliver);
      while (checks === 0) await new Promise((resolve) => setImmediate(resolve));

      const other = collector();
      await b.recover!('k3', other.deliver);
      expect(checks).toBe(1);
      kill('a');
      await b.recover!('k3', other.deliver);
      expect(checks).toBe(2);
      expect(kinds(other.posted)).toEqual(['text:Found it.', 'cause']);
      expect((await b.peek('k3'))?.status).toBe('ended');
    } finally {
      release();
      await close();
    }
  });
});
