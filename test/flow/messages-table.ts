/** The flows/README.md table of message ids, rendered from the catalogue (one source for both). */
import { MESSAGE_CATALOGUE } from '../../src/flow/messages';

export const TABLE_START = '<!-- messages table: generated from src/flow/messages.ts by test/flow/messages.test.ts -->';
export const TABLE_END = '<!-- end of messages table -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, '\\n');

export function messagesTable(): string {
  const rows = Object.entries(MESSAGE_CATALOGUE).map(([id, d]) => {
    const params = d.params.map((p) => `\`{{${p}}}\``).join(', ') || '–';
    return `| \`${id}\` | ${params} | ${cell(d.about)} | ${cell(d.text)} |`;
  });
  return [TABLE_START, '| id | placeholders | when | default text |', '|----|--------------|------|--------------|', ...rows, TABLE_END].join('\n');
}
