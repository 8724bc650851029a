/**
 * botbuilder's CloudAdapter, configured from the standard Bot Framework variables. Without an app id it
 * runs unauthenticated (the Bot Framework Emulator); with one, every request must carry a valid token.
 */
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { silentLogger, type Logger } from '../../core/logger';
import { withConsoleErrorsTo } from './sdk-console';

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
  OAuthUrl?: string;
}

/**
 * botbuilder takes either no endpoint at all (public cloud) or every one of them; overriding one (say the
 * OpenID metadata) keeps the public cloud's values for the rest.
 */
const PUBLIC_CLOUD: Required<TeamsEndpoints> & { CallerId: string } = {
  ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  OAuthUrl: AuthenticationConstants.OAuthUrl,
  CallerId: CallerIdConstants.PublicAzureChannel,
};

/** jsonwebtoken's errors for a bad signature, a malformed or not-yet-valid token. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder lets jsonwebtoken's errors (a forged signature, a malformed token) escape as plain errors,
 * which CloudAdapter answers with 500; they are authentication failures and must be refused with 401.
 * What the validation prints on the console while refusing goes to the log at debug level instead.
 */
class RefusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  logger: Logger = silentLogger;

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      const toLog = (sdkMessage: string) => this.logger.debug({ channel: 'teams', sdkMessage }, 'teams: token validation said');
      return await withConsoleErrorsTo(toLog, () => super.authenticateRequest(activity, authHeader));
    } catch (error) {
      if (error instanceof Error && TOKEN_ERRORS.has(error.name)) throw new AuthenticationError(`Unauthorized. ${error.message}`, 401);
      throw error;
    }
  }
}

/**
 * CloudAdapter.process answers errors itself and prints each one (a refused token included) to the console
 * with its stack. The route does process's few steps itself so it can answer and log them as JSON lines;
 * this subclass only makes the protected step it needs callable.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  /** Authenticates the request's token and runs `logic` for the activity (CloudAdapterBase.processActivity). */
  processInbound(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export interface TeamsAdapterOptions {
  endpoints?: TeamsEndpoints;
  /** Replaces the password-based outbound credentials (certificates, managed identity, tests). */
  credentialsFactory?: ServiceClientCredentialsFactory;
  logger?: Logger;
}

export function createTeamsAdapter(credentials: TeamsCredentials, options: TeamsAdapterOptions = {}): TeamsCloudAdapter {
  const { endpoints = {}, logger } = options;
  const config: Record<string, string> = {};
  if (credentials.appId) config.MicrosoftAppId = credentials.appId;
  if (credentials.appPassword) config.MicrosoftAppPassword = credentials.appPassword;
  if (credentials.appType) config.MicrosoftAppType = credentials.appType;
  if (credentials.tenantId) config.MicrosoftAppTenantId = credentials.tenantId;
  const overridden = Object.entries(endpoints).filter(([, value]) => value);
  if (overridden.length) Object.assign(config, PUBLIC_CLOUD, Object.fromEntries(overridden));

  const authentication = new RefusingAuthentication(config, options.credentialsFactory);
  if (logger) authentication.logger = logger;
  const adapter = new TeamsCloudAdapter(authentication);
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
