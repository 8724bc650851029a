import { renderReplies, renderReply } from '../../../src/channels/terminal/render';

describe('terminal rendering', () => {
  test('a question with choices is numbered', () => {
    expect(
      renderReply({
        type: 'question', questionId: 'q#1', nodeId: 'q', text: 'Is it verified?', freeText: false,
        choices: [{ id: 'y', label: 'Yes' }, { id: 'n', label: 'No' }],
      }),
    ).toEqual(['Is it verified?', '  1) Yes', '  2) No']);
  });

  test('a free-text question offers its extra choices as words, not numbers', () => {
    expect(
      renderReply({
        type: 'question', questionId: 'v#2', nodeId: 'v', text: 'Paste the value.', freeText: true,
        choices: [{ id: 'skip', label: 'Skip' }, { id: 'handoff', label: 'Talk to a person' }],
      }),
    ).toEqual(['Paste the value.', '  (or type "skip" to skip, or "handoff" to talk to a person)']);
    expect(renderReply({ type: 'question', questionId: 'd#1', nodeId: 'd', text: 'Domain?', freeText: true, choices: [] })).toEqual(['Domain?']);
  });

  test('a cause card shows title, summary, numbered procedure, evidence, warnings and actions', () => {
    const text = renderReplies([
      {
        type: 'cause', causeId: 'ttl-not-elapsed', title: 'Not in effect yet', summary: 'Resolvers still cache the old answer.',
        procedure: ['Wait for the TTL.', 'Type recheck.'], after: 'Then the CA needs 2 to 3 working days.',
        evidence: [{ text: 'TXT "abc"', source: 'ns1.example.net', ttl: 3600 }, { text: 'No DNSSEC' }, { text: 'ns2.example.net answers', source: 'ns2.example.net' }],
        warnings: ['The TTL is longer than 5 minutes'],
        actions: [{ id: 'recheck', label: 'Check again' }, { id: 'troubleshoot', label: 'Troubleshoot step by step' }, { id: 'restart', label: 'Start over' }],
      },
    ]);
    expect(text).toBe(
      [
        '== Not in effect yet ==',
        'Resolvers still cache the old answer.',
        'What to do:',
        '  1. Wait for the TTL.',
        '  2. Type recheck.',
        'Then the CA needs 2 to 3 working days.',
        'What I found:',
        '  - TXT "abc" (ns1.example.net, TTL 3600 s)',
        '  - No DNSSEC',
        '  - ns2.example.net answers',
        'Warnings:',
        '  ! The TTL is longer than 5 minutes',
        'Type "recheck" (check again) or "restart" (start over).',
        '',
      ].join('\n'),
    );
  });

  test('a bare card prints only its title', () => {
    expect(renderReply({ type: 'cause', causeId: 'x', title: 'X', procedure: [], evidence: [], warnings: [], actions: [] })).toEqual(['== X ==']);
  });

  test('text, errors, progress and handoff; answered prints nothing', () => {
    expect(
      renderReplies([
        { type: 'text', text: 'Hello.' },
        { type: 'text', text: 'Bad domain.', tone: 'error' },
        { type: 'progress', text: 'Checking...' },
        { type: 'answered', questionId: 'q#1', label: 'Yes' },
        { type: 'handoff', text: 'A person takes over.' },
      ]),
    ).toBe('Hello.\nError: Bad domain.\nChecking...\n[handoff] A person takes over.\n');
    expect(renderReplies([{ type: 'answered', questionId: 'q#1', label: 'Yes' }])).toBe('');
  });
});
