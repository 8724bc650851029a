/**
 * The largest Slack messages stay within every Block Kit limit and keep their buttons. The limits are
 * written here from Slack's reference (https://docs.slack.dev/reference/block-kit/), independently of
 * the renderer's own constants, so a renderer that drifts past them fails here.
 */
import { decodePayload } from '../../../src/channels/kit/payload';
import { renderCause, renderQuestion, renderReplies } from '../../../src/channels/slack/blocks';
import type { CauseReply } from '../../../src/engine/replies';
import { LONGEST_DOMAIN, LONGEST_VALUE, largestCauses, largestQuestion, RECORDS_PER_SERVER, SERVERS } from '../../support/cards/largest';

/** Block Kit's limits, one row each: what is limited, and its maximum. */
const BLOCK_KIT_LIMITS = {
  'blocks in a message': 50,
  'characters in all blocks (msg_blocks_too_long)': 12_000,
  'header text': 150,
  'section text': 3000,
  'elements in a context block': 10,
  'context element text': 3000,
  'elements in an actions block': 25,
  'button text': 75,
  'button value': 2000,
  'button action_id': 255,
  'message text (truncated past it)': 40_000,
} as const;

type Limit = keyof typeof BLOCK_KIT_LIMITS;
interface Text { type: string; text: string }
interface Element { type: string; text?: Text | string; value?: string; action_id?: string }
interface Block { type: string; text?: Text; elements?: Element[] }

/** Every limit `message` breaks, as "what: size > max". */
function blockKitProblems(message: { text: string; blocks: unknown[] }): string[] {
  const problems: string[] = [];
  const check = (what: Limit, size: number) => size > BLOCK_KIT_LIMITS[what] && problems.push(`${what}: ${size} > ${BLOCK_KIT_LIMITS[what]}`);
  const blocks = message.blocks as Block[];
  check('blocks in a message', blocks.length);
  check('message text (truncated past it)', message.text.length);
  let total = 0;
  for (const block of blocks) {
    const own = block.text?.text ?? '';
    total += own.length;
    if (block.type === 'header') check('header text', own.length);
    if (block.type === 'section') check('section text', own.length);
    if (block.type === 'context') check('elements in a context block', block.elements?.length ?? 0);
    if (block.type === 'actions') check('elements in an actions block', block.elements?.length ?? 0);
    for (const element of block.elements ?? []) {
      const text = typeof element.text === 'string' ? element.text : (element.text?.text ?? '');
      total += text.length;
      if (block.type === 'context') check('context element text', text.length);
      if (element.type === 'button') {
        check('button text', text.length);
        check('button value', element.value?.length ?? 0);
        check('button action_id', element.action_id?.length ?? 0);
      }
    }
  }
  check('characters in all blocks (msg_blocks_too_long)', total);
  return problems;
}

const buttons = (message: { blocks: unknown[] }) => (message.blocks as Block[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const shown = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);

describe('Slack messages within Block Kit limits', () => {
  const causes = largestCauses();

  it('the test cases are large: every cause of the flow with hundreds of evidence lines', () => {
    expect(causes.length).toBeGreaterThanOrEqual(4);
    for (const cause of causes) expect(cause.evidence.length).toBeGreaterThanOrEqual(SERVERS * RECORDS_PER_SERVER);
  });

  it.each(largestCauses().map((cause) => [cause.causeId, cause] as const))('the %s card, one-shot and in a conversation, breaks no limit and keeps every button', (_id, cause: CauseReply) => {
    for (const target of [{ domain: LONGEST_DOMAIN, expect: LONGEST_VALUE, public: true }, { key: 'slack:T0123456789:C0123456789:1700000000.000100' }]) {
      const message = renderCause(cause, target);
      expect(blockKitProblems(message)).toEqual([]);
      // The buttons are the last block, every one the engine offered, each value decoding to what it does.
      expect((message.blocks.at(-1) as Block).type).toBe('actions');
      expect(buttons(message).map((b) => (b.text as Text).text)).toEqual(cause.actions.map((a) => a.label));
      for (const button of buttons(message)) expect(decodePayload(button.value)).toMatchObject({ kind: 'card' });
      // Shortened, and says so.
      expect(shown(message)).toMatch(/…and \d+ more evidence lines not shown/);
      expect(shown(message)).toContain(cause.procedure.length ? '1. ' : '');
    }
  });

  it('one-shot buttons carry the canonical domain and the bounded record value', () => {
    const [cause] = causes;
    const message = renderCause(cause!, { domain: LONGEST_DOMAIN, expect: LONGEST_VALUE });
    const recheck = buttons(message).map((b) => decodePayload(b.value)).find((p) => p?.kind === 'card' && p.action === 'recheck');
    expect(recheck).toEqual({ kind: 'card', action: 'recheck', domain: LONGEST_DOMAIN, expect: LONGEST_VALUE });
  });

  it('keeps every procedure step when they pass one section: two sections, nothing cut', () => {
    const steps = Array.from({ length: 12 }, (_, i) => `Step ${i}: ${'do the thing carefully '.repeat(15)}`);
    const message = renderCause({ ...causes[0]!, procedure: steps, evidence: [] }, { key: 'k' });
    expect(blockKitProblems(message)).toEqual([]);
    for (const step of steps) expect(shown(message)).toContain(step);
  });

  it('a cause card after other replies in one message (a replaced "checking" note) still fits, buttons last', () => {
    const message = renderReplies([{ type: 'text', text: 'x'.repeat(5000) }, causes[0]!], { domain: LONGEST_DOMAIN });
    expect(blockKitProblems(message)).toEqual([]);
    expect((message.blocks.at(-1) as Block).type).toBe('actions');
  });

  it('the longest question keeps all its choices as buttons, within the limits', () => {
    const question = largestQuestion();
    const message = renderQuestion(question, 'slack:T0123456789:C0123456789:1700000000.000100');
    expect(blockKitProblems(message)).toEqual([]);
    expect(buttons(message)).toHaveLength(question.choices.length);
    expect(decodePayload(buttons(message).at(-1)!.value)).toMatchObject({ kind: 'choice', choice: question.choices.at(-1)!.id });
  });
});
