/**
 * The web as a kit platform. A place is a conversation key (`web:chat:ID` for a guided conversation,
 * `web:watch:ID` for a result's "notify me" watch), and posting appends the reply to that place's
 * transcript in the shared store, which the page renders. So a conversation, its answers and a watch's
 * notices survive a restart and are the same on every replica; nothing is pushed to the browser.
 */
import type { Participant } from '../../engine/replies';
import type { StateStore } from '../../store/types';
import type { PlatformAdapter, ShownReply } from '../kit/adapter';
import type { CardTarget } from '../kit/payload';
import type { Caller } from '../../certs/access';

export interface TranscriptEntry {
  reply: ShownReply;
  target?: CardTarget;
  at: number;
  /** A question once answered: what was answered (the question's card is rendered without buttons). */
  answered?: { label: string; by?: Participant };
}

export const WEB_WHERE = '• Web: type a domain in the box on the check page, or answer the questions here.';
/** A conversation or watch kept in the store as long as the kit's card memory keeps its questions. */
const TRANSCRIPT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_ATTEMPTS = 8;
/** A transcript longer than this drops its oldest entries (a watch posting notices for 30 days). */
const MAX_ENTRIES = 200;

export class Transcripts {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = TRANSCRIPT_TTL_MS,
  ) {}

  async read(key: string): Promise<TranscriptEntry[]> {
    return (await this.store.get<TranscriptEntry[]>(storeKey(key)))?.value ?? [];
  }

  /** Appends one entry (compare-and-set: a watch notice may arrive beside a turn); returns its index. */
  async append(key: string, reply: ShownReply, target?: CardTarget): Promise<number> {
    return this.update(key, (entries) => {
      entries.push({ reply, ...(target ? { target } : {}), at: this.now() });
      if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
      return entries.length - 1;
    });
  }

  async markAnswered(key: string, questionId: string, answered: NonNullable<TranscriptEntry['answered']>): Promise<void> {
    await this.update(key, (entries) => {
      for (const entry of entries) if (entry.reply.type === 'question' && entry.reply.questionId === questionId) entry.answered = answered;
      return 0;
    });
  }

  private async update(key: string, change: (entries: TranscriptEntry[]) => number): Promise<number> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const stored = await this.store.get<TranscriptEntry[]>(storeKey(key));
      const entries = [...(stored?.value ?? [])];
      const result = change(entries);
      const saved = await this.store.set(storeKey(key), entries, { expectedVersion: stored?.version ?? 0, ttlMs: this.ttlMs });
      if (saved.ok) return result;
    }
    throw new Error(`transcript ${key}: too many concurrent writes`);
  }
}

function storeKey(key: string): string {
  return `web-transcript:${key}`;
}

/** `caller`: who asks from this page, for the certificate look-up policy (the same for every place). */
export function webAdapter(transcripts: Transcripts, caller: Caller): PlatformAdapter<string> {
  return {
    name: 'web',
    callerOf: () => caller,
    usageWhere: WEB_WHERE,
    keyOf: (place) => place,
    placeOfKey: async (key) => (key.startsWith('web:') ? key : undefined),
    async post(place, reply, target) {
      return String(await transcripts.append(place, reply, target));
    },
    async updateAnswered(place, posted, answered) {
      await transcripts.markAnswered(place, posted.question.questionId, { label: answered.label, ...(answered.by ? { by: answered.by } : {}) });
    },
  };
}
