/**
 * The memory of posted questions: which message shows which question of which conversation, so that its
 * buttons can be replaced by the answer (given by click or by typed text), and so a second click can be
 * told who answered. Kept in the shared StateStore: it survives restarts and every replica sees it.
 * One lifetime for every platform, as long as a conversation stays in the store by default.
 */
import type { Participant, QuestionReply } from '../../engine/replies';
import type { StateStore } from '../../store/types';

export interface PostedQuestion {
  /** The platform's reference of the message (Slack channel and ts, a Teams activity id). */
  ref: string;
  question: QuestionReply;
  /** Set once the question is answered: the answer and who gave it. */
  answered?: { label: string; by?: Participant };
}

/** Seven days, as long as the conversation service keeps a conversation (so `recheck` works later). */
export const DEFAULT_CARD_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export class CardMemory {
  constructor(
    private readonly store: StateStore,
    readonly lifetimeMs = DEFAULT_CARD_LIFETIME_MS,
  ) {}

  private key(conversationKey: string, questionId: string): string {
    return `card:${conversationKey}|${questionId}`;
  }

  async remember(conversationKey: string, question: QuestionReply, ref: string): Promise<void> {
    await this.store.set<PostedQuestion>(this.key(conversationKey, question.questionId), { ref, question }, { ttlMs: this.lifetimeMs });
  }

  async recall(conversationKey: string, questionId: string): Promise<PostedQuestion | undefined> {
    return (await this.store.get<PostedQuestion>(this.key(conversationKey, questionId)))?.value;
  }

  async markAnswered(conversationKey: string, posted: PostedQuestion, answered: NonNullable<PostedQuestion['answered']>): Promise<void> {
    await this.store.set<PostedQuestion>(this.key(conversationKey, posted.question.questionId), { ...posted, answered }, { ttlMs: this.lifetimeMs });
  }

  /**
   * True for the first of several clicks on one question (two processes taking the same click at once,
   * a double click): only that one is applied.
   */
  claimAnswer(conversationKey: string, questionId: string): Promise<boolean> {
    return this.store.claim(`card-answer:${conversationKey}|${questionId}`, this.lifetimeMs);
  }
}
