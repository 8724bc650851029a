/**
 * Teams as a channel-kit platform: a place is a conversation (a chat or a channel's reply chain) with the
 * means to post into it, inside the request's turn or proactively through its saved ConversationReference.
 * Replies are Adaptive Cards or plain messages; an answered question's card is updated in place. Teams has
 * no ephemeral messages and the bot opens no direct messages. Every connector call goes through the
 * transient-error retry.
 */
import type { Activity, CloudAdapter } from 'botbuilder';
import { silentLogger, type Logger } from '../../core/logger';
import type { AnsweredReply, Participant } from '../../engine/replies';
import type { PlatformAdapter, ShownReply } from '../kit/adapter';
import type { PostedQuestion } from '../kit/card-memory';
import type { CardTarget } from '../kit/payload';
import { answeredCard } from './cards/question-card';
import { renderPlain, renderReply } from './cards/render';
import { TurnDelivery } from './patience';
import type { ConversationReferences } from './references';
import { connectorStatus, withConnectorRetry, type RetryOptions } from './retry';

export interface TeamsPlace {
  /** `teams:<conversation id>`. */
  key: string;
  delivery: TurnDelivery;
  /** The tenant and team the conversation is in, for the certificate look-up policy (when Teams says). */
  tenant?: string;
  team?: string;
}

export const TEAMS_WHERE = '• Teams: in a channel, mention me first (for example "@certstatus check example.com"); I answer in the same reply chain.';

export interface TeamsPlatformOptions {
  adapter: CloudAdapter;
  appId: string;
  references: ConversationReferences;
  retry?: RetryOptions;
  logger?: Logger;
}

export function teamsPlatform({ adapter, appId, references, retry, logger = silentLogger }: TeamsPlatformOptions): PlatformAdapter<TeamsPlace> {
  return {
    name: 'teams',
    usageWhere: TEAMS_WHERE,
    keyOf: (place) => place.key,
    async placeOfKey(key) {
      const reference = await references.load(key);
      const tenant = reference?.conversation?.tenantId;
      return reference ? { key, delivery: new TurnDelivery(undefined, adapter, appId, reference), ...(tenant ? { tenant } : {}) } : undefined;
    },
    callerOf: (place: TeamsPlace, by?: Participant) => ({
      channel: 'teams',
      ...(place.tenant ? { tenant: place.tenant } : {}),
      ...(place.team ? { team: place.team } : {}),
      ...(by ? { user: by.id } : {}),
    }),
    async post(place: TeamsPlace, reply: ShownReply, target: CardTarget) {
      const send = (activity: Partial<Activity>) => place.delivery.send((context) => withConnectorRetry(() => context.sendActivity(activity), retry));
      try {
        return (await send(renderReply(reply, target)))?.id;
      } catch (error) {
        // Too large after all (Teams counts differently than we do): the answer as plain text, not nothing.
        if (connectorStatus(error) !== 413) throw error;
        logger.warn({ channel: 'teams', status: 413, reply: reply.type }, 'teams refused the card as too large; sent as plain text');
        return (await send(renderPlain(reply)))?.id;
      }
    },
    async updateAnswered(place: TeamsPlace, posted: PostedQuestion, answered: AnsweredReply) {
      const update = { type: 'message', id: posted.ref, attachments: [answeredCard(posted.question, answered)] };
      await place.delivery.send((context) => withConnectorRetry(() => context.updateActivity(update), retry));
    },
  };
}
