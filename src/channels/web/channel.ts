/**
 * The web channel of `certstatus serve`: the check page at `/` (one or several names, an optional record
 * value, or a certificate id: every name of it against its own record, where the page may look it up), each result stored under a permalink, the "notify me" watch with its live state, and the guided
 * conversation as a web chat. Built on the channel kit like Slack and Teams, so the page gives the same
 * answers; this file only reads forms and renders pages. Abuse limits (limits.ts) guard every request
 * that runs a DNS check.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConversationHandler } from '../../conversation/types';
import type { Logger } from '../../core/logger';
import type { Flow } from '../../flow/types';
import type { EventLog } from '../../ops/events';
import { currentQuestionId } from '../../engine/ask';
import type { ActionId, Participant } from '../../engine/replies';
import type { HttpRoute } from '../../core/http-route';
import type { StateStore } from '../../store/types';
import type { Watch, WatchNotifier } from '../../watch/types';
import type { ShownReply } from '../kit/adapter';
import type { InFlight } from '../kit/in-flight';
import { ChannelKit } from '../kit/kit';
import { isActionId, type CardTarget } from '../kit/payload';
import { Transcripts, webAdapter, type TranscriptEntry } from './adapter';
import { assetRoutes } from './assets';
import { dashboardRoute } from './dashboard';
import type { WebConfig } from '../../config/web';
import { decideAccess, type Caller } from '../../certs/access';
import type { CertificateLookups } from '../kit/certificates';
import { escapeHtml, inline, page, renderReply, type ReplyContext } from './html';
import { BodyTooLarge, clientOf, query, readForm, redirect, sendHtml, tokenAccess } from './http';
import { WebLimits } from './limits';

export interface WebChannelOptions {
  config: WebConfig;
  conversations: ConversationHandler;
  store: StateStore;
  logger: Logger;
  inFlight?: InFlight;
  /** The running watches, to show a watch's live state; absent when watches are off. */
  watches?: { list(conversationKey: string): Promise<Watch[]> };
  /** The stats event log and the flow, for the dashboard. */
  events?: EventLog;
  flow?: () => Flow;
  /** Watches running now (the dashboard's "open"). */
  openWatches?: () => Promise<number>;
  now?: () => number;
  /** Certificate look-ups (`cert:ID`, the certificate id field); the web may use them only behind its token. */
  certificates?: CertificateLookups;
}

export interface WebChannel {
  routes: HttpRoute[];
  watchNotifier: WatchNotifier;
  kit: ChannelKit<string>;
  limits: WebLimits;
}

/** A stored one-shot result: what was asked and the replies, for its permalink. */
export interface StoredResult {
  id: string;
  domain: string;
  expect?: string;
  at: number;
  replies: ShownReply[];
  target: CardTarget;
}

const WEB_USER: Participant = { id: 'web', name: 'you' };
const MAX_VALUE = 255;
const MAX_TEXT = 500;
const TOKEN_COOKIE = 'certstatus_web';
const MAX_CERTIFICATE_ID = 64;
/** `cert:ID` or `certificate:ID` typed in the names field, as in chat (src/channels/kit/grammar.ts). */
const CERT_WORD = /^cert(?:ificate)?:(.+)$/i;

