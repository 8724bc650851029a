/**
 * One broken fixture per problem kind (test/flow/fixtures/<kind>.yaml, each a copy of valid.yaml with one
 * mistake): the problem is reported with its code, severity, position, node and a message saying what is
 * wrong, and nothing else is reported as an error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { matchExactly } from '../../src/engine/match';
import { COMMAND_WORDS, matchCommand } from '../../src/flow/commands';
import { lintFlowFile, parseFlow } from '../../src/flow/load';
import type { FlowProblem } from '../../src/flow/problems';

const FIXTURES = path.join(__dirname, 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, `${name}.yaml`);
const shown = (name: string) => path.relative(process.cwd(), fixture(name));

interface Expected {
  fixture: string;
  code: string;
  severity: 'error' | 'warning';
  line: number;
  column: number;
  nodeId?: string;
  message: RegExp;
  fix?: RegExp;
}

const CASES: Expected[] = [
  { fixture: 'yaml-syntax', code: 'yaml-syntax', severity: 'error', line: 14, column: 1, message: /^YAML: Sequence item without - indicator$/ },
  { fixture: 'unknown-property', code: 'unknown-property', severity: 'error', line: 20, column: 9, nodeId: 'ask-added', message: /unknown property "nxt" in choice "no" of node "ask-added"/, fix: /did you mean "next"\?/ },
  { fixture: 'unknown-kind', code: 'unknown-kind', severity: 'error', line: 22, column: 11, nodeId: 'missing', message: /"kind" is "answr", which is not one of "question", "input", "check", "answer", "handoff"/, fix: /did you mean "answer"/ },
  { fixture: 'missing-property', code: 'missing-property', severity: 'error', line: 21, column: 5, nodeId: 'missing', message: /node "missing" is missing "cause"/, fix: /add "cause:"/ },
  { fixture: 'choice-without-target', code: 'choice-without-target', severity: 'error', line: 18, column: 9, nodeId: 'ask-added', message: /choice "no" of node "ask-added" has no target/, fix: /add "next:"/ },
  { fixture: 'wrong-type', code: 'wrong-type', severity: 'error', line: 2, column: 10, message: /"version" must be an integer, not a string/ },
  { fixture: 'invalid-id', code: 'invalid-id', severity: 'error', line: 20, column: 15, nodeId: 'ask-added', message: /"the missing one" \("next" of choice "no" of node "ask-added"\) is not a valid id/, fix: /letters, digits/ },
  { fixture: 'no-choices', code: 'no-choices', severity: 'error', line: 14, column: 5, nodeId: 'ask-added', message: /"choices" of node "ask-added" is empty/ },
  { fixture: 'duplicate-node-id', code: 'duplicate-node-id', severity: 'error', line: 24, column: 9, nodeId: 'missing', message: /node id "missing" is already used by the node on line 21/ },
  { fixture: 'unknown-node', code: 'unknown-node', severity: 'error', line: 20, column: 15, nodeId: 'ask-added', message: /"mising" \(the target of choice "No"\) is not the id of any node/, fix: /did you mean "missing"\?/ },
  { fixture: 'unknown-start', code: 'unknown-node', severity: 'error', line: 4, column: 8, message: /"ask-add" \("start"\) is not the id of any node/, fix: /did you mean "ask-added"\?/ },
  { fixture: 'handoff-not-handoff', code: 'handoff-not-handoff', severity: 'error', line: 5, column: 10, message: /"handoff" names node "missing", which is an answer node/ },
  { fixture: 'no-handoff', code: 'no-handoff', severity: 'warning', line: 10, column: 1, message: /no handoff node/ },
  { fixture: 'duplicate-choice-id', code: 'duplicate-choice-id', severity: 'error', line: 18, column: 13, nodeId: 'ask-added', message: /choice id "yes" is used twice/ },
  { fixture: 'duplicate-choice-label', code: 'duplicate-choice-label', severity: 'error', line: 19, column: 16, nodeId: 'ask-added', message: /"yes!" also picks choice "yes"/ },
  { fixture: 'ambiguous-synonym', code: 'ambiguous-synonym', severity: 'error', line: 20, column: 26, nodeId: 'ask-added', message: /"Yes" also picks choice "yes"/ },
  { fixture: 'reserved-word', code: 'reserved-word', severity: 'warning', line: 20, column: 20, nodeId: 'ask-added', message: /"cancel" is a command/ },
  { fixture: 'unreachable', code: 'unreachable', severity: 'warning', line: 27, column: 9, nodeId: 'orphan', message: /node "orphan" cannot be reached from the start node "ask-added"/ },
  { fixture: 'no-exit', code: 'no-exit', severity: 'error', line: 11, column: 9, nodeId: 'ask-added', message: /no answer or handoff can be reached from node "ask-added".*loop with no exit/ },
  { fixture: 'unknown-check', code: 'unknown-check', severity: 'error', line: 24, column: 12, nodeId: 'run-dns', message: /there is no check named "dsn"/, fix: /did you mean "dns"\?/ },
  { fixture: 'unknown-outcome', code: 'unknown-outcome', severity: 'error', line: 29, column: 7, nodeId: 'run-dns', message: /check "dns" has no outcome "wrong-platfrom"/, fix: /did you mean "wrong-platform"\?/ },
  { fixture: 'unmapped-outcome', code: 'unmapped-outcome', severity: 'error', line: 27, column: 5, nodeId: 'run-dns', message: /check "dns" can end with "domain-not-found", .*"error", which lead nowhere/, fix: /default/ },
  { fixture: 'missing-check-param', code: 'missing-check-param', severity: 'error', line: 25, column: 5, nodeId: 'run-dns', message: /check "dns" needs the parameter "domain"/ },
  { fixture: 'unknown-check-param', code: 'unknown-check-param', severity: 'error', line: 27, column: 7, nodeId: 'run-dns', message: /check "dns" takes no parameter "platfrom"/, fix: /did you mean "platform"\?/ },
  { fixture: 'unknown-cause', code: 'unknown-cause', severity: 'error', line: 23, column: 12, nodeId: 'missing', message: /cause "record-mising" is not defined under "causes"/, fix: /did you mean "record-missing"\?/ },
  { fixture: 'unused-cause', code: 'unused-cause', severity: 'warning', line: 10, column: 3, message: /cause "old-record-not-deleted" is not presented by any answer node/ },
  { fixture: 'watch-without-goal', code: 'watch-without-goal', severity: 'warning', line: 11, column: 12, message: /causes offer watches \(record-missing\) but no cause is the one a watch waits for/, fix: /watch: goal/ },
  { fixture: 'bad-watch', code: 'invalid-value', severity: 'error', line: 11, column: 12, message: /"watch" is "sometimes", which is not one of "offer", "goal"/ },
  { fixture: 'empty-text', code: 'empty-text', severity: 'error', line: 10, column: 9, message: /step 2 of the procedure of cause "record-missing" is empty/ },
  { fixture: 'unknown-placeholder', code: 'unknown-placeholder', severity: 'warning', line: 9, column: 9, message: /placeholder \{\{domian\}\} names a variable that no input node captures/, fix: /did you mean \{\{domain\}\}\?/ },
  { fixture: 'malformed-placeholder', code: 'malformed-placeholder', severity: 'warning', line: 9, column: 9, message: /"\{domain\}\." looks like a placeholder but is not one/ },
  { fixture: 'unknown-message', code: 'unknown-message', severity: 'error', line: 30, column: 3, message: /"notUnderstod" is not a message the bot says/, fix: /did you mean "notUnderstood"\?/ },
  { fixture: 'unknown-message-placeholder', code: 'unknown-message-placeholder', severity: 'error', line: 29, column: 18, message: /message "notUnderstood" is not given \{\{txt\}\}/, fix: /did you mean \{\{text\}\}\?/ },
];

/** Problems a fixture has besides the one it is about (consequences of the same mistake). */
const ALSO: Record<string, string[]> = {
  'missing-property': ['unused-cause'],
  'unknown-cause': ['unused-cause'],
  'unknown-node': ['unreachable'],
  'invalid-id': ['invalid-id'],
  'no-exit': ['no-exit', 'unreachable'],
};

