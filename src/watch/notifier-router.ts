/**
 * One WatchNotifier for every channel: a conversation key says which channel it belongs to by its prefix
 * (`slack:...`, `teams:...`), so the scheduler need not know about channels.
 */
import { CertstatusError, ErrorCode } from '../core/errors';
import type { Reply } from '../engine/replies';
import type { Watch, WatchNotifier } from './types';

/** Notifiers by channel name: the key prefix before the first colon (`slack`, `teams`). */
export type NotifierRoutes = Partial<Record<string, WatchNotifier>>;

export function routeNotifier(routes: NotifierRoutes): WatchNotifier {
  return {
    async notify(conversationKey: string, replies: Reply[], watch?: Watch): Promise<void> {
      const channel = conversationKey.slice(0, Math.max(0, conversationKey.indexOf(':')));
      const notifier = channel ? routes[channel] : undefined;
      if (!notifier) {
        throw new CertstatusError(ErrorCode.Config, `No channel can post to "${conversationKey}": ${channel || 'that key'} is not enabled here.`);
      }
      await notifier.notify(conversationKey, replies, watch);
    },
  };
}
