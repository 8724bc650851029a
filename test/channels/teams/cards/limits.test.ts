/**
 * The largest Teams messages are valid Adaptive Cards for Teams (checked by the `adaptivecards` library
 * under Teams' host config) and stay under the size Microsoft advises (80 KB, counted in UTF-16; Teams
 * refuses past 100 KB), with every button and a "…and N more" where evidence was left out.
 */
import { decodePayload } from '../../../../src/channels/kit/payload';
import { renderPlain, renderReply } from '../../../../src/channels/teams/cards/render';
import type { ShownReply } from '../../../../src/channels/kit/adapter';
import { adaptiveCardProblems } from '../../../support/cards/adaptive-validate';
import { LONGEST_DOMAIN, LONGEST_VALUE, largestCauses, largestQuestion } from '../../../support/cards/largest';

/** Teams' limits, from Microsoft's "Format your bot messages": refused over 100 KB, advised under 80 KB. */
const TEAMS_LIMITS = { refusedOverBytes: 100 * 1024, advisedUnderBytes: 80 * 1024 };

/** How Teams counts a message: its JSON in UTF-16, two bytes a character. */
const utf16Bytes = (activity: unknown) => Buffer.byteLength(JSON.stringify(activity), 'utf16le');

interface Card { body: { type: string; text?: string; actions?: { title: string; data: unknown }[] }[]; actions?: { title: string; data: unknown }[] }
const cardOf = (activity: { attachments?: { content?: unknown }[] }) => activity.attachments![0]!.content as Card;
const actionsOf = (card: Card) => [...(card.actions ?? []), ...card.body.flatMap((element) => element.actions ?? [])];

describe('Teams cards within Teams limits', () => {
  it('the adaptivecards validator sees real problems (it is not a validator that accepts anything)', () => {
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: 'x', size: 'Huge' }] })).not.toEqual([]);
    const sevenActions = Array.from({ length: 7 }, (_, i) => ({ type: 'Action.Submit', title: `a${i}` }));
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.4', body: [], actions: sevenActions }).join()).toMatch(/actions/i);
  });

  it.each(largestCauses().map((cause) => [cause.causeId, cause] as const))('the %s card is a valid Teams card under 80 KB with every button', (_id, cause) => {
    for (const target of [{ domain: LONGEST_DOMAIN, expect: LONGEST_VALUE, public: true }, { key: 'teams:19:0123456789abcdef0123456789abcdef@thread.tacv2;messageid=1700000000000' }]) {
      const activity = renderReply(cause, target);
      expect(utf16Bytes(activity)).toBeLessThan(TEAMS_LIMITS.advisedUnderBytes);
      const card = cardOf(activity);
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(actionsOf(card).map((action) => action.title)).toEqual(cause.actions.map((action) => action.label));
      for (const action of actionsOf(card)) expect(decodePayload(action.data)).toMatchObject({ kind: 'card' });
      expect(card.body.map((element) => element.text).join('\n')).toMatch(/…and \d+ more evidence lines not shown/);
    }
  });

  it('the longest question is a valid card with every choice clickable (rows of six)', () => {
    const question = largestQuestion();
    const activity = renderReply(question, { key: 'teams:19:x' });
    const card = cardOf(activity);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(utf16Bytes(activity)).toBeLessThan(TEAMS_LIMITS.advisedUnderBytes);
    expect(actionsOf(card).map((action) => (decodePayload(action.data) as { choice: string }).choice)).toEqual(question.choices.map((choice) => choice.id));
  });

  it('the plain-text form (sent when Teams refuses a card) is bounded too', () => {
    for (const reply of [...largestCauses(), largestQuestion(), { type: 'text', text: 'x'.repeat(200_000) } as ShownReply]) {
      const plain = renderPlain(reply);
      expect(utf16Bytes(plain)).toBeLessThan(TEAMS_LIMITS.advisedUnderBytes);
      expect(String(plain.text).length).toBeGreaterThan(10);
    }
  });
});
