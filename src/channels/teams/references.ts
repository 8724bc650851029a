/**
 * Saved conversation references: what the bot needs to post into a Teams conversation later, outside any
 * request (a watch's notice). Kept in the StateStore, so they survive restarts and every replica has them.
 */
import type { ConversationReference } from 'botbuilder';
import type { StateStore } from '../../store/types';

/** Longer than a conversation is kept and a watch lasts, so a notice always finds its way back. */
const DEFAULT_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export class ConversationReferences {
  constructor(
    private readonly store: StateStore,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  private key(conversationKey: string): string {
    return `teams:reference:${conversationKey}`;
  }

  async save(conversationKey: string, reference: Partial<ConversationReference>): Promise<void> {
    await this.store.set(this.key(conversationKey), reference, { ttlMs: this.ttlMs });
  }

  async load(conversationKey: string): Promise<Partial<ConversationReference> | undefined> {
    return (await this.store.get<Partial<ConversationReference>>(this.key(conversationKey)))?.value;
  }
}
