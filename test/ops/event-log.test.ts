/** One contract for the stats event log in memory, in the SQLite file, and in Redis. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CertstatusError } from '../../src/core/errors';
import { MemoryEventLog, type EventLog, type OpsEvent } from '../../src/ops/events';
import { SqliteEventLog } from '../../src/ops/event-log-sqlite';
import { RedisEventLog } from '../../src/ops/event-log-redis';
import { SqliteStore } from '../../src/store/sqlite';
import { describeWithRedis, startRedisServer, type RunningRedis } from '../support/redis-server';

const tempFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'certstatus-events-')), 'certstatus.db');

const EVENTS: OpsEvent[] = [
  { at: 1_000, kind: 'conversation-started', channel: 'slack', conversationKey: 'slack:T:C:1', startedAt: 1_000 },
  { at: 1_500, kind: 'node', channel: 'slack', conversationKey: 'slack:T:C:1', startedAt: 1_000, flow: 'pending-domain-verification', node: 'dns-check' },
  { at: 2_000, kind: 'check', channel: 'slack', conversationKey: 'slack:T:C:1', outcome: 'ttl-not-elapsed', durationMs: 812, domain: 'shop.test' },
  { at: 2_000, kind: 'check', channel: 'slack', conversationKey: 'slack:T:C:1', outcome: 'ttl-not-elapsed', durationMs: 812, domain: 'shop.test' },
  { at: 3_000, kind: 'conversation-ended', channel: 'slack', conversationKey: 'slack:T:C:1', startedAt: 1_000, outcome: 'cause', cause: 'ttl-not-elapsed' },
  { at: 4_000, kind: 'check', channel: 'teams', outcome: 'error', durationMs: 10 },
  { at: 6_000, kind: 'watch-started', channel: 'web', conversationKey: 'web:watch:abc', domain: 'shop.test' },
  { at: 7_000, kind: 'watch-ended', channel: 'web', conversationKey: 'web:watch:abc', domain: 'shop.test', outcome: 'took-effect' },
];

function runEventLogContract(name: string, open: () => Promise<EventLog>) {
  describe(`${name} (event log contract)`, () => {
    let log: EventLog;
    beforeEach(async () => {
      log = await open();
    });
    afterEach(() => log.close?.());

    it('gives back what was appended, oldest first, identical events kept apart', async () => {
      for (const event of [...EVENTS].reverse()) await log.append(event);
      expect(await log.query({ since: 0, until: 10_000 })).toEqual(EVENTS);
    });

    it('selects a period: since inclusive, until exclusive', async () => {
      for (const event of EVENTS) await log.append(event);
      const period = await log.query({ since: 2_000, until: 4_000 });
      expect(period.map((event) => event.at)).toEqual([2_000, 2_000, 3_000]);
      expect(await log.query({ since: 8_000, until: 9_000 })).toEqual([]);
    });
  });
}

runEventLogContract('MemoryEventLog', async () => new MemoryEventLog());
runEventLogContract('SqliteEventLog', async () => new SqliteEventLog({ path: tempFile() }));

describe('SqliteEventLog in the state file', () => {
  it('lives beside the state store in one file, and survives reopening', async () => {
    const file = tempFile();
    const store = new SqliteStore({ path: file });
    const log = new SqliteEventLog({ path: file });
    await store.set('conversation:x', { hello: 1 });
    await log.append(EVENTS[0]!);
    await log.close();
    await store.close();
    const again = new SqliteEventLog({ path: file, mustExist: true });
    expect(await again.query({ since: 0, until: 10_000 })).toEqual([EVENTS[0]]);
    await again.close();
    const reopened = new SqliteStore({ path: file });
    expect((await reopened.get('conversation:x'))?.value).toEqual({ hello: 1 });
    await reopened.close();
  });

  it('drops events past the retention when opened', async () => {
    const file = tempFile();
    const log = new SqliteEventLog({ path: file });
    await log.append({ ...EVENTS[0]!, at: 1_000 });
    await log.append({ ...EVENTS[0]!, at: 50_000 });
    await log.close();
    const reopened = new SqliteEventLog({ path: file, retentionMs: 20_000, now: () => 60_000 });
    expect((await reopened.query({ since: 0, until: 100_000 })).map((event) => event.at)).toEqual([50_000]);
    await reopened.close();
  });

  it('refuses a missing file when it must exist, with one line naming it', () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'certstatus-events-')), 'nope.db');
    expect(() => new SqliteEventLog({ path: missing, mustExist: true })).toThrow(CertstatusError);
    expect(() => new SqliteEventLog({ path: missing, mustExist: true })).toThrow(`No certstatus database at ${missing}: set CERTSTATUS_DB`);
  });
});

const { describe: describeRedis, skipReason } = describeWithRedis();
if (skipReason) {
  describe.skip(`RedisEventLog SKIPPED: ${skipReason}`, () => {
    it('needs a redis-server binary', () => undefined);
  });
} else {
  let server: RunningRedis | undefined;
  let counter = 0;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server?.stop());
  describeRedis('Redis', () => {
    runEventLogContract('RedisEventLog', () => RedisEventLog.connect(server!.url, `certstatus-events-${process.pid}-${++counter}:`));

    it('drops events past the retention when the server connects', async () => {
      const prefix = `certstatus-events-${process.pid}-${++counter}:`;
      const log = await RedisEventLog.connect(server!.url, prefix);
      await log.append({ ...EVENTS[0]!, at: Date.now() - 10_000 });
      await log.append({ ...EVENTS[0]!, at: Date.now() - 10 });
      await log.close();
      const pruned = await RedisEventLog.connect(server!.url, prefix, 5_000);
      expect(await pruned.query({ since: 0, until: Date.now() + 1 })).toHaveLength(1);
      await pruned.close();
    });
  });
}
