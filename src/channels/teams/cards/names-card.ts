/**
 * Several names on one Adaptive Card (NamesReply): the title, the notices, one section per name with its
 * cause in one line and a Details button (an ActionSet under the section) that posts that name's full cause
 * card, and the summary.
 */
import type { Attachment } from 'botbuilder';
import type { NameSection, NamesReply } from '../../../engine/replies';
import { cardPayload, encodePayload, type CardTarget } from '../../kit/payload';
import { adaptiveCard, heading, submitData, textBlock, type CardElement } from './adaptive';

const MARK: Record<NameSection['state'], string> = { right: '✅', stuck: '❌', unchecked: '❔' };

/** Where a name's Details button leads: that name's one-shot diagnosis. */
function sectionTarget(name: NameSection, target: CardTarget): CardTarget {
  return { domain: name.domain, ...(name.expect ? { expect: name.expect } : {}), ...('public' in target && target.public ? { public: true } : {}) };
}

export function namesCard(reply: NamesReply, target: CardTarget): Attachment {
  const body: CardElement[] = [heading(reply.title)];
  for (const notice of reply.notices) body.push(textBlock(`ℹ️ ${notice}`, { isSubtle: true, spacing: 'Small' }));
  for (const name of reply.sections) {
    body.push(
      textBlock(`${MARK[name.state]} **${name.domain}**: ${name.title}`, { spacing: 'Medium', weight: 'Bolder' }),
      textBlock(name.line, { size: 'Small', spacing: 'None' }),
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.Submit', title: `Details: ${name.domain}`, data: submitData(encodePayload(cardPayload('details', sectionTarget(name, target), name.causeId))) },
          ...(name.watch ? [{ type: 'Action.Submit', title: 'Notify me when it takes effect', data: submitData(encodePayload(cardPayload('watch', sectionTarget(name, target), name.causeId))) }] : []),
        ],
      },
    );
  }
  body.push(textBlock(reply.summary, { isSubtle: true, spacing: 'Medium' }));
  return adaptiveCard(body);
}