export function createWebChannel(options: WebChannelOptions): WebChannel {
  const { config, store, logger } = options;
  const now = options.now ?? Date.now;
  const transcripts = new Transcripts(store, now);
  // Who asks, for the look-up policy: the page's visitors, behind the token or not (src/certs/access.ts).
  const caller: Caller = { channel: 'web', behindToken: Boolean(config.token) };
  const certificates = options.certificates;
  // Typed names get the service's value only where the page may look certificates up; an open page says nothing.
  const domainCaller = certificates && decideAccess(certificates.allow, caller, certificates.source !== undefined).allowed ? caller : undefined;
  const kit = new ChannelKit({
    adapter: webAdapter(transcripts, caller), conversations: options.conversations, store, logger, now,
    ...(options.inFlight ? { inFlight: options.inFlight } : {}), ...(certificates ? { certificates } : {}),
  });
  const limits = new WebLimits(config.ratePerMinute, config.maxConcurrent, now);

  const resultKey = (id: string) => `web-result:${id}`;
  const loadResult = async (id: string | null) => (id && /^[A-Za-z0-9_-]{1,40}$/.test(id) ? (await store.get<StoredResult>(resultKey(id)))?.value : undefined);
  const watchPlace = (id: string) => `web:watch:${id}`;
  const chatPlace = (id: string) => `web:chat:${id}`;

  /** Every page of the channel: the token first (when configured), then the handler; bad input gets a page. */
  const guarded = (method: 'GET' | 'POST', path: string, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): HttpRoute => ({
    method,
    path,
    async handler(req, res) {
      let setCookie: string | undefined;
      if (config.token) {
        const access = tokenAccess(req, config.token, TOKEN_COOKIE, '/');
        if (!access.ok) return sendHtml(res, 401, messagePage('Access token needed', 'This page needs its access token. Open the link you were given (it ends in ?token=...), or ask whoever runs certstatus here.'));
        if (access.setCookie && method === 'GET') return redirect(res, access.cleanUrl ?? path, { 'Set-Cookie': access.setCookie });
        setCookie = access.setCookie;
      }
      if (setCookie) res.setHeader('Set-Cookie', setCookie);
      try {
        await handle(req, res);
      } catch (error) {
        if (error instanceof BodyTooLarge) return sendHtml(res, 413, messagePage('Too much text', 'That form was too large. Check fewer names at once.'));
        throw error;
      }
    },
  });

  /** Admits `checks` DNS checks for the request's client, or answers 429 with when to retry. */
  const admit = (req: IncomingMessage, res: ServerResponse, checks: number) => {
    const admission = limits.admit(clientOf(req, config.trustProxy), checks);
    if (admission.ok) return admission.release;
    const seconds = admission.retryAfterSeconds;
    sendHtml(
      res,
      429,
      messagePage('Too many checks', `Too many checks right now (${admission.reason}). Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`),
      { 'Retry-After': String(seconds) },
    );
    return undefined;
  };

  async function watchView(resultId: string): Promise<{ state: 'none' | 'watching' | 'ended'; text: string; entries: TranscriptEntry[] }> {
    const key = watchPlace(resultId);
    const [running, entries] = await Promise.all([options.watches?.list(key) ?? Promise.resolve([]), transcripts.read(key)]);
    const watch = running[0];
    if (watch) {
      const minutes = Math.max(1, Math.round((watch.nextRunAt - now()) / 60_000));
      return { state: 'watching', text: `Watching: next check in about ${minutes} minute${minutes === 1 ? '' : 's'}, until ${new Date(watch.expiresAt).toUTCString()}.`, entries };
    }
    if (entries.length) return { state: 'ended', text: 'The watch has ended; its last notice is below.', entries };
    return { state: 'none', text: 'Notify me when it takes effect', entries };
  }

  async function resultHtml(result: StoredResult, heading: 'h2' | 'h1' = 'h2'): Promise<string> {
    const watch = result.replies.some((reply) => reply.type === 'cause' && reply.actions.some((a) => a.id === 'watch')) && options.watches ? await watchView(result.id) : undefined;
    const context: ReplyContext = {
      kind: 'result',
      resultId: result.id,
      domain: result.domain,
      ...(result.expect ? { expect: result.expect } : {}),
      watchLink: watch ? watch.text : '',
    };
    const shown = options.watches ? result.replies : result.replies.map((reply) => (reply.type === 'cause' ? { ...reply, actions: reply.actions.filter((a) => a.id !== 'watch') } : reply));
    return `<article class="result" data-result="${escapeHtml(result.id)}"><${heading} class="domain">${escapeHtml(result.domain)}</${heading}>
<p class="meta">Checked ${escapeHtml(new Date(result.at).toUTCString())}${result.expect ? `, compared with <code>${escapeHtml(result.expect)}</code>` : ''}. <a class="permalink" href="/result?id=${encodeURIComponent(result.id)}">Permalink to this result</a></p>
${shown.map((reply) => renderReply(reply, context)).join('\n')}</article>`;
  }

  const checkPage = guarded('GET', '/', async (_req, res) => sendHtml(res, 200, page({ title: 'Check a domain', body: checkForm() })));

  const checkRoute = guarded('POST', '/check', async (req, res) => {
    const form = await readForm(req);
    const names = splitNames(form.get('names') ?? '');
    const value = (form.get('value') ?? '').trim().replace(/^["'\u201c]|["'\u201d]$/g, '');
    // The id field, or `cert:ID` (the chat grammar's word) typed as the only name.
    const typedCert = names.length === 1 ? CERT_WORD.exec(names[0] ?? '') : null;
    const certificate = ((form.get('certificate') ?? '').trim() || typedCert?.[1] || '').trim();
    const checked = typedCert ? [] : names;
    const problem =
      !checked.length && !certificate ? 'Type at least one domain name, for example example.com.'
      : checked.length > config.maxNames ? `At most ${config.maxNames} names per check; you gave ${checked.length}.`
      : value.length > MAX_VALUE ? `The record value is too long (at most ${MAX_VALUE} characters).`
      : certificate.length > MAX_CERTIFICATE_ID ? `The certificate id is too long (at most ${MAX_CERTIFICATE_ID} characters).`
      : certificate && checked.length ? 'Give either domain names or a certificate id, not both: the certificate id checks every name of the certificate.'
      : undefined;
    if (problem) return sendHtml(res, 400, page({ title: 'Check a domain', body: checkForm({ names: names.join('\n'), value, certificate, error: problem }) }));
    // A certificate holds one of the concurrent-check slots and counts its names against the rate once checked.
    const release = admit(req, res, certificate ? 1 : checked.length);
    if (!release) return;
    const results: StoredResult[] = [];
    try {
      if (certificate) {
        // The same path as Slack's and Teams' `cert:ID`: the allowlist first, then one card for every name.
        const { replies, target } = await kit.track(kit.checkCertificate(certificate, true, caller));
        const result: StoredResult = { id: randomBytes(9).toString('base64url'), domain: certificate, at: now(), replies, target };
        await store.set(resultKey(result.id), result, { ttlMs: config.resultTtlMs });
        results.push(result);
      }
      // One name at a time: a request holds one of the concurrent-check slots, whatever its size.
      for (const domain of checked) {
        const { replies, target } = await kit.track(kit.diagnose({ domain, ...(value ? { expect: value } : {}), public: true }, domainCaller));
        const result: StoredResult = { id: randomBytes(9).toString('base64url'), domain, ...(value ? { expect: value } : {}), at: now(), replies, target };
        await store.set(resultKey(result.id), result, { ttlMs: config.resultTtlMs });
        results.push(result);
      }
    } finally {
      release();
    }
    const title = certificate ? `Results for certificate ${certificate}` : `Results for ${checked.join(', ')}`;
    const body = `<h1>Results</h1>${(await Promise.all(results.map((r) => resultHtml(r)))).join('\n')}${checkForm({ names: checked.join('\n'), value, certificate })}`;
    sendHtml(res, 200, page({ title, body }));
  });

  const resultRoute = guarded('GET', '/result', async (req, res) => {
    const result = await loadResult(query(req).get('id'));
    if (!result) return sendHtml(res, 404, messagePage('Result not found', 'No result has this link: it was mistyped or has expired. Check the domain again below.', checkForm()));
    sendHtml(res, 200, page({ title: `Result for ${result.domain}`, body: await resultHtml(result, 'h1') }));
  });

  const watchPage = guarded('GET', '/watch', async (req, res) => {
    const result = await loadResult(query(req).get('id'));
    if (!result) return sendHtml(res, 404, messagePage('Result not found', 'No result has this link: it was mistyped or has expired.'));
    const view = await watchView(result.id);
    const cause = result.replies.find((reply) => reply.type === 'cause');
    const canWatch = Boolean(options.watches && cause?.type === 'cause' && cause.actions.some((a) => a.id === 'watch'));
    const start = view.state !== 'watching' && canWatch
      ? `<form method="post" action="/watch"><input type="hidden" name="id" value="${escapeHtml(result.id)}"><button type="submit">Watch ${escapeHtml(result.domain)} and tell me here</button></form>`
      : '';
    const unavailable = canWatch ? '' : '<p class="note">This result cannot be watched (nothing to wait for, or watches are off on this server).</p>';
    const notices = view.entries.map((entry) => renderReply(entry.reply, { kind: 'result', resultId: result.id, domain: result.domain, ...(result.expect ? { expect: result.expect } : {}), watchLink: '' })).join('\n');
    const body = `<h1>Watch for ${escapeHtml(result.domain)}</h1>
<p>The watch re-checks DNS on a schedule; this page shows what it found. Keep this page open or come back to it later. <a href="/result?id=${encodeURIComponent(result.id)}">Back to the result</a></p>
<p id="watch-state" class="watch-state state-${view.state}" role="status" aria-live="polite" data-watch="${escapeHtml(result.id)}">${escapeHtml(view.state === 'none' ? 'Not watching yet.' : view.text)}</p>
${unavailable}${start}<section aria-label="Notices" class="notices">${notices}</section>`;
    sendHtml(res, 200, page({ title: `Watch for ${result.domain}`, body }));
  });

  const watchState = guarded('GET', '/watch/state', async (req, res) => {
    const result = await loadResult(query(req).get('id'));
    const view = result ? await watchView(result.id) : undefined;
    const body = JSON.stringify(view ? { state: view.state, text: view.state === 'none' ? 'Not watching yet.' : view.text, link: view.text, notices: view.entries.length } : { state: 'unknown' });
    res.writeHead(view ? 200 : 404, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(body);
  });

  const watchStart = guarded('POST', '/watch', async (req, res) => {
    const form = await readForm(req);
    const result = await loadResult(form.get('id'));
    if (!result) return sendHtml(res, 404, messagePage('Result not found', 'No result has this link: it was mistyped or has expired.'));
    const cause = result.replies.find((reply) => reply.type === 'cause');
    if (cause?.type !== 'cause') return redirect(res, `/watch?id=${encodeURIComponent(result.id)}`);
    const release = admit(req, res, 1);
    if (!release) return;
    try {
      await kit.watchOneShot(watchPlace(result.id), WEB_USER, { kind: 'card', action: 'watch', domain: result.domain, ...(result.expect ? { expect: result.expect } : {}), cause: cause.causeId });
    } finally {
      release();
    }
    redirect(res, `/watch?id=${encodeURIComponent(result.id)}`);
  });

  const chatPage = guarded('GET', '/chat', async (req, res) => {
    const id = query(req).get('id');
    if (!id) return sendHtml(res, 200, page({ title: 'Step by step', body: chatStartForm() }));
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) return sendHtml(res, 404, messagePage('Conversation not found', 'No conversation has this link.', chatStartForm()));
    const key = chatPlace(id);
    const [entries, state] = await Promise.all([transcripts.read(key), kit.conversations.peek(key)]);
    if (!entries.length) return sendHtml(res, 404, messagePage('Conversation not found', 'No conversation has this link: it was mistyped or has expired.', chatStartForm()));
    const answered = new Map(entries.flatMap((entry) => (entry.reply.type === 'question' && entry.answered ? [[entry.reply.questionId, entry.answered.label] as const] : [])));
    const open = state && !kit.isIdle(state) ? currentQuestionId(state) : undefined;
    const context: ReplyContext = { kind: 'chat', chatId: id, ...(open ? { currentQuestionId: open } : {}), answered };
    const items = entries.map((entry, index) => `<li class="turn"${index === entries.length - 1 ? ' id="latest"' : ''}>${renderReply(entry.reply, context)}</li>`).join('\n');
    const ended = state?.status === 'ended';
    const body = `<h1>Step by step</h1>
<ol class="chat" aria-label="Conversation" aria-live="polite">${items}</ol>
${ended ? '<p class="note">This conversation has ended. <a href="/chat">Start a new one</a>, or type "restart" below.</p>' : ''}
<form class="say" method="post" action="/chat"><input type="hidden" name="id" value="${escapeHtml(id)}"><label for="say-text">Type an answer or a command (back, restart, help)</label><input id="say-text" name="text" type="text" autocomplete="off" required><button type="submit">Send</button></form>`;
    sendHtml(res, 200, page({ title: 'Step by step', body }));
  });

  const chatStart = guarded('POST', '/chat/start', async (req, res) => {
    const form = await readForm(req);
    const domain = (form.get('domain') ?? '').trim();
    const value = (form.get('value') ?? '').trim();
    if (domain.length > 253 || value.length > MAX_VALUE) return sendHtml(res, 400, messagePage('Too long', 'That domain or value is too long.', chatStartForm()));
    const release = admit(req, res, 1);
    if (!release) return;
    const id = randomBytes(12).toString('base64url');
    try {
      const vars: Record<string, string> = { ...(domain ? { domain } : {}), ...(value ? { expect: value } : {}) };
      if (domain) await kit.troubleshoot(chatPlace(id), chatPlace(id), WEB_USER, { domain, ...(value ? { expect: value } : {}), public: true });
      else await kit.inTurn(chatPlace(id), () => kit.converse(chatPlace(id), { type: 'start', ...(Object.keys(vars).length ? { vars } : {}), by: WEB_USER }));
    } finally {
      release();
    }
    redirect(res, `/chat?id=${id}#latest`);
  });

  const chatSay = guarded('POST', '/chat', async (req, res) => {
    const form = await readForm(req);
    const id = form.get('id') ?? '';
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) return sendHtml(res, 404, messagePage('Conversation not found', 'No conversation has this link.', chatStartForm()));
    const place = chatPlace(id);
    const choice = form.get('choice');
    const question = form.get('question');
    const action = form.get('action');
    const text = (form.get('text') ?? '').trim().slice(0, MAX_TEXT);
    if (!choice && !action && !text) return redirect(res, `/chat?id=${id}#latest`);
    const release = admit(req, res, 1);
    if (!release) return;
    try {
      if (choice && question) await kit.onChoice(place, WEB_USER, question, choice);
      else if (action && isActionId(action)) await kit.onCardAction(place, WEB_USER, action as ActionId);
      else if (text) await kit.onMessage(place, WEB_USER, text);
    } finally {
      release();
    }
    redirect(res, `/chat?id=${id}#latest`);
  });

  return {
    routes: [
      checkPage, checkRoute, resultRoute, watchPage, watchState, watchStart, chatPage, chatStart, chatSay, ...assetRoutes(),
      ...(options.flow ? [dashboardRoute({ config, flow: options.flow, now, ...(options.events ? { events: options.events } : {}), ...(options.openWatches ? { openWatches: options.openWatches } : {}) })] : []),
    ],
    watchNotifier: kit.notifier(),
    kit,
    limits,
  };
}

/** Names typed one a line, or separated by commas or spaces. */
export function splitNames(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((name) => name.trim()).filter(Boolean))];
}

