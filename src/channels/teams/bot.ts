/**
 * The Teams bot: CloudAdapter + turn logic + the POST /api/messages route. `certstatus serve` builds one
 * with createTeamsBot and mounts `bot.route` on the shared HTTP server. A turn is translated for the
 * channel kit (inbound.ts); the kit answers through the Teams platform adapter (platform.ts).
 */
import type { CheckQueue } from '../../checks/pool';
import { ActivityTypes, TurnContext, type CloudAdapter } from 'botbuilder';
import type { ConversationHandler } from '../../conversation/types';
import type { HttpRoute } from '../../core/http-route';
import type { StateStore } from '../../store/types';
import type { WatchNotifier } from '../../watch/types';
import type { CertificateLookups } from '../kit/certificates';
import type { InFlight } from '../kit/in-flight';
import { ChannelKit } from '../kit/kit';
import { silentLogger } from '../../core/logger';
import { createTeamsAdapter, type TeamsAdapterOptions, type TeamsCredentials } from './adapter';
import { conversationKey, pinToReplyChain } from './conversation-key';
import { dispatchMessage } from './inbound';
import { TurnDelivery, settledWithin } from './patience';
import { teamsPlatform } from './platform';
import { ConversationReferences } from './references';
import type { RetryOptions } from './retry';
import { createTeamsRoute } from './route';

export interface TeamsBotOptions extends TeamsCredentials, TeamsAdapterOptions {
  conversations: ConversationHandler;
  store: StateStore;
  /**
   * How long a request may wait for its answer before the bot returns the HTTP response and posts the rest
   * proactively. The Bot Framework gives up (and retries) after about 15 s; default 5 s.
   */
  patienceMs?: number;
  retry?: RetryOptions;
  /** How long posted questions are remembered (the kit's default: seven days). */
  cardLifetimeMs?: number;
  /** The conversation service's idle expiry (default 24 hours). */
  idleExpiryMs?: number;
  /** The server's tracker of work in flight (the kit makes its own otherwise). */
  inFlight?: InFlight;
  /** The server's check pool: the "checking" note says how many checks are ahead. */
  checkQueue?: CheckQueue;
  /** Certificate look-ups (`cert:ID`, values for typed domains), with their allowlist. */
  certificates?: CertificateLookups;
  path?: string;
}

export interface TeamsBot {
  adapter: CloudAdapter;
  route: HttpRoute;
  onTurn(context: TurnContext): Promise<void>;
  /** Resolves when every answer still being worked on after its request returned has been posted. */
  idle(): Promise<void>;
  /** Posts a watch's notice into a Teams conversation the bot has talked in (for the watch scheduler). */
  watchNotifier: WatchNotifier;
  /** Posts what a dead process left in a Teams conversation (the recovery sweep). */
  recover(key: string): Promise<void>;
}

/** The tenant and team of an activity (channelData as Teams sends it; the conversation's tenant otherwise). */
function scopeOf(activity: TurnContext['activity']): { tenant?: string; team?: string } {
  const data = (activity.channelData ?? {}) as { tenant?: { id?: unknown }; team?: { id?: unknown } };
  const tenant = typeof data.tenant?.id === 'string' ? data.tenant.id : activity.conversation?.tenantId;
  const team = typeof data.team?.id === 'string' ? data.team.id : undefined;
  return { ...(tenant ? { tenant } : {}), ...(team ? { team } : {}) };
}

const SORRY = 'Sorry, something went wrong on my side. Please try again.';

export function createTeamsBot(options: TeamsBotOptions): TeamsBot {
  const adapter = createTeamsAdapter(options, options);
  const logger = options.logger ?? silentLogger;
  const patienceMs = options.patienceMs ?? 5000;
  const appId = options.appId ?? '';
  const retry: RetryOptions = {
    onRetry: (info) => logger.warn(info, 'teams: connector answered a transient error; retrying'),
    ...options.retry,
  };
  const references = new ConversationReferences(options.store);
  const kit = new ChannelKit({
    adapter: teamsPlatform({ adapter, appId, references, retry, logger }),
    conversations: options.conversations,
    store: options.store,
    logger,
    ...(options.idleExpiryMs ? { idleExpiryMs: options.idleExpiryMs } : {}),
    ...(options.cardLifetimeMs ? { cardLifetimeMs: options.cardLifetimeMs } : {}),
    ...(options.inFlight ? { inFlight: options.inFlight } : {}),
    ...(options.checkQueue ? { checkQueue: options.checkQueue } : {}),
    ...(options.certificates ? { certificates: options.certificates } : {}),
  });

  async function onTurn(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.ConversationUpdate) return welcome(context);
    if (activity.type !== ActivityTypes.Message) return;

    pinToReplyChain(activity);
    const key = conversationKey(activity);
    // Every line about this turn names its conversation.
    const log = logger.child({ channel: 'teams', conversation: key });
    const deliveryId = activity.id ? `${activity.conversation?.id ?? ''}:${activity.id}` : undefined;
    if (deliveryId && !(await kit.firstDelivery(deliveryId))) {
      log.info({ activityId: activity.id }, 'teams: retried activity ignored (answered, or being answered by a live replica)');
      return;
    }
    const reference = TurnContext.getConversationReference(activity);
    // Saved for posting later (a watch's notice), from any replica, after any restart.
    await references.save(key, reference);
    // The channel itself (not this reply chain), for posts that start a new thread there: the daily digest.
    const channelId = (activity.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
    if (activity.conversation?.conversationType === 'channel' && typeof channelId === 'string' && reference.conversation) {
      await references.save(`teams:${channelId}`, { ...reference, conversation: { ...reference.conversation, id: channelId } });
    }
    const delivery = new TurnDelivery(context, adapter, appId, reference);
    const work = kit.track(kit.asDelivery(deliveryId, () => dispatchMessage(kit, { key, delivery, ...scopeOf(activity) }, activity)));
    const finished = await settledWithin(work, patienceMs);
    await delivery.leaveTurn();
    if (finished) return work;
    log.info({ activityId: activity.id }, 'teams: answer takes longer than the request; it will be posted proactively');
    void work.catch(async (error: unknown) => {
      log.error({ err: error, activityId: activity.id }, 'teams: proactive answer failed');
      await delivery.send((ctx) => ctx.sendActivity(SORRY)).catch(() => undefined);
    });
  }

  /** When the bot is added to a chat or team, it says what it does (once, not for every member joining). */
  async function welcome(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    if (!context.activity.membersAdded?.some((member) => member.id === botId)) return;
    await context.sendActivity(kit.usage);
  }

  return {
    adapter,
    // Without an app id nothing is authenticated (the Bot Framework Emulator): answer only this machine.
    route: createTeamsRoute({ adapter, logic: onTurn, path: options.path, logger: options.logger, loopbackServiceUrlsOnly: !options.appId }),
    onTurn,
    idle: () => kit.inFlight.idle(),
    watchNotifier: kit.notifier(),
    recover: (key) => kit.recover(key),
  };
}
