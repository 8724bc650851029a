/**
 * Users can type a command word at any point ("help", "start over", "notify me"). A choice labelled with
 * one wins over the command at its question (the engine tries exact choice words first), so there the
 * command cannot be typed. The words come from the engine's own list (src/flow/commands.ts).
 */
import { normaliseText } from '../../core/text';
import { matchCommand } from '../commands';
import type { FlowProblem } from '../problems';
import type { LintContext } from './context';

export function reservedWords(ctx: LintContext): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const { node, path } of ctx.nodes) {
    if (node.kind !== 'question') continue;
    node.choices.forEach((choice, i) => {
      const words: [string, (string | number)[]][] = [[choice.label, [...path, 'choices', i, 'label']]];
      (choice.synonyms ?? []).forEach((s, j) => words.push([s, [...path, 'choices', i, 'synonyms', j]]));
      for (const [word, wordPath] of words) {
        const command = normaliseText(word) ? matchCommand(word) : undefined;
        if (!command) continue;
        problems.push(
          ctx.problem({
            severity: 'warning',
            code: 'reserved-word',
            path: wordPath,
            message: `"${word}" is a command users can type at any point (${command}); typed at this question it picks choice "${choice.id}" instead, so the command cannot be typed here`,
            fix: 'use another word, unless the choice should win here',
          }),
        );
      }
    });
  }
  return problems;
}
