import { buildCauseCard } from '../../src/engine/cause-card';
import { testFlow } from './flows';
import { renderReply } from '../../src/channels/terminal/render';
import { plainText } from '../../src/channels/kit/fit';

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

  test('three servers with the same answer are one line, the differing server first; the check keeps every line', () => {
    const evidence = [
      { text: 'ns1 (192.0.2.1) answered TXT "2026k7q2"', source: 'ns1 (192.0.2.1)', ttl: 300 },
      { text: 'ns2 (192.0.2.2) answered TXT "2026k7q2"', source: 'ns2 (192.0.2.2)', ttl: 300 },
      { text: 'ns3 (192.0.2.3) answered TXT "2026k7q2"', source: 'ns3 (192.0.2.3)', ttl: 300 },
      { text: 'ns4 (192.0.2.4) answered TXT "old"', source: 'ns4 (192.0.2.4)', ttl: 300 },
    ];
    const check = { outcome: 'cause-a', summary: 'ns4 differs', evidence };
    const card = buildCauseCard({ flow, causeId: 'cause-a', vars: {}, check, actions: [] });
    expect(card.evidence).toEqual([
      { text: 'ns4 differs' },
      { text: 'ns4 (192.0.2.4) answered TXT "old"', source: 'ns4 (192.0.2.4)', ttl: 300 },
      { text: 'ns1 (192.0.2.1), ns2 (192.0.2.2), ns3 (192.0.2.3) answered TXT "2026k7q2"', source: 'ns1 (192.0.2.1), ns2 (192.0.2.2), ns3 (192.0.2.3)', ttl: 300 },
    ]);
    expect(check.evidence).toHaveLength(4);
    // Every channel prints the card's lines: the terminal and the plain-text fallback (Slack, Teams) alike.
    const shown = renderReply(card).join('\n');
    expect(shown.indexOf('ns4 (192.0.2.4)')).toBeLessThan(shown.indexOf('ns1 (192.0.2.1), ns2'));
    expect(shown.match(/2026k7q2/g)).toHaveLength(1);
    expect(plainText(card).match(/2026k7q2/g)).toHaveLength(1);
  });
});
