/**
 * The delivery of watch notices, for every platform: a watch's conversation key names its place, and the
 * notice is rendered by the platform's own renderer, so its buttons lead back to the conversation (or, for a
 * one-shot card's watch, which has no conversation, re-check the domain like the card's own buttons).
 */
import { CertstatusError, ErrorCode } from '../../core/errors';
import type { Reply } from '../../engine/replies';
import type { Watch, WatchNotifier } from '../../watch/types';
import type { PlatformAdapter, ShownReply } from './adapter';
import type { CardTarget } from './payload';

export function createWatchNotifier<Place>(adapter: PlatformAdapter<Place>): WatchNotifier {
  return {
    async notify(key: string, replies: Reply[], watch?: Watch): Promise<void> {
      const place = key.startsWith(`${adapter.name}:`) ? await adapter.placeOfKey(key) : undefined;
      if (!place) throw new CertstatusError(ErrorCode.Config, `Cannot post the notice to "${key}": it is no ${adapter.name} conversation this bot has talked in.`);
      const target: CardTarget = watch?.origin === 'one-shot'
        ? { domain: watch.domain, ...(watch.params.expect ? { expect: watch.params.expect } : {}), public: true }
        : { key };
      // In order; notices never answer a question, and ask none, so no card is remembered.
      for (const reply of replies) {
        if (reply.type !== 'answered') await adapter.post(place, reply satisfies ShownReply, target);
      }
    },
  };
}
