/** Reading what the bot sent: the buttons of a message and its blocks as plain text. */

export interface FoundButton {
  action_id: string;
  value: string;
  text: string;
}

type Block = { type: string; text?: { text: string }; elements?: { type: string; text?: string | { text: string }; action_id?: string; value?: string }[] };

export function buttonsOf(message: { blocks?: unknown[] }): FoundButton[] {
  return ((message.blocks ?? []) as Block[])
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? [])
    .filter((element) => element.type === 'button')
    .map((element) => ({
      action_id: element.action_id ?? '',
      value: element.value ?? '',
      text: typeof element.text === 'object' ? element.text.text : String(element.text ?? ''),
    }));
}

export function button(message: { blocks?: unknown[] }, label: string | RegExp): FoundButton {
  const found = buttonsOf(message).find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
  if (!found) throw new Error(`No button ${label} in ${JSON.stringify(buttonsOf(message).map((b) => b.text))}`);
  return found;
}

/** Every text in the blocks, one per line (headers, sections, context elements). */
export function blockText(message: { blocks?: unknown[] }): string {
  return ((message.blocks ?? []) as Block[])
    .flatMap((block) => [
      block.text?.text,
      ...(block.type === 'context' ? (block.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : e.text?.text)) : []),
    ])
    .filter(Boolean)
    .join('\n');
}
