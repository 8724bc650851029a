/** The cause card on the command line: every shipped cause worded for the CLI, not the chat. */
import { forCli } from '../../src/cli/check-render';
import { loadFlowsDir } from '../../src/flow/registry';

describe('forCli', () => {
  const causes = Object.entries(loadFlowsDir().defaultFlow.causes ?? {});

  it.each(causes.map(([id, cause]) => [id, cause] as const))('words the %s card for the command line', (_id, cause) => {
    const texts = [cause.title, cause.summary ?? '', ...cause.procedure, cause.after ?? ''].map((t) => forCli(t, 'example.com'));
    for (const text of texts) expect(text).not.toMatch(/\brecheck\b|ask for a human|button/i);
  });

  it('turns "type recheck" into running the check again', () => {
    expect(forCli('Wait, then type recheck.', 'example.com')).toBe('Wait, then run certstatus check example.com again.');
    expect(forCli('Type recheck to confirm.', 'example.com')).toBe('Run certstatus check example.com again to confirm.');
    expect(forCli('Check again then: dig TXT x (or type recheck here).', 'example.com')).toBe('Check again then: dig TXT x (or run certstatus check example.com again).');
  });
});
