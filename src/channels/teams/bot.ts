/**
 * The Teams bot: CloudAdapter + turn logic + the POST /api/messages route. `certstatus serve` builds one
 * with createTeamsBot and mounts `bot.route` on the shared HTTP server.
 */
import { ActivityTypes, TurnContext, type CloudAdapter } from 'botbuilder';
import type { ConversationHandler } from '../../conversation/types';
import type { HttpRoute } from '../../server/types';
import type { StateStore } from '../../store/types';
import { createTeamsAdapter, type TeamsAdapterOptions, type TeamsCredentials } from './adapter';
import { QuestionCardMemory } from './card-memory';
import { activityClaimKey, conversationKey, pinToReplyChain } from './conversation-key';
import { BackgroundWork, TurnDelivery, settledWithin } from './patience';
import { parseRequest } from './request';
import { ConversationReferences } from './references';
import { TEAMS_HELP, runTeamsRequest } from './requests';
import type { RetryOptions } from './retry';
import { createTeamsRoute } from './route';
import { sendReplies } from './sender';
import { createTeamsWatchNotifier } from './watch-notifier';
import type { WatchNotifier } from '../../watch/types';

export interface TeamsBotOptions extends TeamsCredentials, TeamsAdapterOptions {
  conversations: ConversationHandler;
  store: StateStore;
  /**
   * How long a request may wait for its answer before the bot returns the HTTP response and posts the rest
   * proactively. The Bot Framework gives up (and retries) after about 15 s; default 5 s.
   */
  patienceMs?: number;
  retry?: RetryOptions;
  /** How long a handled activity id is remembered to drop retried deliveries; default 1 hour. */
  dedupeTtlMs?: number;
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
}

export function createTeamsBot(options: TeamsBotOptions): TeamsBot {
  const adapter = createTeamsAdapter(options, options);
  const memory = new QuestionCardMemory(options.store);
  const background = new BackgroundWork();
  const patienceMs = options.patienceMs ?? 5000;
  const dedupeTtlMs = options.dedupeTtlMs ?? 60 * 60 * 1000;
  const appId = options.appId ?? '';
  const retry: RetryOptions = {
    onRetry: (info) => options.logger?.warn(info, 'teams: connector answered a transient error; retrying'),
    ...options.retry,
  };
  const senderDeps = { memory, retry, logger: options.logger };
  const references = new ConversationReferences(options.store);

  async function onTurn(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.ConversationUpdate) return welcome(context);
    if (activity.type !== ActivityTypes.Message) return;

    pinToReplyChain(activity);
    const key = conversationKey(activity);
    // Every line about this turn names its conversation.
    const log = options.logger?.child({ channel: 'teams', conversation: key });
    const claimKey = activityClaimKey(activity);
    if (claimKey && !(await options.store.claim(claimKey, dedupeTtlMs))) {
      log?.info({ activityId: activity.id }, 'teams: retried activity ignored (already handled)');
      return;
    }
    const reference = TurnContext.getConversationReference(activity);
    // Saved for posting later (a watch's notice), from any replica, after any restart.
    await references.save(key, reference);
    const delivery = new TurnDelivery(context, adapter, appId, reference);
    const work = runTeamsRequest(parseRequest(activity), key, options.conversations, (replies, cardContext) =>
      delivery.send((ctx) => sendReplies(ctx, key, replies, senderDeps, cardContext)),
    );
    const finished = await settledWithin(work, patienceMs);
    await delivery.leaveTurn();
    if (finished) return work;
    log?.info({ activityId: activity.id }, 'teams: answer takes longer than the request; it will be posted proactively');
    background.track(
      work.catch(async (error: unknown) => {
        log?.error({ err: error, activityId: activity.id }, 'teams: proactive answer failed');
        await delivery.send((ctx) => ctx.sendActivity('Sorry, something went wrong on my side. Please try again.').then(() => undefined)).catch(() => undefined);
      }),
    );
  }

  /** When the bot is added to a chat or team, it says what it does (once, not for every member joining). */
  async function welcome(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    if (!context.activity.membersAdded?.some((member) => member.id === botId)) return;
    await context.sendActivity(TEAMS_HELP);
  }

  return {
    adapter,
    route: createTeamsRoute({ adapter, logic: onTurn, path: options.path, logger: options.logger }),
    onTurn,
    idle: () => background.idle(),
    watchNotifier: createTeamsWatchNotifier({ adapter, appId, references, sender: senderDeps }),
  };
}
