/**
 * Carries out one Teams request against the conversation handler. Replies go out through `send`, which
 * knows whether the HTTP turn is still open or the answer must be posted proactively.
 */
import type { ConversationHandler } from '../../conversation/types';
import { parseDomain } from '../../dns/domain';
import { say } from '../../engine/messages';
import type { Reply } from '../../engine/replies';
import type { CauseCardContext } from './cards/cause-card';
import type { ActionSubmit } from './card-data';
import type { TeamsRequest } from './request';

export type SendReplies = (replies: Reply[], cardContext?: CauseCardContext) => Promise<void>;

export const TEAMS_HELP = [
  'I find out why an SSL certificate stays in "Pending domain name verification" (progress 40%).',
  '- **certstatus example.com** (or **check example.com**): check the verification record in DNS now',
  '- **troubleshoot**: go through it step by step with me',
  '- **help**: this message',
  'In a channel, mention me first (for example "@certstatus check example.com"); I answer in the same reply chain.',
].join('\n');

export async function runTeamsRequest(
  request: TeamsRequest,
  key: string,
  conversations: ConversationHandler,
  send: SendReplies,
): Promise<void> {
  const toConversation = (replies: Reply[]) => send(replies);
  switch (request.kind) {
    case 'ignore':
      return;
    case 'help': {
      // Inside a running conversation `help` explains the current question; outside it, what the bot does.
      const state = await conversations.peek(key);
      if (state && state.status !== 'ended') return conversations.handle(key, { type: 'text', text: 'help' }, toConversation);
      return send([{ type: 'text', text: TEAMS_HELP }]);
    }
    case 'poke': {
      const state = await conversations.peek(key);
      const input = state && state.status !== 'ended' ? ({ type: 'command', command: 'help' } as const) : ({ type: 'start' } as const);
      return conversations.handle(key, { ...input, by: request.by }, toConversation);
    }
    case 'diagnose':
      return diagnose(request.domain, request.expect, conversations, send);
    case 'input':
      return conversations.handle(key, request.input, toConversation);
    case 'action': {
      const { submit, by } = request;
      if (submit.action === 'recheck' && submit.domain) return diagnose(submit.domain, submit.expect, conversations, send);
      if (submit.action === 'watch' && submit.domain) return watchDiagnosis(key, submit, conversations, toConversation);
      if (submit.action === 'recheck') return conversations.handle(key, { type: 'command', command: 'recheck', by }, toConversation);
      if (submit.action === 'troubleshoot') {
        return conversations.handle(key, { type: 'start', ...(submit.domain ? { vars: { domain: submit.domain } } : {}), by }, toConversation);
      }
      // A conversation card's `watch`: the engine says so if this conversation cannot be watched.
      return conversations.handle(key, { type: 'command', command: submit.action, by }, toConversation);
    }
  }
}

async function diagnose(domain: string, expect: string | undefined, conversations: ConversationHandler, send: SendReplies): Promise<void> {
  // Say something at once (the check can take a while); a bad domain gets the handler's error reply instead.
  if (isDomain(domain)) await send([{ type: 'progress', text: `Checking DNS for ${domain}...` }]);
  const replies = await conversations.diagnose({ domain, ...(expect ? { expect } : {}) });
  await send(replies.map(withDiagnosisActions), { domain, ...(expect ? { expect } : {}) });
}

/** A one-shot card's watch button: the notices come into this chat or reply chain (its saved reference). */
async function watchDiagnosis(key: string, submit: ActionSubmit, conversations: ConversationHandler, send: (replies: Reply[]) => Promise<void>): Promise<void> {
  if (!conversations.watchDiagnosis) return send([{ type: 'text', text: say(undefined, 'watchUnavailable') }]);
  if (!submit.cause || !submit.domain) return send([{ type: 'text', text: 'That button no longer says what to watch. Check the domain again, then click its button.' }]);
  const request = { domain: submit.domain, cause: submit.cause, ...(submit.expect ? { expect: submit.expect } : {}) };
  return send((await conversations.watchDiagnosis(key, request)).replies);
}

function isDomain(domain: string): boolean {
  try {
    parseDomain(domain);
    return true;
  } catch {
    return false;
  }
}

/** A one-shot diagnosis card always offers re-checking and guided troubleshooting. */
function withDiagnosisActions(reply: Reply): Reply {
  if (reply.type !== 'cause' || reply.actions.length) return reply;
  return {
    ...reply,
    actions: [
      { id: 'recheck', label: say(undefined, 'recheckAction') },
      { id: 'troubleshoot', label: say(undefined, 'troubleshootAction') },
    ],
  };
}
