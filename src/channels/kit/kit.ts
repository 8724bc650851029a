/**
 * The channel kit: what every channel does, once. A platform adapter translates its inbound events into
 * the calls below (a message addressed to the bot, a reply in a thread, a click) and implements
 * PlatformAdapter to render and post; the kit reads the words (grammar), serialises per conversation,
 * drops retried deliveries, remembers posted questions, runs the one-shot diagnosis with its watch offer,
 * and posts watch notices. Work it starts is tracked, so a graceful stop can wait for it.
 */
import type { Caller } from '../../certs/access';
import type { CheckQueue } from '../../checks/pool';
import { oneShotParams } from '../../conversation/one-shot';
import type { ConversationHandler, DeliverReplies, HandleOptions, WatchDiagnosisAnswer } from '../../conversation/types';
import type { Logger } from '../../core/logger';
import { parseDomain } from '../../core/domain';
import { currentQuestionId } from '../../engine/ask';
import type { CommandInput, Input } from '../../engine/inputs';
import { say } from '../../engine/messages';
import { watchStartedText } from '../../engine/watch-messages';
import type { ActionId, Participant, Reply } from '../../engine/replies';
import type { ConversationState } from '../../engine/state';
import type { StateStore } from '../../store/types';
import { withDelivery } from '../../conversation/outbox';
import type { WatchNotifier } from '../../watch/types';
import type { PlatformAdapter, ShownReply } from './adapter';
import { CardMemory } from './card-memory';
import { certificateRequest, withServiceValues, type CertificateLookups } from './certificates';
import { Deduplicator } from './dedupe';
import { isConversationCommand, isWatchListOrCancel, parseCommand, usage, type OneShotRequest } from './grammar';
import { InFlight } from './in-flight';
import { createWatchNotifier } from './notices';
import type { CardPayload, CardTarget } from './payload';
import { KeyedSerial } from './serial';

export interface ChannelKitOptions<Place> {
  adapter: PlatformAdapter<Place>;
  conversations: ConversationHandler;
  store: StateStore;
  logger: Logger;
  /** Must match the conversation service's idle expiry (default 24 hours), to tell users a click came too late. */
  idleExpiryMs?: number;
  /** How long posted questions are remembered (default: seven days, as long as a conversation is kept). */
  cardLifetimeMs?: number;
  now?: () => number;
  /** The server's one tracker of work in flight; each kit has its own by default. */
  inFlight?: InFlight;
  /** Certificate look-ups (`cert:ID`, values for typed domains); absent: none, and nothing said about them. */
  certificates?: CertificateLookups;
  /** The server's check pool, so a "checking" note can say how many checks are ahead in the queue. */
  checkQueue?: CheckQueue;
}

/** Notes only the clicker sees (where the platform can show them). */
export const NOTES = {
  expired: 'This conversation has expired or ended, so that answer was not used. Mention me (or message me) to start again.',
  stale: 'That question is no longer the current one, so your click was not used. Answer the latest question below.',
  answered: (by: string, label: string) => `${by} already answered this question (${label}); nothing changed.`,
  notAvailable: 'That action is not available here.',
  noWatchTarget: 'That button no longer says what to watch. Check the domain again, then click its button.',
  checkFailed: 'Sorry, the check failed on my side. Please try again in a minute.',
  answerBelow: (domain: string) => `Checked DNS for ${shownDomain(domain)}: the answer is below.`,

};

const DM_GREETING = ':wave: Let\'s troubleshoot your certificate here.';
const DEFAULT_IDLE_EXPIRY_MS = 24 * 60 * 60 * 1000;

/** The note while a one-shot check runs; the name as DNS knows it (in Unicode), not the URL or text typed. */
export function checkingText(domain: string): string {
  return `Checking DNS for ${shownDomain(domain)}...`;
}

/** The "checking" note's addition when the check has to wait for others: " (3 checks ahead of you)". */
export function aheadText(ahead: number): string {
  return ahead > 0 ? ` (${ahead} check${ahead === 1 ? '' : 's'} ahead of you)` : '';
}

/** The one-shot request a card's button carries, if it is a one-shot card's. */
export function oneShotOf(payload: CardPayload): OneShotRequest | undefined {
  if (!payload.domain) return undefined;
  return { domain: payload.domain, ...(payload.expect ? { expect: payload.expect } : {}), public: payload.public === true };
}

