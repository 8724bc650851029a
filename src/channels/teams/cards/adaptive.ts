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

export function adaptiveCard(body: CardElement[], actions: CardAction[] = []): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length ? { actions } : {}),
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
