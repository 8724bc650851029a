/** Reply -> Block Kit, with text fallbacks. */
import { decodePayload } from '../../../src/channels/kit/payload';
import { combine, escapeMrkdwn, renderAnswered, renderCause, renderQuestion, renderReply } from '../../../src/channels/slack/blocks';
import type { CauseReply, QuestionReply } from '../../../src/engine/replies';

const question: QuestionReply = {
  type: 'question',
  questionId: 'step1#2',
  nodeId: 'step1',
  text: 'Is the ownership of <example.com> verified?',
  choices: [
    { id: 'yes', label: 'Yes' },
    { id: 'no', label: 'No' },
  ],
  freeText: false,
};

const cause: CauseReply = {
  type: 'cause',
  causeId: 'ttl-not-elapsed',
  title: 'The configuration has not taken effect yet (TTL)',
  summary: 'Resolvers still serve the old answer.',
  procedure: ['Set the TTL to 5 minutes.', 'Check again after the TTL.'],
  after: 'The CA then takes 2 to 3 working days.',
  evidence: [{ text: '8.8.8.8 answered "old" & cached', source: 'resolver 8.8.8.8', ttl: 3600 }, { text: 'authoritative has "new"' }],
  warnings: ['TTL 3600 s is longer than the recommended 5 minutes'],
  actions: [
    { id: 'recheck', label: 'Check again' },
    { id: 'troubleshoot', label: 'Troubleshoot step by step' },
    { id: 'watch', label: 'Watch' },
  ],
};

describe('Slack rendering', () => {
  it('renders a question as a section and buttons whose values carry the conversation, question and choice', () => {
    const message = renderQuestion(question, 'slack:T1:C1:100.1');
    expect(message.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Is the ownership of &lt;example.com&gt; verified?' } });
    const actions = message.blocks[1] as { type: string; elements: { action_id: string; value: string; text: { text: string } }[] };
    expect(actions.type).toBe('actions');
    expect(actions.elements.map((e) => e.text.text)).toEqual(['Yes', 'No']);
    // action_ids are unique within the block, as Slack requires.
    expect(new Set(actions.elements.map((e) => e.action_id)).size).toBe(2);
    expect(decodePayload(actions.elements[1]!.value)).toEqual({ kind: 'choice', key: 'slack:T1:C1:100.1', question: 'step1#2', choice: 'no' });
    expect(message.text).toBe('Is the ownership of &lt;example.com&gt; verified?\n1. Yes\n2. No');
  });

  it('tells how to answer a free-text question', () => {
    const message = renderQuestion({ ...question, choices: [], freeText: true }, 'k');
    expect(message.blocks.map((b) => b.type)).toEqual(['section', 'context']);
  });

  it('renders the cause card: header, summary, numbered procedure, compact evidence, warnings, buttons', () => {
    const message = renderCause(cause, { domain: 'example.com' });
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context', 'section', 'actions']);
    expect(JSON.stringify(message.blocks[2])).toContain('*What to do*\\n1. Set the TTL to 5 minutes.\\n2. Check again after the TTL.');
    // Evidence lines share one context element (one paragraph of small print), not one element each.
    const evidence = (message.blocks[4] as { elements: { text: string }[] }).elements.map((e) => e.text);
    expect(evidence).toEqual(['*Evidence*\n• 8.8.8.8 answered "old" &amp; cached (resolver 8.8.8.8, TTL 3600 s)\n• authoritative has "new"']);
    expect(JSON.stringify(message.blocks[5])).toContain(':warning: TTL 3600 s is longer');
    const buttons = (message.blocks[6] as { elements: { value: string; text: { text: string }; style?: string }[] }).elements;
    // Every action the engine offers is shown (it offers `watch` only where a watch scheduler runs).
    expect(buttons.map((b) => b.text.text)).toEqual(['Check again', 'Troubleshoot step by step', 'Watch']);
    expect(buttons[1]!.style).toBe('primary');
    expect(decodePayload(buttons[0]!.value)).toEqual({ kind: 'card', action: 'recheck', domain: 'example.com' });
    // A one-shot watch has no conversation behind it: its button says which diagnosis it waits to change.
    expect(decodePayload(buttons[2]!.value)).toEqual({ kind: 'card', action: 'watch', domain: 'example.com', cause: 'ttl-not-elapsed' });
    expect(message.text).toContain('1. Set the TTL to 5 minutes.');
    expect(message.text).toContain('Warning: TTL 3600 s');
  });

  it('points a conversation card\'s buttons at the conversation, and keeps "public" on one-shot cards', () => {
    const inConversation = renderCause(cause, { key: 'slack:T1:D1' });
    const value = (inConversation.blocks.at(-1) as { elements: { value: string }[] }).elements[0]!.value;
    expect(decodePayload(value)).toEqual({ kind: 'card', action: 'recheck', key: 'slack:T1:D1' });
    const shared = renderCause(cause, { domain: 'example.com', public: true });
    expect(decodePayload((shared.blocks.at(-1) as { elements: { value: string }[] }).elements[0]!.value)).toEqual({ kind: 'card', action: 'recheck', domain: 'example.com', public: true });
  });

  it('keeps long titles under the header limit and packs many evidence lines into one element', () => {
    const long = renderCause({ ...cause, title: 'x'.repeat(300), evidence: Array.from({ length: 25 }, (_, i) => ({ text: `fact ${i}` })) }, { domain: 'a.b' });
    expect(JSON.stringify(long.blocks[0]).length).toBeLessThan(300);
    const contexts = long.blocks.filter((b) => b.type === 'context') as { elements: { text: string }[] }[];
    expect(contexts.map((c) => c.elements.length)).toEqual([1]);
    expect(contexts[0]!.elements[0]!.text.split('\n')).toHaveLength(26);
  });

  it('replaces a question\'s buttons with the answer and who gave it', () => {
    const chosen = renderAnswered('Is it verified?', { type: 'answered', questionId: 'q', choiceId: 'yes', label: 'Yes', by: { id: 'U123' } });
    expect(chosen.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Is it verified?' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '✅ Yes — chosen by <@U123>' }] },
    ]);
    const typed = renderAnswered('Which domain?', { type: 'answered', questionId: 'q', label: '<!channel>', by: { id: 'U9' } });
    expect(JSON.stringify(typed.blocks)).toContain('✅ &lt;!channel&gt; — answered by <@U9>');
    // Nor in the notification text.
    expect(typed.text).toBe('Which domain?\n&lt;!channel&gt; (answered by U9)');
  });

  it('renders text by tone, progress as a short context line, handoff, and combines messages', () => {
    expect(renderReply({ type: 'text', text: 'Oops', tone: 'error' }, { key: 'k' }).blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: ':x: Oops' } }]);
    expect(renderReply({ type: 'progress', text: 'Checking DNS…' }, { key: 'k' }).blocks[0]!.type).toBe('context');
    expect(renderReply({ type: 'handoff', text: 'A person will reply.' }, { key: 'k' }).text).toBe('A person will reply.');
    const both = combine([renderReply({ type: 'text', text: 'a' }, { key: 'k' }), renderReply({ type: 'text', text: 'b' }, { key: 'k' })]);
    expect(both.text).toBe('a\n\nb');
    expect(both.blocks).toHaveLength(2);
  });

  it('escapes Slack markup in user and flow text', () => {
    expect(escapeMrkdwn('<@U1> & <https://x|y>')).toBe('&lt;@U1&gt; &amp; &lt;https://x|y&gt;');
  });

});
