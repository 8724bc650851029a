/**
 * HTML for the web channel, rendered on the server from the same reply model as every other channel: a
 * cause card (title, what to do, the evidence as a table per server, warnings), questions as forms of
 * buttons, notes. Everything a user or DNS said is escaped; the only markup is ours.
 */
import type { ActionButton, CauseReply, NamesReply, QuestionReply } from '../../engine/replies';
import type { Evidence } from '../../core/checks';
import type { ShownReply } from '../kit/adapter';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Escaped text with the chat markup the flows use (`code`, *bold*) and line breaks. */
export function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*([^*\s][^*]*)\*/g, '<strong>$1</strong>')
    .replace(/\n/g, '<br>');
}

export interface PageOptions {
  title: string;
  body: string;
  /** Extra scripts (served under /assets/), loaded deferred after the page's own. */
  scripts?: string[];
  styles?: string[];
}

export function page(options: PageOptions): string {
  const styles = ['/assets/web.css', ...(options.styles ?? [])].map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('');
  const scripts = [...(options.scripts ?? []), '/assets/web.js'].map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · certstatus</title><link rel="icon" href="data:,">${styles}</head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="top"><nav aria-label="Main"><a href="/">Check a domain</a><a href="/chat">Step by step</a></nav></header>
<main id="main" tabindex="-1">${options.body}</main>${scripts}</body></html>`;
}

/** What a rendered reply's buttons do: on a result page they link to pages, in a chat they post to it. */
export type ReplyContext =
  | { kind: 'result'; resultId: string; domain: string; expect?: string; watchLink: string }
  | { kind: 'chat'; chatId: string; currentQuestionId?: string; answered: Map<string, string> };

export function renderReply(reply: ShownReply, context: ReplyContext): string {
  switch (reply.type) {
    case 'text':
      return `<p class="note${reply.tone ? ` tone-${reply.tone}` : ''}"${reply.tone === 'error' ? ' role="alert"' : ''}>${inline(reply.text)}</p>`;
    case 'progress':
      return `<p class="progress">${inline(reply.text)}</p>`;
    case 'handoff':
      return `<p class="handoff"><strong>Handed to support:</strong> ${inline(reply.text)}</p>`;
    case 'question':
      return context.kind === 'chat' ? question(reply, context) : `<p>${inline(reply.text)}</p>`;
    case 'cause':
      return causeCard(reply, context);
    case 'names':
      return namesCard(reply);
  }
}

const NAME_MARK = { right: '✅', stuck: '❌', unchecked: '❔' } as const;

/** Several names on one card: a row per name with its cause, and a form that checks that name alone (its details). */
function namesCard(reply: NamesReply): string {
  const notices = reply.notices.map((n) => `<p class="note">${inline(n)}</p>`).join('');
  const rows = reply.sections
    .map(
      (s) =>
        `<li data-state="${s.state}" data-cause="${escapeHtml(s.causeId)}">${NAME_MARK[s.state]} <strong>${escapeHtml(s.domain)}</strong>: ${inline(s.title)}<br>${inline(s.line)}` +
        `<form method="post" action="/check">${hidden('names', s.domain)}${s.expect ? hidden('value', s.expect) : ''}<button type="submit">Details</button></form></li>`,
    )
    .join('');
  return `<section class="names"><h2>${inline(reply.title)}</h2>${notices}<ul>${rows}</ul><p class="summary">${inline(reply.summary)}</p></section>`;
}

function causeCard(reply: CauseReply, context: ReplyContext): string {
  const id = `cause-${Math.random().toString(36).slice(2, 8)}`;
  const parts = [`<section class="cause" aria-labelledby="${id}" data-cause="${escapeHtml(reply.causeId)}"><h2 id="${id}">${inline(reply.title)}</h2>`];
  if (reply.summary) parts.push(`<p class="summary">${inline(reply.summary)}</p>`);
  if (reply.procedure.length) parts.push(`<h3>What to do</h3><ol class="procedure">${reply.procedure.map((step) => `<li>${inline(step)}</li>`).join('')}</ol>`);
  if (reply.after) parts.push(`<p class="after">${inline(reply.after)}</p>`);
  if (reply.evidence.length) parts.push(evidenceTable(reply.evidence));
  if (reply.warnings.length) parts.push(`<h3>Warnings</h3><ul class="warnings">${reply.warnings.map((w) => `<li>${inline(w)}</li>`).join('')}</ul>`);
  parts.push(actions(reply.actions, context));
  parts.push('</section>');
  return parts.join('');
}

/**
 * One row per fact in the card's order (servers with the same answer already share a row, the differing one
 * first: engine/cause-card): the table a support agent pastes into a ticket.
 */
function evidenceTable(evidence: Evidence[]): string {
  const rows = evidence
    .map((fact) => `<tr><th scope="row">${escapeHtml(fact.source ?? '—')}</th><td>${inline(fact.text)}</td><td class="ttl">${fact.ttl === undefined ? '—' : `${fact.ttl} s`}</td></tr>`)
    .join('');
  return `<div class="table-wrap"><table class="evidence"><caption>What each server answered</caption><thead><tr><th scope="col">Server</th><th scope="col">Finding</th><th scope="col">TTL</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function actions(buttons: ActionButton[], context: ReplyContext): string {
  if (!buttons.length) return '';
  if (context.kind === 'chat') {
    const items = buttons.map((button) => `<button type="submit" name="action" value="${escapeHtml(button.id)}">${escapeHtml(button.label)}</button>`).join('');
    return `<form class="actions" method="post" action="/chat"><input type="hidden" name="id" value="${escapeHtml(context.chatId)}">${items}</form>`;
  }
  const items = buttons.map((button) => {
    switch (button.id) {
      case 'recheck':
        return `<form method="post" action="/check">${hidden('names', context.domain)}${context.expect ? hidden('value', context.expect) : ''}<button type="submit">${escapeHtml(button.label)}</button></form>`;
      case 'troubleshoot':
      case 'restart':
        return `<form method="post" action="/chat/start">${hidden('domain', context.domain)}${context.expect ? hidden('value', context.expect) : ''}<button type="submit">${escapeHtml(button.label)}</button></form>`;
      case 'watch':
        return `<a class="watch-link" href="/watch?id=${encodeURIComponent(context.resultId)}" data-watch="${escapeHtml(context.resultId)}">${escapeHtml(context.watchLink || button.label)}</a>`;
      case 'handoff':
      case 'details':
        return '';
    }
  });
  return `<div class="actions">${items.join('')}</div>`;
}

function question(reply: QuestionReply, context: Extract<ReplyContext, { kind: 'chat' }>): string {
  const answer = context.answered.get(reply.questionId);
  const heading = `<p class="question-text" id="q-${escapeHtml(reply.questionId.replace(/[^A-Za-z0-9_-]/g, '_'))}">${inline(reply.text)}</p>${reply.help ? `<p class="help">${inline(reply.help)}</p>` : ''}`;
  if (answer !== undefined) return `<div class="question answered">${heading}<p class="answer">You answered: <strong>${escapeHtml(answer)}</strong></p></div>`;
  if (reply.questionId !== context.currentQuestionId) return `<div class="question">${heading}</div>`;
  const base = `<input type="hidden" name="id" value="${escapeHtml(context.chatId)}"><input type="hidden" name="question" value="${escapeHtml(reply.questionId)}">`;
  const choices = reply.choices.map((choice) => `<button type="submit" name="choice" value="${escapeHtml(choice.id)}" formnovalidate>${escapeHtml(choice.label)}</button>`).join('');
  const typed = reply.freeText
    ? `<label for="answer-text">Your answer</label><input id="answer-text" name="text" type="text" autocomplete="off" required><button type="submit">Send</button>`
    : '';
  return `<div class="question current">${heading}<form class="choices" method="post" action="/chat">${base}${typed}${choices ? `<div class="choice-buttons">${choices}</div>` : ''}</form></div>`;
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}
