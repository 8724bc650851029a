/**
 * What a platform gives the channel kit: how its places are keyed, and how a reply is rendered and posted
 * there. Everything else a channel does (command words, button payloads, card memory, de-duplication,
 * ordering, the one-shot diagnosis and its watch, watch notices) is the kit's, so a new channel is one
 * adapter: translate inbound events into calls on the kit, and implement this.
 *
 * Compared with Vercel's Chat SDK `Adapter` (some thirty methods, most optional), this is only what
 * certstatus posts: no history, reactions or modals.
 */
import type { Caller } from '../../certs/access';
import type { AnsweredReply, Participant, Reply } from '../../engine/replies';
import type { PostedQuestion } from './card-memory';
import type { CardTarget } from './payload';

/** Every reply but `answered`, which updates the question it answers instead of being posted. */
export type ShownReply = Exclude<Reply, AnsweredReply>;

export interface PlatformAdapter<Place> {
  /** The platform's name; its conversation keys start with it and a colon (`slack:`, `teams:`). */
  readonly name: string;
  /** The last line of the usage text: how to reach the bot on this platform. */
  readonly usageWhere: string;
  /** The conversation key of a place (a thread, a DM, a reply chain): one conversation per place. */
  keyOf(place: Place): string;
  /** The place a key names, to post into later (a watch's notice); undefined when it cannot be reached. */
  placeOfKey(key: string): Promise<Place | undefined>;
  /** Renders one reply and posts it; returns the message's reference when it can be updated later. */
  post(place: Place, reply: ShownReply, target: CardTarget): Promise<string | undefined>;
  /** Replaces a posted question by its answered form (no buttons, the answer and who gave it). */
  updateAnswered(place: Place, posted: PostedQuestion, answered: AnsweredReply): Promise<void>;
  /** Replaces a posted note (the "checking" line) with replies. Absent: the replies are posted after it. */
  replace?(place: Place, ref: string, replies: ShownReply[], target: CardTarget): Promise<void>;
  /**
   * Tells only `user` (a stale click, a mistyped command). Absent where the platform has no such message
   * (Teams): then notes are posted for everyone, and stale clicks are left to the conversation to answer.
   */
  ephemeral?(place: Place, user: Participant, text: string): Promise<void>;
  /** How a person is named in a note ("<@U1> already answered"); default: their name or id. */
  mention?(who: Participant | undefined): string;
  /** Who asks from `place`, for the certificate look-up policy (workspace/channel, tenant/team). */
  callerOf?(place: Place, by?: Participant): Caller;
  /** Opens the direct message with `user` (near `place`, for the workspace), posting `text` there first. */
  directMessage?(near: Place, user: Participant, text: string): Promise<Place | undefined>;
}
