/** Users can type help/back/restart/cancel at any point, so a choice answered by those words is unreachable by typing. */
import type { FlowProblem } from '../problems';
import type { LintContext } from './context';
import { normalizeAnswer } from './normalize';

export const COMMAND_WORDS: readonly string[] = ['help', 'back', 'restart', 'cancel'];

export function reservedWords(ctx: LintContext): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const { node, path } of ctx.nodes) {
    if (node.kind !== 'question') continue;
    node.choices.forEach((choice, i) => {
      const words: [string, (string | number)[]][] = [[choice.label, [...path, 'choices', i, 'label']]];
      (choice.synonyms ?? []).forEach((s, j) => words.push([s, [...path, 'choices', i, 'synonyms', j]]));
      for (const [word, wordPath] of words) {
        if (!COMMAND_WORDS.includes(normalizeAnswer(word))) continue;
        problems.push(
          ctx.problem({
            severity: 'warning',
            code: 'reserved-word',
            path: wordPath,
            message: `"${word}" is a command users can type at any point, so typing it will not pick choice "${choice.id}"`,
            fix: 'use another word (buttons still work)',
          }),
        );
      }
    });
  }
  return problems;
}