describe('lint rules, one broken fixture per problem kind', () => {
  it.each(CASES.map((c) => [c.fixture, c] as const))('%s', (_name, expected) => {
    const { flow, problems } = lintFlowFile(fixture(expected.fixture));
    const problem = problems.find((p) => p.code === expected.code) as FlowProblem;
    expect(problem).toBeDefined();
    expect(problem).toMatchObject({
      severity: expected.severity,
      file: shown(expected.fixture),
      line: expected.line,
      column: expected.column,
    });
    expect(problem.nodeId).toBe(expected.nodeId);
    expect(problem.message).toMatch(expected.message);
    if (expected.fix) expect(problem.fix).toMatch(expected.fix);
    expect(problem.fix.length).toBeGreaterThan(5);
    // Nothing unrelated: the fixture's only problems are the one under test and its known consequences.
    const others = problems.filter((p) => p !== problem).map((p) => p.code);
    expect(others.sort()).toEqual([...(ALSO[expected.fixture] ?? [])].sort());
    // Errors block loading; warnings do not.
    expect(flow === undefined).toBe(expected.severity === 'error');
  });

  it('the valid fixtures have no problems at all', () => {
    for (const name of ['valid', 'valid-with-check', 'valid-with-messages']) expect(lintFlowFile(fixture(name)).problems).toEqual([]);
  });
});

describe('the linter compares words as the engine does', () => {
  const valid = readFileSync(fixture('valid'), 'utf8');
  /** valid.yaml with extra synonyms on choice "no" (and optionally another label for "yes"). */
  const lint = (synonyms: string[], yesLabel = 'Yes') =>
    parseFlow(valid.replace('label: "Yes"', `label: ${JSON.stringify(yesLabel)}`).replace('label: "No"', `label: "No"\n        synonyms: ${JSON.stringify(synonyms)}`), 'x.yaml').problems;

  it('"Don\'t know" and "dont know" are one word, as the engine matches them', () => {
    expect(lint(['dont know'], "Don't know").map((p) => p.code)).toEqual(['ambiguous-synonym']);
    expect(matchExactly('dont know', [{ id: 'yes', label: "Don't know" }, { id: 'no', label: 'No', synonyms: ['dont know'] }])).toBeUndefined();
  });

  it('full-width letters fold: "ＹＥＳ" is "Yes"', () => {
    expect(lint(['ＹＥＳ']).map((p) => p.code)).toEqual(['ambiguous-synonym']);
  });

  it('every command word the engine knows is reserved, and at that question the choice wins as the warning says', () => {
    for (const [command, words] of Object.entries(COMMAND_WORDS)) {
      for (const word of words) {
        const problems = lint([word]);
        expect([word, problems.map((p) => p.code)]).toEqual([word, ['reserved-word']]);
        expect(problems[0].message).toContain(`(${command})`);
        expect(matchCommand(word)).toBe(command);
        expect(matchExactly(word, [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No', synonyms: [word] }])).toBe('no');
      }
    }
  });
});

