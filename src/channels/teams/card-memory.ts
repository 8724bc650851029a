/**
 * Remembers which Teams message shows which question, so that an answer can update that card in place.
 * Kept in the shared StateStore (not in memory) so it survives restarts and works across instances.
 */
import type { QuestionReply } from '../../engine/replies';
import type { StateStore } from '../../store/types';

export interface PostedQuestion {
  activityId: string;
  question: QuestionReply;
}

/** A week: long enough for any conversation someone might come back to. */
const DEFAULT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export class QuestionCardMemory {
  constructor(
    private readonly store: StateStore,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  private key(conversationKey: string, questionId: string): string {
    return `teams:card:${conversationKey}:${questionId}`;
  }

  async remember(conversationKey: string, question: QuestionReply, activityId: string): Promise<void> {
    await this.store.set<PostedQuestion>(this.key(conversationKey, question.questionId), { activityId, question }, { ttlMs: this.ttlMs });
  }

  async recall(conversationKey: string, questionId: string): Promise<PostedQuestion | undefined> {
    return (await this.store.get<PostedQuestion>(this.key(conversationKey, questionId)))?.value;
  }
}
