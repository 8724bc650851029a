/**
 * Adaptive Card validation with Microsoft's own renderer library (the `adaptivecards` package): the card is
 * parsed at the version Teams renders for bots (1.4 everywhere) under the Teams host config, and every
 * parse warning and validation failure is returned. Parsing needs no DOM; only rendering would.
 *
 * The package's `lib/` is ESM with extension-less imports that Node cannot load, so the UMD bundle in
 * `dist/` is used; its types are the package's.
 */
import type * as AdaptiveCardsModule from 'adaptivecards';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsModule;

/**
 * The host config values of Microsoft Teams that validation reads (from the Teams host config Microsoft
 * publishes with the Adaptive Cards samples, microsoft-teams-light.json): interactivity on, six actions.
 */
export const TEAMS_HOST_CONFIG = { supportsInteractivity: true, actions: { maxActions: 6, actionsOrientation: 'Horizontal' } };
export const TEAMS_CARD_VERSION = '1.4';

export function adaptiveCardProblems(card: unknown): string[] {
  const [major, minor] = TEAMS_CARD_VERSION.split('.').map(Number) as [number, number];
  const context = new AC.SerializationContext(new AC.Version(major, minor));
  const parsed = new AC.AdaptiveCard();
  parsed.hostConfig = new AC.HostConfig(TEAMS_HOST_CONFIG);
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}
