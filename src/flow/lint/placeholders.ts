/**
 * `{{var}}` placeholders must name a variable something sets: an input node's `capture`, or a variable
 * the checks and channels always provide. A misspelt name would show up literally in a user's chat.
 */
import { ALWAYS_KNOWN_VARS, placeholderNames } from '../placeholders';
import type { FlowProblem } from '../problems';
import { closest, quoteList } from '../../core/suggest';
import type { LintContext } from './context';
import { walkStrings } from './walk-strings';

/** `{{` not followed by a valid name and `}}`, or a single-brace `{domain}`. */
const MALFORMED = /\{\{(?!\s*[\w.-]+\s*\}\})|(?<!\{)\{[A-Za-z_][\w.-]*\}(?!\})/;

export function placeholders(ctx: LintContext): FlowProblem[] {
  const raw = Array.isArray(ctx.data.nodes) ? (ctx.data.nodes as unknown[]) : [];
  const captured = raw.map((n) => (n as { capture?: unknown } | null)?.capture).filter((c): c is string => typeof c === 'string');
  const known = new Set([...ALWAYS_KNOWN_VARS, ...captured]);
  const problems: FlowProblem[] = [];
  walkStrings(ctx.data, (text, path) => {
    // A message's placeholders are its parameters, not conversation variables (lint/messages.ts checks them).
    const names = path[0] === 'messages' ? [] : placeholderNames(text);
    for (const name of new Set(names)) {
      if (known.has(name)) continue;
      const guess = closest(name, known);
      problems.push(
        ctx.problem({
          severity: 'warning',
          code: 'unknown-placeholder',
          path,
          message: `placeholder {{${name}}} names a variable that no input node captures`,
          fix: guess ? `did you mean {{${guess}}}?` : `use one of ${quoteList([...known].map((k) => `{{${k}}}`))}, or add an input node with capture: ${name}`,
        }),
      );
    }
    const bad = MALFORMED.exec(text);
    if (bad) {
      problems.push(
        ctx.problem({
          severity: 'warning',
          code: 'malformed-placeholder',
          path,
          message: `"${text.slice(bad.index, bad.index + 20)}" looks like a placeholder but is not one, so it will be shown as written`,
          fix: 'write placeholders as {{name}}, e.g. {{domain}}',
        }),
      );
    }
  });
  return problems;
}
