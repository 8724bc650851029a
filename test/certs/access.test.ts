/** Who may look certificates up, and the look-up events in the stats event log (memory and a real SQLite file). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { callerLabel, decideAccess, lookupEvent } from '../../src/certs/access';
import type { CcmAllowlist } from '../../src/config/ccm';
import { MemoryEventLog } from '../../src/ops/events';
import { SqliteEventLog } from '../../src/ops/event-log-sqlite';

const allow: CcmAllowlist = { slackWorkspaces: ['T0SUPPORT'], slackChannels: ['C0CERTS'], teamsTenants: ['tenant-a'], teamsTeams: ['19:certs@thread.tacv2'] };
const nobody: CcmAllowlist = { slackWorkspaces: [], slackChannels: [], teamsTenants: [], teamsTeams: [] };

describe('decideAccess', () => {
  it.each([
    [{ channel: 'slack', workspace: 'T0SUPPORT', channelId: 'C0OTHER' }],
    [{ channel: 'slack', workspace: 'T0ELSE', channelId: 'C0CERTS' }],
    [{ channel: 'slack', workspace: 't0support' }],
    [{ channel: 'teams', tenant: 'tenant-a', team: '19:other@thread.tacv2' }],
    [{ channel: 'teams', tenant: 'tenant-b', team: '19:certs@thread.tacv2' }],
    [{ channel: 'terminal' }],
  ] as const)('allows %j', (caller) => {
    expect(decideAccess(allow, caller, true)).toEqual({ allowed: true });
  });

  it('refuses a Slack channel outside the list with a sentence naming the setting and saying DNS only', () => {
    expect(decideAccess(allow, { channel: 'slack', workspace: 'T0ELSE', channelId: 'C0RANDOM', user: 'U1' }, true)).toEqual({
      allowed: false,
      reason: 'This Slack channel is not on the list allowed to look certificates up (CERTSTATUS_CCM_ALLOW_SLACK_WORKSPACES / _CHANNELS), so I checked DNS only and read nothing from the certificate account.',
    });
  });

  it('refuses a Teams tenant outside the list', () => {
    const decision = decideAccess(allow, { channel: 'teams', tenant: 'tenant-z' }, true);
    expect(decision).toEqual({ allowed: false, reason: expect.stringMatching(/^This Teams tenant is not on the list .*CERTSTATUS_CCM_ALLOW_TEAMS_TENANTS/) });
  });

  it('refuses everyone in chat when the lists are empty, and says the lists are empty', () => {
    expect(decideAccess(nobody, { channel: 'slack', workspace: 'T0SUPPORT' }, true)).toEqual({ allowed: false, reason: expect.stringContaining('CERTSTATUS_CCM_ALLOW_SLACK_* is empty') });
    expect(decideAccess(nobody, { channel: 'teams', tenant: 'tenant-a' }, true)).toEqual({ allowed: false, reason: expect.stringContaining('CERTSTATUS_CCM_ALLOW_TEAMS_* is empty') });
  });

  it('the web page only with CERTSTATUS_CCM_ALLOW_WEB and behind its token; logged as web:token or web:open', () => {
    expect(decideAccess({ ...allow, web: true }, { channel: 'web', behindToken: true }, true)).toEqual({ allowed: true });
    expect(decideAccess({ ...allow, web: true }, { channel: 'web', behindToken: false }, true)).toEqual({ allowed: false, reason: expect.stringContaining('open to anyone (no CERTSTATUS_WEB_TOKEN)') });
    expect(decideAccess(allow, { channel: 'web', behindToken: true }, true)).toEqual({ allowed: false, reason: expect.stringContaining('CERTSTATUS_CCM_ALLOW_WEB is off') });
    expect(callerLabel({ channel: 'web', behindToken: true })).toBe('web:token');
    expect(callerLabel({ channel: 'web', behindToken: false })).toBe('web:open');
  });

  it('a caller without ids is never matched by an entry', () => {
    expect(decideAccess(allow, { channel: 'slack' }, true).allowed).toBe(false);
    expect(decideAccess(allow, { channel: 'teams' }, true).allowed).toBe(false);
  });

  it('without credentials nobody can look up, terminal included, and the sentence says why', () => {
    expect(decideAccess(allow, { channel: 'terminal' }, false)).toEqual({ allowed: false, reason: expect.stringContaining('not set up on this bot (no access key)') });
  });
});

describe('look-up events', () => {
  it('labels callers', () => {
    expect(callerLabel({ channel: 'slack', workspace: 'T1', channelId: 'C2', user: 'U3' })).toBe('slack:T1/C2/U3');
    expect(callerLabel({ channel: 'teams', tenant: 'tn', user: 'u' })).toBe('teams:tn/-/u');
    expect(callerLabel({ channel: 'slack', workspace: 'T1' })).toBe('slack:T1');
    expect(callerLabel({ channel: 'terminal' })).toBe('terminal');
  });

  const events = [
    lookupEvent({ channel: 'slack', workspace: 'T1', channelId: 'C2', user: 'U3' }, 'scs1000000000001', 'allowed', 1_000),
    lookupEvent({ channel: 'teams', tenant: 'tn', team: 'tm', user: 'u' }, 'scs1000000000002', 'refused', 2_000),
    lookupEvent({ channel: 'terminal' }, 'scs1000000000003', 'certstatus_ccm_timeout', 3_000),
  ];

  it('keeps who, which certificate, when and the outcome in memory', async () => {
    const log = new MemoryEventLog();
    for (const e of events) await log.append(e);
    expect(await log.query({ since: 0, until: 10_000 })).toEqual(events);
  });

  it('keeps them in SQLite, also in a database file made before look-ups existed', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'certstatus-lookups-')), 'old.db');
    const old = new Database(file);
    old.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, channel TEXT NOT NULL, conversation_key TEXT, started_at INTEGER, outcome TEXT, cause TEXT, duration_ms INTEGER)');
    old.prepare("INSERT INTO events (at, kind, channel, outcome, cause, duration_ms) VALUES (500, 'check', 'slack', 'record-missing', 'record-missing', 40)").run();
    old.close();
    const log = new SqliteEventLog({ path: file, now: () => 10_000 });
    for (const e of events) await log.append(e);
    const back = await log.query({ since: 0, until: 10_000 });
    expect(back[0]).toEqual({ at: 500, kind: 'check', channel: 'slack', outcome: 'record-missing', cause: 'record-missing', durationMs: 40 });
    expect(back.slice(1)).toEqual(events);
    await log.close();
    // Reopening does not try to add the columns again.
    const again = new SqliteEventLog({ path: file, now: () => 10_000 });
    expect(await again.query({ since: 2_000, until: 2_001 })).toEqual([events[1]]);
    await again.close();
  });
});
