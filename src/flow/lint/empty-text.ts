/** Texts, labels, titles, synonyms and procedure steps that are empty or only spaces. */
import type { DataPath } from '../../core/yaml-locate';
import type { FlowProblem } from '../problems';
import { describe } from '../schema-problems';
import type { LintContext } from './context';
import { fieldOf, walkStrings } from './walk-strings';

const TEXT_FIELDS = new Set(['text', 'label', 'title', 'help', 'greeting', 'description', 'summary', 'after', 'procedure', 'synonyms']);

export function emptyText(ctx: LintContext): FlowProblem[] {
  const problems: FlowProblem[] = [];
  walkStrings(ctx.data, (text, path) => {
    const field = fieldOf(path);
    if (text.trim() !== '' || !field || !TEXT_FIELDS.has(field)) return;
    problems.push(
      ctx.problem({
        code: 'empty-text',
        path,
        message: `${what(field, path)} of ${describe(path, ctx.data)} is empty`,
        fix: field === 'synonyms' || field === 'procedure' ? 'write the text or remove the empty item' : `write the ${field} or remove the line`,
      }),
    );
  });
  return problems;
}

function what(field: string, path: DataPath): string {
  const index = path[path.length - 1];
  if (field === 'procedure' && typeof index === 'number') return `step ${index + 1} of the procedure`;
  if (field === 'synonyms' && typeof index === 'number') return `synonym ${index + 1}`;
  return `"${field}"`;
}