export class ChannelKit<Place> {
  readonly adapter: PlatformAdapter<Place>;
  readonly conversations: ConversationHandler;
  readonly memory: CardMemory;
  readonly dedupe: Deduplicator;
  readonly inFlight: InFlight;
  readonly logger: Logger;
  readonly certificates?: CertificateLookups;
  private readonly serial = new KeyedSerial();
  private readonly idleExpiryMs: number;
  private readonly now: () => number;
  private readonly checkQueue?: CheckQueue;

  constructor(options: ChannelKitOptions<Place>) {
    this.adapter = options.adapter;
    this.conversations = options.conversations;
    this.logger = options.logger;
    this.memory = new CardMemory(options.store, options.cardLifetimeMs);
    this.dedupe = new Deduplicator(options.store);
    this.inFlight = options.inFlight ?? new InFlight();
    this.idleExpiryMs = options.idleExpiryMs ?? DEFAULT_IDLE_EXPIRY_MS;
    this.now = options.now ?? Date.now;
    if (options.certificates) this.certificates = options.certificates;
    this.checkQueue = options.checkQueue;
  }

  /** The note while a one-shot check runs, with the queue in front of it when it has to wait. */
  checkingNote(request: OneShotRequest): string {
    let ahead = 0;
    try {
      ahead = this.checkQueue?.ahead('dns', oneShotParams(request)) ?? 0;
    } catch {
      // A bad domain: the check answers with its own one-line error; the note stays plain.
    }
    return `${checkingText(request.domain)}${aheadText(ahead)}`;
  }

  /** The usage text with this platform's line on how to reach the bot. */
  get usage(): string {
    return usage(this.adapter.usageWhere);
  }

  /** Registers work that goes on after its request was answered, for a graceful stop. */
  track<T>(work: Promise<T>): Promise<T> {
    return this.inFlight.track(work);
  }

