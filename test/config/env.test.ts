import { CertstatusError, ErrorCode } from '../../src/core/errors';
import { describeChannels, loadConfig } from '../../src/config/env';

function configErrorOf(env: Record<string, string>): CertstatusError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(CertstatusError);
    expect((error as CertstatusError).code).toBe(ErrorCode.Config);
    return error as CertstatusError;
  }
  throw new Error('expected a configuration error');
}

describe('loadConfig', () => {
  it('defaults to port 3000 with no chat platform enabled, only the web page', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, slack: undefined, teams: undefined, flowId: undefined, web: { enabled: true } });
    expect(describeChannels(config)).toBe('channels enabled: web page (/)');
    expect(describeChannels(loadConfig({ CERTSTATUS_WEB: 'off' }))).toContain('none');
  });

  it('reads Slack in HTTP mode and normalises the API URL to end with a slash', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1-abc',
      SLACK_SIGNING_SECRET: 's3cret',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      PORT: '0',
    });
    expect(config.port).toBe(0);
    expect(config.slack).toEqual({ botToken: 'xoxb-1-abc', signingSecret: 's3cret', appToken: undefined, apiUrl: 'http://127.0.0.1:9/api/' });
    expect(describeChannels(config)).toBe('channels enabled: Slack (HTTP /slack/events), web page (/)');
    expect(describeChannels({ ...config, web: undefined })).toBe('channels enabled: Slack (HTTP /slack/events)');
  });

  it('uses Socket Mode when an app token is set, without a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(config.slack?.appToken).toBe('xapp-1');
    expect(describeChannels(config)).toContain('Socket Mode');
  });

  it('reads the DNS settings', () => {
    const config = loadConfig({
      CERTSTATUS_RESOLVERS: '127.0.0.1:5353, 10.0.0.2,[::1]:5300,::1',
      CERTSTATUS_PROVIDERS_FILE: './providers.yaml',
      CERTSTATUS_CA: 'digicert',
      CERTSTATUS_DNS_TIMEOUT_MS: '2500',
      CERTSTATUS_AUTH_PORT: '5354',
      CERTSTATUS_CHECK_CONCURRENCY: '16',
      CERTSTATUS_FLOW: 'pending-domain-verification',
    });
    expect(config.dns).toEqual({
      resolvers: [
        { address: '127.0.0.1', port: 5353 },
        { address: '10.0.0.2', port: 53 },
        { address: '::1', port: 5300 },
        { address: '::1', port: 53 },
      ],
      providersFile: './providers.yaml',
      ca: 'digicert',
      timeoutMs: 2500,
      authPort: 5354,
      checkConcurrency: 16,
    });
    expect(config.flowId).toBe('pending-domain-verification');
  });

  it('reads Teams settings and requires what each app type needs', () => {
    // SingleTenant is the default (Azure creates no multi-tenant bots since 2025-07-31), so the tenant is needed.
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: 't' }).teams).toEqual({
      appId: 'id', appPassword: 'pw', appType: 'SingleTenant', tenantId: 't',
    });
    expect(configErrorOf({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' }).message).toBe(
      'MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant (the default; set MicrosoftAppType=MultiTenant only for a bot registered as multi-tenant before 2025-07-31): the Directory (tenant) ID of the app registration.',
    );
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'MultiTenant' }).teams).toEqual({
      appId: 'id', appPassword: 'pw', appType: 'MultiTenant', tenantId: undefined,
    });
    expect(configErrorOf({ MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI' }).message).toMatch(/^MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMSI: /);
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }).teams).toEqual({
      appId: 'id', appPassword: undefined, appType: 'UserAssignedMSI', tenantId: 't',
    });
    expect(loadConfig({ CERTSTATUS_TEAMS_EMULATOR: 'true' }).teams).toEqual({ appType: 'MultiTenant' });
    expect(configErrorOf({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' }).message)
      .toMatch(/^MicrosoftAppTenantId /);
    expect(configErrorOf({ MicrosoftAppId: 'id', MicrosoftAppTenantId: 't' }).message).toMatch(/^MicrosoftAppPassword /);
    expect(configErrorOf({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', MicrosoftAppType: 'Personal' }).message)
      .toMatch(/^MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI/);
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT must be a whole number/],
    [{ PORT: '70000' }, /^PORT must be between 0 and 65535/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_SIGNING_SECRET is required/],
    [{ SLACK_SIGNING_SECRET: 'x' }, /^SLACK_BOT_TOKEN is required/],
    [{ SLACK_BOT_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 'x' }, /^SLACK_BOT_TOKEN must start with "xoxb-"/],
    [{ SLACK_API_URL: 'slack api' }, /^SLACK_API_URL must be a URL/],
    [{ SLACK_API_URL: 'ftp://x/' }, /^SLACK_API_URL must be an http/],
    [{ CERTSTATUS_RESOLVERS: 'dns.example.com' }, /^CERTSTATUS_RESOLVERS must list IP addresses/],
    [{ CERTSTATUS_RESOLVERS: '127.0.0.1:99999' }, /^CERTSTATUS_RESOLVERS has a bad port/],
    [{ CERTSTATUS_DNS_TIMEOUT_MS: '5' }, /^CERTSTATUS_DNS_TIMEOUT_MS must be between/],
    [{ CERTSTATUS_CHECK_CONCURRENCY: '0' }, /^CERTSTATUS_CHECK_CONCURRENCY must be between/],
    [{ CERTSTATUS_TEAMS_EMULATOR: 'maybe' }, /^CERTSTATUS_TEAMS_EMULATOR must be true or false/],
  ])('refuses %p with a one-line message naming the variable', (env, message) => {
    const error = configErrorOf(env as Record<string, string>);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('never repeats a secret in its messages', () => {
    const error = configErrorOf({ SLACK_BOT_TOKEN: 'xoxp-very-secret-user-token', SLACK_SIGNING_SECRET: 'x' });
    expect(error.message).not.toContain('very-secret');
  });
});
