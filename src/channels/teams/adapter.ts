/**
 * botbuilder's CloudAdapter, configured from the standard Bot Framework variables. Without an app id it
 * runs unauthenticated (the Bot Framework Emulator); with one, every request must carry a valid token.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from '../../core/logger';

export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/** Same shape as the serve configuration's TeamsConfig, so it can be passed straight through. */
export interface TeamsCredentials {
  appId?: string;
  appPassword?: string;
  appType?: TeamsAppType;
  tenantId?: string;
}

/**
 * Bot Framework endpoints, for sovereign clouds and for tests (which point the OpenID metadata at a
 * loopback server so token validation never leaves the machine). Names as in botbuilder's configuration.
 */
export interface TeamsEndpoints {
  ToBotFromChannelOpenIdMetadataUrl?: string;
  ToBotFromEmulatorOpenIdMetadataUrl?: string;
  ToBotFromChannelTokenIssuer?: string;
  ToChannelFromBotLoginUrl?: string;
  ToChannelFromBotOAuthScope?: string;
  ChannelService?: string;
}

export function createTeamsAdapter(credentials: TeamsCredentials, endpoints: TeamsEndpoints = {}, logger?: Logger): CloudAdapter {
  const config: Record<string, string> = {};
  if (credentials.appId) config.MicrosoftAppId = credentials.appId;
  if (credentials.appPassword) config.MicrosoftAppPassword = credentials.appPassword;
  if (credentials.appType) config.MicrosoftAppType = credentials.appType;
  if (credentials.tenantId) config.MicrosoftAppTenantId = credentials.tenantId;
  for (const [name, value] of Object.entries(endpoints)) if (value) config[name] = value;

  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(config));
  adapter.onTurnError = async (context, error) => {
    // Never show a stack to a user; the log has the detail.
    logger?.error({ err: error, activityId: context.activity?.id }, 'teams turn failed');
    try {
      await context.sendActivity('Sorry, something went wrong on my side. Please try again.');
    } catch {
      // The connector itself failing is already logged above; nothing more to tell the user.
    }
  };
  return adapter;
}
