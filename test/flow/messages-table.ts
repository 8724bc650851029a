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

/** The schema's description of one message (flows/flow.schema.json must say exactly this, so editors show the default). */
export function schemaDescription(id: keyof typeof MESSAGE_CATALOGUE): string {
  const d = MESSAGE_CATALOGUE[id];
  const params = d.params.length ? ` Placeholders: ${d.params.map((p) => `{{${p}}}`).join(', ')}.` : ' No placeholders.';
  return `${d.about}${params} Default: ${d.text}`;
}
