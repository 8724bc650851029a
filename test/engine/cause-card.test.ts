import { buildCauseCard } from '../../src/engine/cause-card';
import { testFlow } from './flows';

describe('buildCauseCard', () => {
  const flow = testFlow();

  test('fills the cause with variables and the check evidence, summary first', () => {
    const card = buildCauseCard({
      flow, causeId: 'cause-a', vars: { domain: 'example.com' },
      check: { outcome: 'cause-a', summary: 'Seen', evidence: [{ text: 'TXT x', ttl: 5 }], warnings: ['w'] },
      actions: [{ id: 'recheck', label: 'Check again' }],
    });
    expect(card).toEqual({
      type: 'cause', causeId: 'cause-a', title: 'Cause A for example.com', summary: 'Summary A.',
      procedure: ['Do one thing for example.com', 'Do another'], after: 'Then wait.',
      evidence: [{ text: 'Seen' }, { text: 'TXT x', ttl: 5 }], warnings: ['w'], actions: [{ id: 'recheck', label: 'Check again' }],
    });
  });

  test('does not repeat a summary that is already an evidence line; no check, no evidence', () => {
    const card = buildCauseCard({ flow, causeId: 'cause-b', vars: {}, check: { outcome: 'x', summary: 'S', evidence: [{ text: 'S' }] }, actions: [] });
    expect(card.evidence).toEqual([{ text: 'S' }]);
    expect(buildCauseCard({ flow, causeId: 'cause-b', vars: {}, actions: [] })).toEqual({
      type: 'cause', causeId: 'cause-b', title: 'Cause B', procedure: ['Fix B'], evidence: [], warnings: [], actions: [],
    });
  });

  test('a cause the flow does not describe falls back to the id as its title', () => {
    expect(buildCauseCard({ flow, causeId: 'mystery', vars: {}, actions: [] }).title).toBe('mystery');
  });
});
