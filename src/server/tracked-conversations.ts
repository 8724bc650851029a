/**
 * A ConversationHandler whose every turn (its DNS check and the deliveries after it) is registered as
 * work in flight, so a graceful stop waits for it before closing the store.
 */
import type { ConversationHandler } from '../conversation/types';
import type { InFlight } from '../ops/in-flight';

export function trackedConversations(handler: ConversationHandler, inFlight: InFlight): ConversationHandler {
  return {
    handle: (key, input, deliver) => inFlight.track(handler.handle(key, input, deliver)),
    peek: (key) => handler.peek(key),
    diagnose: (request) => inFlight.track(handler.diagnose(request)),
    ...(handler.watchDiagnosis ? { watchDiagnosis: (key, request) => inFlight.track(handler.watchDiagnosis!(key, request)) } : {}),
    ...(handler.hasWatches ? { hasWatches: (key) => handler.hasWatches!(key) } : {}),
  };
}
