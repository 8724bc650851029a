/** Reply -> Teams message rendering: which replies become cards, and what the cards carry. */
import { causeCard } from '../../../../src/channels/teams/cards/cause-card';
import { answeredCard, questionCard } from '../../../../src/channels/teams/cards/question-card';
import { renderReply } from '../../../../src/channels/teams/cards/render';
import { decodePayload } from '../../../../src/channels/kit/payload';
import type { CauseReply, QuestionReply } from '../../../../src/engine/replies';

type Card = { version: string; body: { type: string; text?: string; color?: string; size?: string }[]; actions?: { type: string; title: string; data: unknown }[] };
/** The buttons as title and decoded payload (the data holds the kit's encoded payload, as a Slack button's value does). */
const buttons = (card: Card) => card.actions?.map((action) => ({ type: action.type, title: action.title, payload: decodePayload(action.data) }));
const content = (attachment: { content?: unknown }) => attachment.content as Card;
const texts = (card: Card) => card.body.map((element) => element.text);

const question: QuestionReply = {
  type: 'question',
  questionId: 'step1-ownership#3',
  nodeId: 'step1-ownership',
  text: 'Is the ownership verified?',
  help: 'Your registrar shows it.',
  choices: [
    { id: 'verified', label: 'Yes' },
    { id: 'not-verified', label: 'No' },
  ],
  freeText: false,
};

const cause: CauseReply = {
  type: 'cause',
  causeId: 'ttl-not-elapsed',
  title: 'The configuration has not taken effect yet',
  summary: 'The old answer is still cached.',
  procedure: ['Wait until the TTL has passed.', 'Check again.'],
  after: 'Then the CA takes 2 to 3 working days.',
  evidence: [{ text: 'TXT answered', source: 'ns1.alpha-dns.test', ttl: 3600 }],
  warnings: ['The TTL is longer than 5 minutes.'],
  actions: [
    { id: 'recheck', label: 'Check again' },
    { id: 'watch', label: 'Notify me when it takes effect' },
  ],
};

describe('Teams card rendering', () => {
  it('renders a question as an Adaptive Card 1.4 with one Submit button per choice, tagged with question and choice', () => {
    const card = content(questionCard(question));
    expect(card.version).toBe('1.4');
    expect(texts(card)).toEqual(['Is the ownership verified?', 'Your registrar shows it.']);
    expect(buttons(card)).toEqual([
      { type: 'Action.Submit', title: 'Yes', payload: { kind: 'choice', question: 'step1-ownership#3', choice: 'verified' } },
      { type: 'Action.Submit', title: 'No', payload: { kind: 'choice', question: 'step1-ownership#3', choice: 'not-verified' } },
    ]);
  });

  it('tells people to type the answer of a free-text question', () => {
    const card = content(questionCard({ ...question, choices: [], freeText: true }));
    expect(texts(card)).toContain('Type your answer as a message.');
    expect(card.actions).toBeUndefined();
  });

  it('renders the answered question without buttons, with the answer and who gave it', () => {
    const card = content(answeredCard(question, { type: 'answered', questionId: question.questionId, label: 'Yes', by: { id: 'aad-1', name: 'Ada' } }));
    expect(texts(card)).toContain('✅ **Yes** (answered by Ada)');
    expect(card.actions).toBeUndefined();
    const anonymous = content(answeredCard(question, { type: 'answered', questionId: question.questionId, label: 'Yes' }));
    expect(texts(anonymous)).toContain('✅ **Yes**');
  });

  it('renders a cause with a numbered procedure, warnings, small-print evidence and its buttons (watch included)', () => {
    const card = content(causeCard(cause, { domain: 'example.com' }));
    expect(texts(card)).toEqual([
      'The configuration has not taken effect yet',
      'The old answer is still cached.',
      'What to do',
      '1. Wait until the TTL has passed.',
      '2. Check again.',
      'Then the CA takes 2 to 3 working days.',
      '⚠️ The TTL is longer than 5 minutes.',
      'Evidence',
      '• TXT answered (ns1.alpha-dns.test, TTL 3600 s)',
    ]);
    expect(card.body.find((element) => element.text?.startsWith('⚠️'))?.color).toBe('Attention');
    expect(card.body.at(-1)?.size).toBe('Small');
    expect(buttons(card)).toEqual([
      { type: 'Action.Submit', title: 'Check again', payload: { kind: 'card', action: 'recheck', domain: 'example.com' } },
      { type: 'Action.Submit', title: 'Notify me when it takes effect', payload: { kind: 'card', action: 'watch', domain: 'example.com', cause: 'ttl-not-elapsed' } },
    ]);
  });

  it('keeps text and progress as plain messages, and questions, causes and handoffs as cards', () => {
    const target = { key: 'teams:c' };
    expect(renderReply({ type: 'text', text: 'Hello', tone: 'warning' }, target)).toEqual(expect.objectContaining({ text: '⚠️ Hello' }));
    expect(renderReply({ type: 'progress', text: 'Checking' }, target)).toEqual(expect.objectContaining({ text: '_Checking_' }));
    const handoff = renderReply({ type: 'handoff', text: 'A colleague will take over.' }, target);
    expect(texts(content(handoff.attachments![0]!))).toEqual(['🙋 Handing over to a person', 'A colleague will take over.']);
    expect(texts(content(renderReply(question, target).attachments![0]!))).toContain('Is the ownership verified?');
  });
});
