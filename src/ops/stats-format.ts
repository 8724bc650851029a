/** `certstatus stats` as text for people (aligned columns, percentages) or as JSON for scripts. */
import type { CountShare, Stats } from './stats';

const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '-');

function when(ms: number): string {
  return new Date(ms).toISOString().replace(/:\d\d\.\d{3}Z$/, ' UTC').replace('T', ' ');
}

function rows(lines: [string, number, string][], indent = '  '): string[] {
  const width = Math.max(0, ...lines.map(([label]) => label.length));
  const numbers = Math.max(0, ...lines.map(([, n]) => String(n).length));
  return lines.map(([label, n, share]) => `${indent}${label.padEnd(width)}  ${String(n).padStart(numbers)}  ${share.padStart(4)}`);
}

const shares = (list: CountShare[]): [string, number, string][] => list.map((c) => [c.name, c.count, percent(c.count, list.reduce((s, x) => s + x.count, 0))]);

export function formatStats(stats: Stats, source: string): string {
  const c = stats.conversations;
  const lines = [`certstatus stats from ${when(stats.since)} to ${when(stats.until)} (${source})`, ''];
  lines.push(`Conversations: ${c.started}`);
  if (c.started > 0) {
    lines.push(
      ...rows([
        ['ended with a cause', c.endedWithCause, percent(c.endedWithCause, c.started)],
        ['handed off to a person', c.handedOff, percent(c.handedOff, c.started)],
        ['cancelled', c.cancelled, percent(c.cancelled, c.started)],
        ['abandoned (idle past expiry)', c.abandoned, percent(c.abandoned, c.started)],
        ['still open', c.open, percent(c.open, c.started)],
      ]),
    );
    lines.push(`  by channel: ${c.byChannel.map((ch) => `${ch.name} ${ch.count}`).join(', ')}`);
  }
  if (c.causes.length) lines.push('', 'Causes conversations ended with:', ...rows(shares(c.causes)));
  const ran = stats.checks.total - stats.checks.failed;
  lines.push('', `Checks: ${stats.checks.total}${stats.checks.failed ? ` (${stats.checks.failed} could not run)` : ''}`);
  if (stats.checks.causes.length) lines.push(`Causes diagnosed (main cause of the ${ran} checks that ran):`, ...rows(shares(stats.checks.causes)));
  return `${lines.join('\n')}\n`;
}

export function statsJson(stats: Stats, source: string): string {
  return `${JSON.stringify({ source, since: new Date(stats.since).toISOString(), until: new Date(stats.until).toISOString(), conversations: stats.conversations, checks: stats.checks }, null, 2)}\n`;
}
