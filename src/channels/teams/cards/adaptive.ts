/**
 * Minimal Adaptive Card building blocks. Version 1.4: every element used here exists since 1.2, and 1.4 is
 * rendered by Teams on desktop, web and mobile (1.5 is not everywhere yet) and by the Bot Framework Emulator.
 */
import { CardFactory, type Attachment } from 'botbuilder';

export const CARD_VERSION = '1.4';

export type CardElement = Record<string, unknown>;

export interface CardAction {
  type: 'Action.Submit';
  title: string;
  data: object;
  style?: 'positive' | 'destructive';
}

/** An Action.Submit's data: the kit's encoded payload, the same string a Slack button's value holds. */
export function submitData(payload: string): { certstatus: string } {
  return { certstatus: payload };
}

/** Teams shows at most six actions in one set (its host config's actions.maxActions). */
export const TEAMS_MAX_ACTIONS = 6;

/**
 * Teams refuses a message over 100 KB, counted in UTF-16 (two bytes a character), and Microsoft advises
 * staying under 80 KB; cards are shortened (the kit's fitReply) to the advised size.
 */
export const TEAMS_MESSAGE_LIMIT_BYTES = 100 * 1024;
export const TEAMS_MESSAGE_TARGET_BYTES = 80 * 1000;

/** A message's size as Teams counts it: its JSON in UTF-16. */
export function teamsSize(activity: unknown): number {
  return JSON.stringify(activity).length * 2;
}

export function adaptiveCard(body: CardElement[], actions: CardAction[] = []): Attachment {
  // More buttons than Teams shows in one set go into the body as sets of six, so none is hidden.
  const sets = actions.length > TEAMS_MAX_ACTIONS ? chunks(actions, TEAMS_MAX_ACTIONS).map((set) => ({ type: 'ActionSet', actions: set })) : [];
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: [...body, ...sets],
    ...(actions.length && !sets.length ? { actions } : {}),
    // Full width: procedures and evidence are long lines that wrap badly in the narrow default.
    msteams: { width: 'Full' },
  });
}

export function textBlock(text: string, style: Partial<Record<'weight' | 'size' | 'color' | 'isSubtle' | 'spacing', unknown>> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...style };
}

export function heading(text: string): CardElement {
  return textBlock(text, { weight: 'Bolder', size: 'Medium' });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
