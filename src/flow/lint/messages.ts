/**
 * The `messages:` section rewords the bot's own sentences: every key must be a message id the bot says
 * (src/flow/messages.ts), and every {{placeholder}} one that message is given, or the user would see
 * the braces. A misspelt id would silently keep the default text.
 */
import { closest, quoteList } from '../../core/suggest';
import { MESSAGE_CATALOGUE, MESSAGE_IDS, isMessageId } from '../messages';
import { placeholderNames } from '../placeholders';
import type { FlowProblem } from '../problems';
import type { LintContext } from './context';

export function messages(ctx: LintContext): FlowProblem[] {
  const section = ctx.data.messages;
  if (!section || typeof section !== 'object' || Array.isArray(section)) return [];
  const problems: FlowProblem[] = [];
  for (const [id, text] of Object.entries(section)) {
    const path = ['messages', id];
    if (!isMessageId(id)) {
      const guess = closest(id, MESSAGE_IDS);
      problems.push(
        ctx.problem({
          code: 'unknown-message',
          path,
          key: true,
          message: `"${id}" is not a message the bot says, so this text would never be shown`,
          fix: guess ? `did you mean "${guess}"?` : 'use a message id listed in flows/README.md (Messages)',
        }),
      );
      continue;
    }
    if (typeof text !== 'string') continue; // the schema reports the wrong type
    if (text.trim() === '') {
      problems.push(ctx.problem({ code: 'empty-text', path, message: `message "${id}" is empty`, fix: 'write the text, or remove the line to keep the default' }));
      continue;
    }
    const provided: readonly string[] = MESSAGE_CATALOGUE[id].params;
    for (const name of new Set(placeholderNames(text))) {
      if (provided.includes(name)) continue;
      const guess = closest(name, provided);
      problems.push(
        ctx.problem({
          code: 'unknown-message-placeholder',
          path,
          message: `message "${id}" is not given {{${name}}}, so it would be shown as written`,
          fix: guess
            ? `did you mean {{${guess}}}?`
            : provided.length
              ? `use ${quoteList(provided.map((p) => `{{${p}}}`))}`
              : `"${id}" has no placeholders: remove {{${name}}}`,
        }),
      );
    }
  }
  return problems;
}
