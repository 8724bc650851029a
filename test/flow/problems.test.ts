import { countProblems, formatProblem, summarizeProblems, type FlowProblem } from '../../src/flow/problems';

const problem: FlowProblem = {
  severity: 'error', file: 'flows/x.yaml', line: 12, column: 5, nodeId: 'ask-domain', code: 'unknown-node',
  message: '"nxt" is not the id of any node', fix: 'did you mean "next"?',
};

describe('formatProblem', () => {
  it('prints file:line:column, severity, node, message and fix on one line', () => {
    expect(formatProblem(problem)).toBe('flows/x.yaml:12:5 error [node ask-domain] "nxt" is not the id of any node. Fix: did you mean "next"?');
  });

  it('leaves out the node when there is none and keeps multi-line texts on one line', () => {
    const p: FlowProblem = { ...problem, nodeId: undefined, severity: 'warning', message: 'two\nlines.', fix: 'a\n  b' };
    expect(formatProblem(p)).toBe('flows/x.yaml:12:5 warning two lines. Fix: a b');
  });
});

describe('summaries', () => {
  it('counts errors and warnings', () => {
    expect(countProblems([problem, { ...problem, severity: 'warning' }, problem])).toEqual({ errors: 2, warnings: 1 });
  });

  it('summarizes with the first error', () => {
    const warning = { ...problem, severity: 'warning' as const, line: 1, message: 'w' };
    expect(summarizeProblems('flows/x.yaml', [warning, problem])).toBe('flows/x.yaml: 1 error (first: 12:5 [node ask-domain] "nxt" is not the id of any node)');
  });
});
