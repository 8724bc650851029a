/** `certstatus stats` on the SQLite file a server wrote: conversations, checks and causes, text and JSON. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConversationService } from '../../src/conversation/service';
import { SqliteEventLog } from '../../src/ops/event-log-sqlite';
import { InFlight } from '../../src/channels/kit/in-flight';
import { createOpsObserver } from '../../src/server/ops-observer';
import { SqliteStore } from '../../src/store/sqlite';
import { runCli } from '../support/dns-world/cli-io';
import { testFlow } from '../engine/flows';

const text = (t: string) => ({ type: 'text' as const, text: t });
const deliver = async () => undefined;

/** Runs conversations the way `serve` would, writing state and events into `file`. */
async function serveSomeConversations(file: string) {
  const store = new SqliteStore({ path: file });
  const events = new SqliteEventLog({ path: file });
  const inFlight = new InFlight();
  const outcomes = ['cause-a', 'record-missing', 'error'];
  const service = createConversationService({
    flows: testFlow(),
    store,
    runCheck: async () => ({ outcome: outcomes.shift() ?? 'cause-b' }),
    observer: createOpsObserver({ channel: 'slack', events, track: (work) => inFlight.track(work) }),
  });
  // One ends with cause A after a check.
  for (const input of [{ type: 'start' as const }, text('a.example'), text('yes'), text('skip')]) await service.handle('slack:T:C:1', input, deliver);
  // One hands off.
  for (const input of [{ type: 'start' as const }, text('b.example'), text('not sure')]) await service.handle('slack:T:C:2', input, deliver);
  // One is still open.
  await service.handle('slack:T:C:3', { type: 'start' }, deliver);
  // A one-shot diagnosis whose check could not run.
  await service.diagnose({ domain: 'c.example' });
  await service.diagnose({ domain: 'd.example' });
  await inFlight.drain(2000);
  await events.close();
  await store.close();
}

describe('certstatus stats', () => {
  let file: string;
  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'certstatus-stats-')), 'certstatus.db');
    await serveSomeConversations(file);
  });

  it('prints conversations by ending, checks and causes with percentages', async () => {
    const run = await runCli(['stats', '--since', '1h'], { CERTSTATUS_DB: file });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`(SQLite file ${file})`);
    expect(run.stdout).toMatch(/Conversations: 3\n/);
    expect(run.stdout).toMatch(/ended with a cause\s+1\s+33%/);
    expect(run.stdout).toMatch(/handed off to a person\s+1\s+33%/);
    expect(run.stdout).toMatch(/still open\s+1\s+33%/);
    expect(run.stdout).toMatch(/abandoned \(idle past expiry\)\s+0\s+0%/);
    expect(run.stdout).toContain('Checks: 3 (1 could not run)');
    expect(run.stdout).toMatch(/cause-a\s+1\s+50%/);
    expect(run.stdout).toMatch(/record-missing\s+1\s+50%/);
  });

  it('prints JSON for scripts', async () => {
    const run = await runCli(['stats', '--json'], { CERTSTATUS_DB: file });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.conversations).toMatchObject({ started: 3, endedWithCause: 1, handedOff: 1, open: 1, causes: [{ name: 'cause-a', count: 1, share: 1 }] });
    expect(json.checks.total).toBe(3);
  });

  it('reports an empty period', async () => {
    const run = await runCli(['stats', '--since', '2020-01-01', '--until', '2020-02-01'], { CERTSTATUS_DB: file });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('certstatus stats from 2020-01-01 00:00 UTC to 2020-02-01 00:00 UTC');
    expect(run.stdout).toContain('Conversations: 0\n');
    expect(run.stdout).toContain('Checks: 0\n');
  });

  it('says in one line that the database does not exist, and creates nothing', async () => {
    const missing = path.join(path.dirname(file), 'missing.db');
    const run = await runCli(['stats'], { CERTSTATUS_DB: missing });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`certstatus: No certstatus database at ${missing}: set CERTSTATUS_DB to the file \`certstatus serve\` uses.\n`);
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses a bad period and an in-memory database with one line each', async () => {
    const bad = await runCli(['stats', '--since', 'last week'], { CERTSTATUS_DB: file });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^certstatus: --since must be a duration back from now .*got "last week"\.\n$/);
    const memory = await runCli(['stats'], { CERTSTATUS_DB: ':memory:' });
    expect(memory.code).toBe(2);
    expect(memory.stderr).toMatch(/^certstatus: CERTSTATUS_DB=:memory: keeps nothing/);
  });

  it('with --json, a missing database is a JSON error on stderr with the same exit status', async () => {
    const missing = path.join(path.dirname(file), 'missing.db');
    const run = await runCli(['stats', '--json'], { CERTSTATUS_DB: missing });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr)).toEqual({
      error: { code: 'certstatus_config', message: `No certstatus database at ${missing}: set CERTSTATUS_DB to the file \`certstatus serve\` uses.`, exit: 2 },
    });
  });
});
