/** Certificate look-up settings from the environment: defaults, one-line errors, credentials that never print. */
import { inspect } from 'node:util';
import { DEFAULT_CCM_ENDPOINT, loadCcmConfig, loadDigestConfig } from '../../src/config/ccm';

describe('loadCcmConfig', () => {
  it('defaults: the public SCM endpoint, no credentials (look-ups off), empty allowlists', () => {
    const config = loadCcmConfig({});
    expect(config).toEqual({
      endpoint: DEFAULT_CCM_ENDPOINT,
      credentials: undefined,
      timeoutMs: 10_000,
      maxRetryWaitMs: 20_000,
      concurrency: 4,
      allow: { slackWorkspaces: [], slackChannels: [], teamsTenants: [], teamsTeams: [] },
    });
    expect(DEFAULT_CCM_ENDPOINT).toBe('https://scm.ap-southeast-1.myhuaweicloud.com');
  });

  it('reads every variable', () => {
    const config = loadCcmConfig({
      HUAWEICLOUD_SDK_AK: 'AKEXAMPLE',
      HUAWEICLOUD_SDK_SK: 'SKEXAMPLESECRET',
      CERTSTATUS_CCM_ENDPOINT: 'http://127.0.0.1:8443/',
      CERTSTATUS_CCM_TIMEOUT_MS: '500',
      CERTSTATUS_CCM_RETRY_WAIT_MS: '0',
      CERTSTATUS_CCM_CONCURRENCY: '2',
      CERTSTATUS_CCM_ALLOW_SLACK_WORKSPACES: 'T1, T2',
      CERTSTATUS_CCM_ALLOW_SLACK_CHANNELS: 'C1',
      CERTSTATUS_CCM_ALLOW_TEAMS_TENANTS: 'tenant-a',
      CERTSTATUS_CCM_ALLOW_TEAMS_TEAMS: '19:x@thread.tacv2,',
    });
    expect(config.endpoint).toBe('http://127.0.0.1:8443');
    expect(config.credentials?.ak).toBe('AKEXAMPLE');
    expect(config.credentials?.sk).toBe('SKEXAMPLESECRET');
    expect([config.timeoutMs, config.maxRetryWaitMs, config.concurrency]).toEqual([500, 0, 2]);
    expect(config.allow).toEqual({ slackWorkspaces: ['T1', 'T2'], slackChannels: ['C1'], teamsTenants: ['tenant-a'], teamsTeams: ['19:x@thread.tacv2'] });
  });

  it('the credentials never print: JSON, util.inspect, string interpolation of the config', () => {
    const config = loadCcmConfig({ HUAWEICLOUD_SDK_AK: 'AKEXAMPLE', HUAWEICLOUD_SDK_SK: 'SKEXAMPLESECRET' });
    for (const printed of [JSON.stringify(config), inspect(config, { depth: 5 }), `${JSON.stringify({ config })}`]) {
      expect(printed).not.toContain('SKEXAMPLESECRET');
      expect(printed).not.toContain('AKEXAMPLE');
    }
  });

  it.each([
    [{ HUAWEICLOUD_SDK_AK: 'AK' }, 'HUAWEICLOUD_SDK_SK is required when HUAWEICLOUD_SDK_AK is set.'],
    [{ HUAWEICLOUD_SDK_SK: 'SK' }, 'HUAWEICLOUD_SDK_AK is required when HUAWEICLOUD_SDK_SK is set.'],
    [{ CERTSTATUS_CCM_ENDPOINT: 'ftp://x' }, 'CERTSTATUS_CCM_ENDPOINT must be an http:// or https:// URL, got "ftp://x".'],
    [{ CERTSTATUS_CCM_TIMEOUT_MS: '10' }, 'CERTSTATUS_CCM_TIMEOUT_MS must be between 100 and 120000, got 10.'],
    [{ CERTSTATUS_CCM_CONCURRENCY: 'many' }, 'CERTSTATUS_CCM_CONCURRENCY must be a whole number, got "many".'],
  ])('one-line error for %j', (env, message) => {
    expect(() => loadCcmConfig(env)).toThrow(message);
  });

  it('a secret key in an error message? never: only names', () => {
    expect(() => loadCcmConfig({ HUAWEICLOUD_SDK_SK: 'SKEXAMPLESECRET' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('SKEXAMPLESECRET') }));
  });
});

describe('loadDigestConfig', () => {
  it('is off without a channel; reads Slack and Teams channels, the time of day and the time zone', () => {
    expect(loadDigestConfig({})).toBeUndefined();
    expect(loadDigestConfig({ CERTSTATUS_DIGEST_CHANNEL: 'slack:C0123ABCD' })).toEqual({ channel: 'slack:digest:C0123ABCD', at: '09:00', timeZone: 'UTC' });
    expect(loadDigestConfig({ CERTSTATUS_DIGEST_CHANNEL: 'slack:T1:C2', CERTSTATUS_DIGEST_TIME: '07:45', CERTSTATUS_DIGEST_TIMEZONE: 'Asia/Shanghai' })).toEqual({ channel: 'slack:T1:C2', at: '07:45', timeZone: 'Asia/Shanghai' });
    expect(loadDigestConfig({ CERTSTATUS_DIGEST_CHANNEL: 'teams:19:abc@thread.tacv2' })?.channel).toBe('teams:19:abc@thread.tacv2');
  });

  it('one line naming the variable for a bad channel, time or time zone', () => {
    expect(() => loadDigestConfig({ CERTSTATUS_DIGEST_CHANNEL: '#support' })).toThrow(/CERTSTATUS_DIGEST_CHANNEL must be slack:CHANNEL-ID/);
    expect(() => loadDigestConfig({ CERTSTATUS_DIGEST_CHANNEL: 'slack:C1', CERTSTATUS_DIGEST_TIME: '9am' })).toThrow(/CERTSTATUS_DIGEST_TIME must be a local time of day as HH:MM/);
    expect(() => loadDigestConfig({ CERTSTATUS_DIGEST_CHANNEL: 'slack:C1', CERTSTATUS_DIGEST_TIME: '24:00' })).toThrow(/CERTSTATUS_DIGEST_TIME/);
    expect(() => loadDigestConfig({ CERTSTATUS_DIGEST_CHANNEL: 'slack:C1', CERTSTATUS_DIGEST_TIMEZONE: 'Mars/Olympus' })).toThrow(/CERTSTATUS_DIGEST_TIMEZONE must be an IANA time zone/);
  });
});
