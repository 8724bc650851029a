/**
 * Within one question, choice ids must be unique (they are button values) and no label or synonym may
 * pick two choices once case and punctuation are ignored (the user's answer would be ambiguous).
 */
import type { FlowProblem } from '../problems';
import type { LintContext } from './context';
import { normaliseText } from '../../core/text';

export function duplicateChoices(ctx: LintContext): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const { node, path } of ctx.nodes) {
    if (node.kind !== 'question') continue;
    const ids = new Map<string, string>();
    const words = new Map<string, string>(); // normalized word -> id of the choice it picks
    node.choices.forEach((choice, i) => {
      const at = [...path, 'choices', i];
      const other = ids.get(choice.id);
      if (other !== undefined) {
        problems.push(ctx.problem({ code: 'duplicate-choice-id', path: [...at, 'id'], message: `choice id "${choice.id}" is used twice in this question`, fix: 'give each choice of a question its own id' }));
      } else {
        ids.set(choice.id, choice.id);
      }
      const mine = new Set<string>();
      const entries: [string, (string | number)[]][] = [[choice.label, [...at, 'label']]];
      (choice.synonyms ?? []).forEach((s, j) => entries.push([s, [...at, 'synonyms', j]]));
      for (const [word, wordPath] of entries) {
        const key = normaliseText(word);
        if (!key || mine.has(key)) continue;
        mine.add(key);
        const owner = words.get(key);
        if (owner !== undefined && owner !== choice.id) {
          const isLabel = wordPath[wordPath.length - 1] === 'label';
          problems.push(
            ctx.problem({
              code: isLabel ? 'duplicate-choice-label' : 'ambiguous-synonym',
              path: wordPath,
              message: `"${word}" also picks choice "${owner}" of this question (case and punctuation are ignored)`,
              fix: isLabel ? 'give each choice a distinct label' : 'remove the synonym from one of the two choices',
            }),
          );
        } else {
          words.set(key, choice.id);
        }
      }
    });
  }
  return problems;
}
