/** The one shortening rule of every channel: clip long lines, cut evidence from the end and say how much. */
import { clip, fitCause, plainText } from '../../../src/channels/kit/fit';
import type { CauseReply } from '../../../src/engine/replies';

const cause: CauseReply = {
  type: 'cause',
  causeId: 'old-record',
  title: 'An old record set was not deleted',
  procedure: ['Delete the old record.', 'Check again.'],
  evidence: Array.from({ length: 100 }, (_, i) => ({ text: `ns1 answered old value ${i}` })),
  warnings: [],
  actions: [{ id: 'recheck', label: 'Check again' }],
};

describe('fitting a reply to a platform', () => {
  it('clips with an ellipsis and never splits a surrogate pair', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
    expect(clip('ab😀cd', 4)).toBe('ab…');
  });

  it('returns the card unchanged when it fits', () => {
    expect(fitCause(cause, () => true)).toEqual(cause);
  });

  it('keeps as much evidence as fits, in order, and says how many lines it left out', () => {
    const fitted = fitCause(cause, (candidate) => plainText(candidate).length <= 1000);
    expect(plainText(fitted).length).toBeLessThanOrEqual(1000);
    const kept = fitted.evidence.slice(0, -1);
    expect(kept.map((e) => e.text)).toEqual(cause.evidence.slice(0, kept.length).map((e) => e.text));
    expect(fitted.evidence.at(-1)!.text).toBe(`…and ${100 - kept.length} more evidence lines not shown`);
    // One more line would not have fitted: nothing was cut that had room.
    expect(plainText({ ...fitted, evidence: [...cause.evidence.slice(0, kept.length + 1), fitted.evidence.at(-1)!] }).length).toBeGreaterThan(1000);
    expect(fitted.actions).toEqual(cause.actions);
  });

  it('clips over-long lines and caps long lists, saying how many were left out', () => {
    const long = { ...cause, evidence: [{ text: 'x'.repeat(10_000) }], warnings: Array.from({ length: 40 }, (_, i) => `warning ${i}`) };
    const fitted = fitCause(long, (candidate) => plainText(candidate).length <= 3000);
    expect(fitted.evidence[0]!.text.length).toBeLessThanOrEqual(500);
    expect(fitted.warnings.at(-1)).toMatch(/^…and \d+ more warnings not shown$/);
  });
});
