/**
 * Posts a conversation's replies into its Slack place, and remembers where each question was posted so
 * that its buttons can be replaced by the answer later, whether it came by click or by typed text.
 */
import type { webApi } from '@slack/bolt';
import type { DeliverReplies } from '../../conversation/types';
import type { AnsweredReply, Participant } from '../../engine/replies';
import type { StateStore } from '../../store/types';
import { renderAnswered, renderReply, type SlackMessage } from './blocks';
import { conversationKey, type SlackPlace } from './places';

type WebClient = webApi.WebClient;

export interface PostedQuestion {
  channel: string;
  ts: string;
  text: string;
  answered?: { label: string; by?: Participant };
}

export function questionRecordKey(conversation: string, questionId: string): string {
  return `slack:question:${conversation}|${questionId}`;
}

export interface DeliveryOptions {
  client: WebClient;
  store: StateStore;
  place: SlackPlace;
  /** How long question records live: as long as an idle conversation. */
  ttlMs: number;
}

export function createDelivery({ client, store, place, ttlMs }: DeliveryOptions): DeliverReplies {
  const key = conversationKey(place);
  const post = async (message: SlackMessage) =>
    client.chat.postMessage({
      channel: place.channel,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
    });

  return async (replies) => {
    // In order: an answer's update must land before the next question appears.
    for (const reply of replies) {
      if (reply.type === 'answered') {
        await markAnswered(client, store, key, reply, ttlMs);
        continue;
      }
      const message = renderReply(reply, { key });
      const posted = await post(message);
      if (reply.type === 'question' && posted.ts) {
        const record: PostedQuestion = { channel: posted.channel ?? place.channel, ts: posted.ts, text: reply.text };
        await store.set(questionRecordKey(key, reply.questionId), record, { ttlMs });
      }
    }
  };
}

async function markAnswered(client: WebClient, store: StateStore, key: string, reply: AnsweredReply, ttlMs: number): Promise<void> {
  const recordKey = questionRecordKey(key, reply.questionId);
  const stored = await store.get<PostedQuestion>(recordKey);
  if (!stored) return; // posted before a restart of a memory store, or expired: nothing left to update
  const record = stored.value;
  await client.chat.update({ channel: record.channel, ts: record.ts, ...renderAnswered(record.text, reply) });
  await store.set(recordKey, { ...record, answered: { label: reply.label, by: reply.by } }, { ttlMs });
}
