/**
 * Certificate look-ups on the web check page, over HTTP: the real server against the fake CCM (signatures
 * checked, real SCM client) and live DNS from the test world, look-ups in a real SQLite event log. The page
 * may look certificates up only with CERTSTATUS_CCM_ALLOW_WEB and behind CERTSTATUS_WEB_TOKEN; otherwise the
 * certificate id gets one sentence why, and nothing is read from the account.
 */
import { createDnsCheckRunner } from '../../../src/checks/dns-runner';
import { loadCcmConfig } from '../../../src/config/ccm';
import { webConfig } from '../../../src/config/web';
import { silentLogger } from '../../../src/core/logger';
import { SqliteEventLog } from '../../../src/ops/event-log-sqlite';
import { startCertstatus, type RunningCertstatus } from '../../../src/server/compose';
import { EXPECTED, NOW, PROVIDERS } from '../../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../../support/dns-world/world';
import { API_VALUE, CERTIFICATES, WWW_VALUE, certificateWorld } from '../../support/fake-ccm/certificates';
import { startFakeCcm, type FakeCcm } from '../../support/fake-ccm/server';

const TOKEN = 'web-token-0123456789abcdef';
const CARD_TITLE = 'Certificate scs1000000000001 (shop-multi), CHECKING: 3 names';

describe('certificate look-ups on the web page', () => {
  let world: RunningWorld;
  let fake: FakeCcm;
  let events: SqliteEventLog;
  let running: RunningCertstatus | undefined;

  beforeAll(async () => {
    world = await startWorld(certificateWorld());
    fake = await startFakeCcm({ certificates: CERTIFICATES });
  });
  afterAll(async () => {
    await fake.stop();
    await world.stop();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  // A fresh event log each time: the server closes its log when it stops.
  async function start(env: Record<string, string>): Promise<RunningCertstatus> {
    events = new SqliteEventLog({ path: ':memory:' });
    const ccm = loadCcmConfig({ HUAWEICLOUD_SDK_AK: fake.ak, HUAWEICLOUD_SDK_SK: fake.sk, CERTSTATUS_CCM_ENDPOINT: fake.url, CERTSTATUS_CCM_TIMEOUT_MS: '1000', ...env });
    const runCheck = createDnsCheckRunner({ resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 1000, timeoutMs: 5000 });
    return startCertstatus({ port: 0, dns: {}, storeTimeoutMs: 2000, web: webConfig(env), ccm }, { logger: silentLogger, events, runCheck, host: '127.0.0.1' });
  }

  async function check(form: Record<string, string>, token?: string): Promise<{ status: number; html: string }> {
    const response = await fetch(`${running!.url}/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: new URLSearchParams(form).toString(),
    });
    return { status: response.status, html: await response.text() };
  }

  const lookups = async () => (await events.query({ since: 0, until: Date.now() + 1000 })).filter((e) => e.kind === 'certificate-lookup');

  it('allowed behind the token: the id field and cert:ID give one card, each name against its own record', async () => {
    running = await start({ CERTSTATUS_WEB_TOKEN: TOKEN, CERTSTATUS_CCM_ALLOW_WEB: 'true' });
        const forms: Record<string, string>[] = [{ names: '', certificate: 'scs1000000000001' }, { names: 'cert:scs1000000000001' }];
    for (const form of forms) {
      const { status, html } = await check(form, TOKEN);
      expect(status).toBe(200);
      expect(html).toContain(CARD_TITLE);
      for (const name of ['shop.test', 'www.shop.test', 'api.shop.test']) expect(html).toContain(name);
      expect(html).toContain('2 of 3 names are right; 1 needs a fix.');
      // Each row's Details form carries that name's own value from the service.
      for (const value of [EXPECTED, WWW_VALUE, API_VALUE]) expect(html).toContain(`value="${value}"`);
      expect(html).toMatch(/class="permalink" href="\/result\?id=/);
    }
    expect(fake.requests.length).toBeGreaterThan(0);
    const logged = (await lookups());
    expect(logged.map((e) => [e.who, e.certificate, e.outcome])).toEqual([
      ['web:token', 'scs1000000000001', 'found'],
      ['web:token', 'scs1000000000001', 'found'],
    ]);
    // An id the service does not know: its one line, no card.
    const unknown = await check({ certificate: 'scs9999999999999' }, TOKEN);
    expect(unknown.status).toBe(200);
    expect(unknown.html).not.toContain('names are right');
    // Names and an id at once: one is asked for.
    const both = await check({ names: 'shop.test', certificate: 'scs1000000000001' }, TOKEN);
    expect(both.status).toBe(400);
    expect(both.html).toContain('Give either domain names or a certificate id, not both');
  });

  it('an open page (no token) is refused with one sentence, even with CERTSTATUS_CCM_ALLOW_WEB, and reads nothing', async () => {
    running = await start({ CERTSTATUS_CCM_ALLOW_WEB: 'true' });
        const { status, html } = await check({ names: 'cert:scs1000000000001' });
    expect(status).toBe(200);
    expect(html).toContain('This web page is open to anyone (no CERTSTATUS_WEB_TOKEN), so it may not look certificates up, so I checked DNS only and read nothing from the certificate account.');
    expect(html).not.toContain(CARD_TITLE);
    for (const value of [WWW_VALUE, API_VALUE]) expect(html).not.toContain(value);
    expect(fake.requests).toHaveLength(0);
    expect((await lookups()).map((e) => [e.who, e.outcome])).toEqual([['web:open', 'refused']]);
    // A plain domain check on the open page: no look-up, and no word about it.
    const plain = await check({ names: 'shop.test' });
    expect(plain.status).toBe(200);
    expect(plain.html).not.toContain('certificate account');
    expect(plain.html).not.toContain(WWW_VALUE);
    expect(fake.requests).toHaveLength(0);
  });

  it('behind the token but without CERTSTATUS_CCM_ALLOW_WEB: refused, nothing read', async () => {
    running = await start({ CERTSTATUS_WEB_TOKEN: TOKEN });
    const { status, html } = await check({ certificate: 'scs1000000000001' }, TOKEN);
    expect(status).toBe(200);
    expect(html).toContain('This web page may not look certificates up (CERTSTATUS_CCM_ALLOW_WEB is off)');
    expect(html).not.toContain(CARD_TITLE);
    expect(fake.requests).toHaveLength(0);
  });
});
