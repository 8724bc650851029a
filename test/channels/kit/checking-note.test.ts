/**
 * The "Checking DNS…" note of a one-shot diagnosis never stays on screen alone: replaced by the answer, or,
 * when the diagnosis fails or the platform will not replace the note, followed by the answer (or an error
 * line) and changed to say so. A recording platform adapter; the kit is the real one.
 */
import type { ShownReply } from '../../../src/channels/kit/adapter';
import { ChannelKit, NOTES } from '../../../src/channels/kit/kit';
import type { ConversationHandler } from '../../../src/conversation/types';
import { silentLogger } from '../../../src/core/logger';
import type { Reply } from '../../../src/engine/replies';
import { MemoryStore } from '../../../src/store/memory';

const CAUSE: Reply = { type: 'cause', causeId: 'record-missing', title: 'The record is missing', procedure: ['Add it.'], evidence: [], warnings: [], actions: [] };

function setUp(diagnose: () => Promise<Reply[]>, replaceFails: number) {
  const screen = new Map<string, string>();
  let next = 0;
  let failures = replaceFails;
  const text = (reply: ShownReply) => ('title' in reply ? reply.title : reply.text);
  const kit = new ChannelKit<string>({
    adapter: {
      name: 'test',
      usageWhere: '',
      keyOf: (place) => place,
      placeOfKey: async (key) => key,
      async post(_place, reply) {
        const ref = `m${(next += 1)}`;
        screen.set(ref, text(reply));
        return ref;
      },
      async updateAnswered() {},
      async replace(_place, ref, replies) {
        if (failures-- > 0) throw new Error('message_not_found');
        screen.set(ref, replies.map(text).join('\n'));
      },
    },
    conversations: { diagnose, diagnoseNames: async () => [], handle: async () => undefined, peek: async () => undefined } as ConversationHandler,
    store: new MemoryStore(),
    logger: silentLogger,
  });
  return { kit, screen };
}

describe('the checking note', () => {
  it('is replaced by the answer', async () => {
    const { kit, screen } = setUp(async () => [CAUSE], 0);
    await kit.diagnoseInPlace('p', { domain: 'example.com', public: true });
    expect([...screen.values()]).toEqual(['The record is missing']);
  });

  it('says the check failed when the diagnosis throws, instead of staying', async () => {
    const { kit, screen } = setUp(async () => Promise.reject(new Error('store down')), 0);
    await kit.diagnoseInPlace('p', { domain: 'example.com', public: true });
    expect([...screen.values()]).toEqual([NOTES.checkFailed]);
  });

  it('is followed by the answer, and says so, when it cannot be replaced', async () => {
    const { kit, screen } = setUp(async () => [CAUSE], 1);
    await kit.diagnoseInPlace('p', { domain: 'Example.COM', public: true });
    expect([...screen.values()]).toEqual([NOTES.answerBelow('example.com'), 'The record is missing']);
  });
});