function checkForm(values: { names?: string; value?: string; certificate?: string; error?: string } = {}): string {
  const error = values.error ? `<p class="note tone-error" role="alert" id="form-error">${escapeHtml(values.error)}</p>` : '';
  return `<section class="check" aria-labelledby="check-title"><h1 id="check-title">Why is my certificate still "Pending domain name verification"?</h1>
<p>Type the domain of your certificate. certstatus checks its <code>_dnsauth</code> TXT record at every nameserver and tells you what is wrong and what to do.</p>
${error}<form method="post" action="/check" class="check-form"${values.error ? ' aria-describedby="form-error"' : ''}>
<label for="names">Domain names <span class="hint">(one a line, or separated by commas)</span></label>
<textarea id="names" name="names" rows="2" autocomplete="off" autocapitalize="none" spellcheck="false" placeholder="example.com">${escapeHtml(values.names ?? '')}</textarea>
<label for="value">Record value <span class="hint">(optional: from the certificate console, starts with a date such as 20261125093000)</span></label>
<input id="value" name="value" type="text" autocomplete="off" spellcheck="false" value="${escapeHtml(values.value ?? '')}">
<label for="certificate">Certificate id <span class="hint">(optional, instead of names: such as scs1590053258704; every name of the certificate is checked against its own record, where this page may look certificates up)</span></label>
<input id="certificate" name="certificate" type="text" autocomplete="off" spellcheck="false" value="${escapeHtml(values.certificate ?? '')}">
<button type="submit">Check DNS</button></form>
<p>Prefer to go through it step by step? <a href="/chat">Answer a few questions instead</a>.</p></section>`;
}

function chatStartForm(): string {
  return `<section aria-labelledby="chat-title"><h1 id="chat-title">Step by step</h1>
<p>I ask a few questions and check DNS where I can, the same way the Slack and Teams bots do.</p>
<form method="post" action="/chat/start"><label for="chat-domain">Domain name <span class="hint">(optional)</span></label>
<input id="chat-domain" name="domain" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" placeholder="example.com">
<button type="submit">Start</button></form></section>`;
}

function messagePage(title: string, text: string, extra = ''): string {
  return page({ title, body: `<h1>${escapeHtml(title)}</h1><p class="note" role="alert">${inline(text)}</p>${extra}` });
}
