/**
 * Checks the bot token with auth.test before serving, so a missing or rejected token is one clear line at
 * start rather than an unhandled rejection on the first event. Uses its own client without retries: a
 * wrong URL or a revoked token should fail in seconds, not after the WebClient's 30 minutes of retries.
 */
import { webApi } from '@slack/bolt';
import { CertstatusError, ErrorCode } from '../../core/errors';

export interface BotIdentity {
  botUserId: string;
  botId?: string;
  teamId?: string;
}

const REJECTED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission']);

export async function verifyBotToken(token: string, slackApiUrl: string | undefined, timeoutMs = 10_000): Promise<BotIdentity> {
  const client = new webApi.WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: timeoutMs,
    logLevel: webApi.LogLevel.ERROR,
  });
  try {
    const result = await client.auth.test();
    return { botUserId: String(result.user_id), botId: result.bot_id, teamId: result.team_id };
  } catch (error) {
    throw explain(error, slackApiUrl);
  }
}

function explain(error: unknown, slackApiUrl: string | undefined): CertstatusError {
  const platform = error as { code?: string; data?: { error?: string } };
  if (platform.code === webApi.ErrorCode.PlatformError && platform.data?.error) {
    const code = platform.data.error;
    const hint = REJECTED.has(code) ? 'check SLACK_BOT_TOKEN (Slack app > OAuth & Permissions > Bot User OAuth Token)' : 'check the Slack app configuration';
    return new CertstatusError(ErrorCode.Config, `Slack rejected SLACK_BOT_TOKEN (${code}): ${hint}.`);
  }
  const where = slackApiUrl ?? 'https://slack.com/api/';
  const why = error instanceof Error ? error.message.replace(/\s+/g, ' ') : String(error);
  return new CertstatusError(ErrorCode.Config, `Could not reach the Slack API at ${where} to check SLACK_BOT_TOKEN: ${why}`);
}