  /** Runs `work` after every earlier input of the same conversation has been applied and its replies posted. */
  inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.serial.run(key, work);
  }

  /**
   * True the first time the platform delivers `deliveryId`, and for a retry whose first handler died before
   * finishing; otherwise the retry is to be dropped (a live replica is answering it, or it was answered).
   */
  firstDelivery(deliveryId: string): Promise<boolean> {
    return this.dedupe.first(this.adapter.name, deliveryId, this.conversations.replica);
  }

  /**
   * Handles one platform delivery: the conversation applies its input once however often it is retried,
   * and once `work` is done, retries of it are dropped.
   */
  async asDelivery<T>(deliveryId: string | undefined, work: () => Promise<T>): Promise<T> {
    if (!deliveryId) return work();
    const result = await withDelivery(`${this.adapter.name}:${deliveryId}`, work);
    await this.dedupe.done(this.adapter.name, deliveryId).catch((error: unknown) => this.logger.warn({ err: error, channel: this.adapter.name }, 'could not mark a delivery done'));
    return result;
  }

  /**
   * Posts what a dead process left in the conversation at `key` (replies not posted, a check it was
   * running), for the recovery sweep. Keys of other platforms, and places that cannot be reached, are skipped.
   */
  async recover(key: string): Promise<void> {
    if (!this.conversations.recover || !key.startsWith(`${this.adapter.name}:`)) return;
    const place = await this.adapter.placeOfKey(key);
    if (place === undefined) return;
    await this.inTurn(key, () => this.conversations.recover!(key, this.deliverer(place)));
  }

  /** Posts replies in order; `answered` updates the question it answers, and questions are remembered for that. */
  deliverer(place: Place, target?: CardTarget): DeliverReplies {
    const key = this.adapter.keyOf(place);
    const to = target ?? { key };
    return async (replies, posted) => {
      // In order: an answer's update must land before the next question appears. Each posted reply is
      // reported at once, so the outbox never posts it again.
      for (const [index, reply] of replies.entries()) {
        // Ticked off right after the platform took it, before the card memory is written: the narrowest
        // window in which a kill makes the outbox post it again.
        const remember = await this.postOne(place, key, reply, to);
        await posted?.(index + 1);
        await remember?.();
      }
    };
  }

  /** Posts (or updates) one reply; returns the card-memory write that follows it, if any. */
  private async postOne(place: Place, key: string, reply: Reply, to: CardTarget): Promise<(() => Promise<void>) | undefined> {
    if (reply.type === 'answered') {
      const question = await this.memory.recall(key, reply.questionId);
      // Posted before a restart of a memory store, by another instance, or expired: nothing to update.
      if (!question) return;
      try {
        await this.adapter.updateAnswered(place, question, reply);
      } catch (error) {
        // The conversation goes on even if the old card keeps its buttons: a second click is stale anyway.
        this.logger.warn({ err: error, channel: this.adapter.name, questionId: reply.questionId }, 'could not update the answered question');
      }
      return () => this.memory.markAnswered(key, question, { label: reply.label, ...(reply.by ? { by: reply.by } : {}) });
    }
    const ref = await this.adapter.post(place, reply, to);
    if (reply.type === 'question' && ref) return () => this.memory.remember(key, reply, ref);
    return undefined;
  }

  /** Applies an input to the place's conversation and posts the replies. Call inside `inTurn` for the place. */
  converse(place: Place, input: Input, options?: HandleOptions): Promise<void> {
    // A domain typed as an answer: the certificate service's value, where this place may look it up.
    const by = 'by' in input ? input.by : undefined;
    const knownVars = this.certificates?.source
      ? async (vars: Readonly<Record<string, string>>): Promise<Record<string, string>> => {
          const [resolved] = await withServiceValues(this.certificates, this.callerOf(place, by), [{ domain: vars.domain ?? '' }]);
          return resolved?.expect ? { expect: resolved.expect } : {};
        }
      : undefined;
    return this.conversations.handle(this.adapter.keyOf(place), input, this.deliverer(place), { ...options, ...(knownVars ? { knownVars } : {}) });
  }

  /** The conversation waiting at `key`, if it is still open (not ended, not idle past expiry). */
  async openConversation(key: string): Promise<ConversationState | undefined> {
    const state = await this.conversations.peek(key);
    if (!state || state.status === 'ended' || this.isIdle(state)) return undefined;
    return state;
  }

  /** Idle longer than the service's expiry: the next input starts afresh. */
  isIdle(state: ConversationState): boolean {
    return this.now() - state.updatedAt > this.idleExpiryMs;
  }

  /** A message addressed to the bot: a mention, a direct message, any Teams message (`options.signal` cancels its check). */
  onMessage(place: Place, by: Participant, text: string, options?: HandleOptions): Promise<void> {
    const key = this.adapter.keyOf(place);
    return this.inTurn(key, async () => {
      const active = Boolean(await this.openConversation(key));
      const command = parseCommand(text, { conversationActive: active, freeText: true });
      switch (command.kind) {
        case 'help':
          await this.post(place, [{ type: 'text', text: this.usage }]);
          return;
        case 'poke':
          // Just the bot's name: help with the open question, or a new conversation.
          await this.converse(place, active ? { type: 'command', command: 'help', by } : { type: 'start', by }, options);
          return;
        case 'invalid':
          await this.note(place, by, command.message, 'error');
          return;
        case 'diagnose':
          // In a place everyone sees, the answer is for everyone.
          await this.diagnoseInPlace(place, { ...command, public: true }, this.callerOf(place, by));
          return;
        case 'diagnose-many':
          await this.namesInPlace(place, () => this.diagnoseMany(command.domains, true, this.callerOf(place, by)), `${command.domains.length} names`);
          return;
        case 'certificate': {
          const caller = this.callerOf(place, by);
          await this.namesInPlace(place, () => this.checkCertificate(command.id, true, caller), command.id);
          return;
        }
        case 'start': {
          const vars: Record<string, string> = command.domain ? { domain: command.domain } : {};
          await this.valueForFlow(vars, place, by);
          await this.converse(place, { type: 'start', ...(command.domain ? { vars } : {}), by }, options);
          return;
        }
        case 'text':
          // Words with no conversation to answer ("@certstatus my certificate is stuck") start one.
          await this.converse(place, active || isConversationCommand(command.text) ? { type: 'text', text: command.text, by } : { type: 'start', by }, options);
      }
    });
  }

  /**
   * A reply in a thread that does not address the bot: an answer where a conversation waits, and a command
   * ("recheck" under a cause card, "watches" where a one-shot card's watch posts); otherwise people talking.
   */
  onThreadReply(place: Place, by: Participant, text: string): Promise<void> {
    const key = this.adapter.keyOf(place);
    return this.inTurn(key, async () => {
      const command =
        (isConversationCommand(text) && (await this.conversations.peek(key))) ||
        (isWatchListOrCancel(text) && (await this.conversations.hasWatches?.(key)));
      if (!command && !(await this.openConversation(key))) return;
      await this.converse(place, { type: 'text', text, by });
    });
  }

  /**
   * A click on a question's answer button. Where the platform can tell the clicker alone, a click on an old
   * question, or a second click on one already answered, gets a note only they see and changes nothing;
   * elsewhere the conversation answers it (its "that question is no longer current").
   */
  onChoice(place: Place, by: Participant, questionId: string, choiceId: string): Promise<void> {
    const key = this.adapter.keyOf(place);
    const input: Input = { type: 'choice', questionId, choiceId, by };
    if (!this.adapter.ephemeral) return this.inTurn(key, () => this.converse(place, input));
    const tell = (text: string) => this.adapter.ephemeral!(place, by, text);
    return this.inTurn(key, async () => {
      const note = await this.whyNotApplied(key, questionId);
      if (note) return tell(note);
      if (!(await this.memory.claimAnswer(key, questionId))) return tell((await this.answeredNote(key, questionId)) ?? NOTES.stale);
      await this.converse(place, input);
    });
  }

  /** A conversation card's button (re-check, restart, hand off, watch): the conversation's command. */
  onCardAction(place: Place, by: Participant, action: ActionId): Promise<void> {
    if (action === 'details') return this.note(place, by, NOTES.notAvailable);
    const command: CommandInput['command'] = action === 'troubleshoot' ? 'restart' : action;
    return this.inTurn(this.adapter.keyOf(place), () => this.converse(place, { type: 'command', command, by }));
  }

  /** Who asks from `place`, for the certificate look-up policy; undefined where the platform cannot say. */
  callerOf(place: Place, by?: Participant): Caller | undefined {
    return this.adapter.callerOf?.(place, by);
  }

  /**
   * The one-shot diagnosis as replies, and where the card's buttons lead. Without a typed value, and with
   * look-ups set up, `caller`'s access decides whether the certificate service gives the value (a line says so).
   */
  async diagnose(request: OneShotRequest, caller?: Caller): Promise<{ replies: ShownReply[]; target: CardTarget }> {
    // Called right after the platform's ack: let the requests that arrived with this one be acknowledged
    // first (they wait in the same event-loop turn), then start the check and render its card.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const [resolved] = await withServiceValues(this.certificates, caller, [request]);
    const { notes, ...asked } = resolved ?? { ...request, notes: [] };
    const replies = await this.conversations.diagnose({
      domain: asked.domain,
      ...(asked.expect ? { expect: asked.expect } : {}),
      ...(asked.recordName ? { recordName: asked.recordName } : {}),
      ...(asked.recordType ? { recordType: asked.recordType } : {}),
    });
    // The buttons carry the canonical request (the ASCII name, not the URL or Unicode text typed).
    const target: CardTarget = { domain: asciiDomain(request.domain), ...(asked.expect ? { expect: asked.expect } : {}), public: request.public };
    return { replies: [...notes, ...replies.filter((reply): reply is ShownReply => reply.type !== 'answered')], target };
  }

  /** Several names typed at once: one card, each name with the value the service holds for it where it may say. */
  async diagnoseMany(domains: string[], shown: boolean, caller?: Caller): Promise<{ replies: ShownReply[]; target: CardTarget }> {
    const resolved = await withServiceValues(this.certificates, caller, domains.map((domain) => ({ domain })));
    const notes = resolved.flatMap((r) => r.notes.map((n) => n.text));
    const replies = await this.conversations.diagnoseNames({ names: resolved.map(({ notes: _notes, ...name }) => name), notices: notes });
    return { replies: replies.filter((reply): reply is ShownReply => reply.type !== 'answered'), target: { domain: asciiDomain(domains[0] ?? ''), public: shown } };
  }

  /** `cert:ID`: every name of the certificate against its record on one card, or one line why not. */
  async checkCertificate(id: string, shown: boolean, caller?: Caller): Promise<{ replies: ShownReply[]; target: CardTarget }> {
    const target: CardTarget = { domain: id, public: shown };
    const answer = await certificateRequest(this.certificates, caller ?? { channel: this.adapter.name === 'teams' ? 'teams' : 'slack' }, id);
    if (answer.kind === 'text') return { replies: answer.replies, target };
    const replies = await this.conversations.diagnoseNames(answer.request);
    return { replies: replies.filter((reply): reply is ShownReply => reply.type !== 'answered'), target };
  }

  /**
   * A "checking" note at once (the check can take a while), then the diagnosis in its place or after it.
   * The note never stays alone: when the diagnosis fails, or the platform will not take the answer in the
   * note's place, the answer (or a one-line error) is posted after it and the note says so.
   */
  async diagnoseInPlace(place: Place, request: OneShotRequest, caller?: Caller): Promise<void> {
    // A bad domain gets the diagnosis's one-line error at once, without a note.
    if (!isDomain(request.domain)) {
      const { replies, target } = await this.diagnose(request, caller);
      return this.post(place, replies, target);
    }
    await this.answerInPlace(place, () => this.diagnose(request, caller), request.domain, this.checkingNote(request));
  }

  /** Like diagnoseInPlace, for a names card (a certificate's names, several typed names). */
  namesInPlace(place: Place, work: () => Promise<{ replies: ShownReply[]; target: CardTarget }>, what: string): Promise<void> {
    return this.answerInPlace(place, work, what);
  }

  private async answerInPlace(place: Place, work: () => Promise<{ replies: ShownReply[]; target: CardTarget }>, what: string, note = checkingText(what)): Promise<void> {
    const checking = await this.adapter.post(place, { type: 'progress', text: note }, { key: this.adapter.keyOf(place) });
    let answer: { replies: ShownReply[]; target: CardTarget };
    try {
      answer = await work();
    } catch (error) {
      this.logger.error({ err: error, channel: this.adapter.name }, 'one-shot diagnosis failed');
      answer = { replies: [{ type: 'text', tone: 'error', text: NOTES.checkFailed }], target: { key: this.adapter.keyOf(place) } };
    }
    const { replies, target } = answer;
    if (checking && this.adapter.replace) {
      try {
        return await this.adapter.replace(place, checking, replies, target);
      } catch (error) {
        this.logger.warn({ err: error, channel: this.adapter.name }, 'could not put the answer in place of the checking note; posting it after the note');
        await this.post(place, replies, target);
        await this.adapter.replace(place, checking, [{ type: 'text', text: NOTES.answerBelow(what) }], target).catch(() => undefined);
        return;
      }
    }
    await this.post(place, replies, target);
  }

  /** "Troubleshoot" on a one-shot card: the guided conversation, with the domain, where the card is (or in a DM). */
  async troubleshoot(place: Place | undefined, near: Place, by: Participant, request: OneShotRequest): Promise<void> {
    const vars: Record<string, string> = { domain: asciiDomain(request.domain), ...(request.expect ? { expect: request.expect } : {}) };
    await this.valueForFlow(vars, place ?? near, by);
    const here = place ?? (await this.adapter.directMessage?.(near, by, DM_GREETING));
    if (!here) return;
    await this.inTurn(this.adapter.keyOf(here), () => this.converse(here, { type: 'start', vars, by }));
  }

  /**
   * The guided flow asks "what value did the console show?" only when it does not know: a domain given at
   * the start gets the value of the pending certificate covering it, where this place may look it up.
   */
  private async valueForFlow(vars: Record<string, string>, place: Place, by: Participant): Promise<void> {
    if (!vars.domain || vars.expect) return;
    const [resolved] = await withServiceValues(this.certificates, this.callerOf(place, by), [{ domain: vars.domain }]);
    if (resolved?.expect) vars.expect = resolved.expect;
  }

  /** Starts the guided conversation in `user`'s direct message; returns that place. */
  async startInDirectMessage(near: Place, by: Participant): Promise<Place | undefined> {
    const dm = await this.adapter.directMessage?.(near, by, DM_GREETING);
    if (dm) await this.inTurn(this.adapter.keyOf(dm), () => this.converse(dm, { type: 'start', by }));
    return dm;
  }

  /**
   * "Notify me when it takes effect" on a one-shot card: the watch posts into `place` (where "watches" and
   * "unwatch" then find it), and so does the confirmation. A second click leaves the running watch alone.
   */
  async watchOneShot(place: Place, by: Participant, payload: CardPayload): Promise<WatchDiagnosisAnswer | undefined> {
    const watchDiagnosis = this.conversations.watchDiagnosis?.bind(this.conversations);
    if (!watchDiagnosis) return void (await this.note(place, by, say(undefined, 'watchUnavailable')));
    if (!payload.domain || !payload.cause) return void (await this.note(place, by, NOTES.noWatchTarget));
    const request = { domain: payload.domain, cause: payload.cause, ...(payload.expect ? { expect: payload.expect } : {}) };
    const key = this.adapter.keyOf(place);
    // One click at a time per place, so two quick clicks find the first one's watch instead of racing it.
    return this.inTurn(key, async () => {
      const answer = await watchDiagnosis(key, request);
      await this.deliverer(place)(answer.replies);
      return answer;
    });
  }

  /**
   * "Notify me" on a card only the clicker saw (an ephemeral one-shot card): the watch lives in a direct
   * message with them, where its notices go and "watches" / "unwatch" find it. Returns what to tell the
   * clicker where they clicked; `where` names the direct message in the platform's words.
   */
  async watchInDirectMessage(near: Place, by: Participant, payload: CardPayload, dm: { greeting: string; where: (dm: Place) => string }): Promise<string> {
    if (!this.conversations.watchDiagnosis) return say(undefined, 'watchUnavailable');
    if (!payload.cause || !payload.domain) return NOTES.noWatchTarget;
    const place = await this.adapter.directMessage?.(near, by, dm.greeting);
    if (!place) return say(undefined, 'watchUnavailable');
    const answer = await this.watchOneShot(place, by, payload);
    const watching = answer?.watching;
    if (watching) return watchStartedText(undefined, watching.domain, watching.nextCheckInMs, watching.until, dm.where(place));
    return (answer?.replies ?? []).map((reply) => ('text' in reply ? reply.text : '')).filter(Boolean).join('\n');
  }

  /** Tells `by` alone where the platform can, else everyone in the place (`error`: what they typed was wrong). */
  async note(place: Place, by: Participant, text: string, tone?: 'error'): Promise<void> {
    if (this.adapter.ephemeral) return this.adapter.ephemeral(place, by, text);
    await this.post(place, [{ type: 'text', text, ...(tone ? { tone } : {}) }]);
  }

  /** Posts watch notices into the conversation that asked for them, outside any request. */
  notifier(): WatchNotifier {
    return createWatchNotifier(this.adapter);
  }

  private async post(place: Place, replies: ShownReply[], target?: CardTarget): Promise<void> {
    await this.deliverer(place, target)(replies);
  }

  /** Why a click on `questionId` of the conversation at `key` must not be applied, if it must not. */
  private async whyNotApplied(key: string, questionId: string): Promise<string | undefined> {
    const state = await this.conversations.peek(key);
    if (!state || this.isIdle(state)) return NOTES.expired;
    if (currentQuestionId(state) === questionId) return undefined;
    return (await this.answeredNote(key, questionId)) ?? (state.status === 'ended' ? NOTES.expired : NOTES.stale);
  }

  private async answeredNote(key: string, questionId: string): Promise<string | undefined> {
    const answered = (await this.memory.recall(key, questionId))?.answered;
    return answered ? NOTES.answered(this.adapter.mention?.(answered.by) ?? answered.by?.name ?? answered.by?.id ?? 'someone', answered.label) : undefined;
  }
}

function isDomain(domain: string): boolean {
  try {
    parseDomain(domain);
    return true;
  } catch {
    return false;
  }
}

function shownDomain(domain: string): string {
  try {
    return parseDomain(domain).unicode;
  } catch {
    return domain.slice(0, 80);
  }
}

/** The flow keeps domains in their ASCII form, as its own domain question does. */
function asciiDomain(domain: string): string {
  try {
    return parseDomain(domain).ascii;
  } catch {
    return domain;
  }
}
