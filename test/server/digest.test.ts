/**
 * The daily digest of `certstatus serve`, end to end in process: the server composed from the environment
 * (CERTSTATUS_DIGEST_*), the real Bolt app against the fake Slack Web API, the real SCM client against the
 * fake CCM, live DNS from the test world, a store with leases, and a fake clock. Posted once at the time of
 * day in its time zone, not again that day, not the next day when nothing changed; a stuck line's
 * "Notify me when it takes effect" starts a watch in the digest's thread.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/env';
import { silentLogger } from '../../src/core/logger';
import { startCertstatus, type RunningCertstatus } from '../../src/server/compose';
import { openStore } from '../../src/store/open-store';
import type { StateStore } from '../../src/store/types';
import { ALPHA1 } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';
import { CERTIFICATES, certificateWorld } from '../support/fake-ccm/certificates';
import { startFakeCcm, type FakeCcm } from '../support/fake-ccm/server';
import { blockText, button, buttonsOf } from '../support/fake-slack/blocks';
import { clickBody } from '../support/fake-slack/payloads';
import { FakeSlack } from '../support/fake-slack/server';
import { signedHeaders } from '../support/fake-slack/sign';

const SECRET = 'digest-signing-secret';
const NOTIFY = 'Notify me when it takes effect';

describe('the daily digest', () => {
  const slack = new FakeSlack();
  let world: RunningWorld;
  let ccm: FakeCcm;
  let store: StateStore;
  let running: RunningCertstatus;
  // 08:00 UTC is 09:00 in Berlin (CET): half an hour before the digest's time of day.
  let time = Date.UTC(2026, 10, 27, 8, 0);

  beforeAll(async () => {
    world = await startWorld(certificateWorld());
    ccm = await startFakeCcm({ certificates: CERTIFICATES });
    await slack.start();
    const dir = mkdtempSync(path.join(tmpdir(), 'certstatus-digest-'));
    const providers = path.join(dir, 'providers.yaml');
    writeFileSync(providers, ['providers:', '  - id: alpha', '    name: Alpha DNS', '    nsPatterns: ["*.alpha-dns.test"]', `    nameservers: [{ name: ns1.alpha-dns.test, address: "${ALPHA1}" }]`, ''].join('\n'));
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-digest',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      HUAWEICLOUD_SDK_AK: ccm.ak,
      HUAWEICLOUD_SDK_SK: ccm.sk,
      CERTSTATUS_CCM_ENDPOINT: ccm.url,
      CERTSTATUS_DIGEST_CHANNEL: 'slack:C9DIGEST',
      CERTSTATUS_DIGEST_TIME: '09:30',
      CERTSTATUS_DIGEST_TIMEZONE: 'Europe/Berlin',
      CERTSTATUS_RESOLVERS: world.resolvers.map((r) => `${r.address}:${r.port}`).join(','),
      CERTSTATUS_AUTH_PORT: String(world.authPort),
      CERTSTATUS_PROVIDERS_FILE: providers,
      CERTSTATUS_DNS_TIMEOUT_MS: '5000',
    });
    config.port = 0;
    store = await openStore({ memory: true, now: () => time });
    running = await startCertstatus(config, { logger: silentLogger, store, host: '127.0.0.1', digestClock: { now: () => time, tickMs: 3_600_000 } });
  });
  afterAll(async () => {
    await running.close();
    await slack.stop();
    await ccm.stop();
    await world.stop();
  });

  const digests = () => slack.posts().filter((p) => p.channel === 'C9DIGEST' && !p.thread_ts);

  it('is posted once at its time of day, not again that day, and not the next day when nothing changed', async () => {
    expect(running.digest).toBeDefined();
    expect(await running.digest!.tick()).toEqual({ kind: 'not-yet' });
    expect(digests()).toHaveLength(0);

    time = Date.UTC(2026, 10, 27, 8, 45); // 09:45 in Berlin
    expect(await running.digest!.tick()).toEqual({ kind: 'posted', day: '2026-11-27', lines: 4 });
    expect(digests()).toHaveLength(1);
    const text = blockText(digests()[0]!);
    expect(text).toContain('Certificates waiting on domain verification: 4 names on 2 certificates');
    expect(text).toMatch(/api\.shop\.test\*: scs1000000000001 shop-multi: Stuck \(record-missing\)/);
    // Only the stuck line a watch can wait out offers it.
    expect(buttonsOf(digests()[0]!).filter((b) => b.text === NOTIFY)).toHaveLength(1);
    expect(ccm.requests.every((r) => r.signatureValid)).toBe(true);

    expect(await running.digest!.tick()).toEqual({ kind: 'done-today' });
    time = Date.UTC(2026, 10, 28, 8, 45);
    expect(await running.digest!.tick()).toEqual({ kind: 'nothing-changed', day: '2026-11-28' });
    expect(digests()).toHaveLength(1);
  }, 20_000);

  it('a stuck line\'s "Notify me when it takes effect" starts a watch, confirmed in the digest\'s thread', async () => {
    const digest = digests()[0]!;
    const responseUrl = slack.responseUrl();
    const body = clickBody(digest, button(digest, NOTIFY), 'UBOB', responseUrl);
    const response = await fetch(`${running.url}/slack/events`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...signedHeaders(SECRET, body) }, body });
    expect(response.status).toBe(200);
    await slack.waitFor(() => slack.posts().some((p) => p.thread_ts === digest.ts && p.text.includes('OK, I am watching api.shop.test')), 'the watch confirmation');
  }, 20_000);
});
