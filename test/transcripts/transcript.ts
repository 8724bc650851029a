/**
 * Golden conversation transcripts: a header, then the conversation as the terminal prints it.
 *
 *   flow: pending-domain-verification        the flow id
 *   about: DNS finds the record elsewhere     one line on what the transcript shows
 *   vars: domain=example.com                  optional: variables known at the start (like --domain)
 *   check: wrong-platform                     the fake check's results, in order: an outcome, or a
 *   check: {"outcome": "...", "evidence": []} whole CheckOutcome as JSON
 *   ---
 *   Bot output line
 *   > what the user types
 *   Bot output line ...
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckOutcome } from '../../src/core/checks';

export interface Transcript {
  file: string;
  flowId: string;
  about: string;
  vars?: Record<string, string>;
  checks: CheckOutcome[];
  /** The conversation text after `---`, exactly. */
  body: string;
  /** The user's lines, in order. */
  inputs: string[];
}

export const TRANSCRIPTS_DIR = __dirname;
const SEPARATOR = '---\n';

function parseCheck(value: string, file: string): CheckOutcome {
  if (!value.startsWith('{')) return { outcome: value };
  try {
    return JSON.parse(value) as CheckOutcome;
  } catch (error) {
    throw new Error(`${file}: the check line is not valid JSON: ${(error as Error).message}`);
  }
}

export function parseTranscript(text: string, file: string): Transcript {
  const at = text.indexOf(SEPARATOR);
  if (at < 0) throw new Error(`${file}: no "---" line between the header and the conversation`);
  const header = text.slice(0, at).split('\n').filter((line) => line.trim() && !line.startsWith('#'));
  const body = text.slice(at + SEPARATOR.length);
  const transcript: Transcript = { file, flowId: '', about: '', checks: [], body, inputs: [] };
  for (const line of header) {
    const match = /^([a-z]+):\s*(.*)$/.exec(line);
    if (!match) throw new Error(`${file}: header line "${line}" is not "key: value"`);
    const [, key, value = ''] = match;
    if (key === 'flow') transcript.flowId = value;
    else if (key === 'about') transcript.about = value;
    else if (key === 'check') transcript.checks.push(parseCheck(value, file));
    else if (key === 'vars') transcript.vars = Object.fromEntries(value.split(/\s+/).map((pair) => pair.split('=', 2) as [string, string]));
    else throw new Error(`${file}: unknown header "${key}" (use flow, about, vars, check)`);
  }
  if (!transcript.flowId) throw new Error(`${file}: the header has no "flow:" line`);
  transcript.inputs = body.split('\n').filter((line) => line.startsWith('> ')).map((line) => line.slice(2));
  return transcript;
}

/** Every `*.txt` transcript under this directory, sorted by path. */
export function loadTranscripts(dir = TRANSCRIPTS_DIR): Transcript[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => path.join(dir, name));
  return files.map((file) => parseTranscript(readFileSync(file, 'utf8'), path.relative(dir, file)));
}

/** The header of a transcript, for rewriting a transcript with a new body. */
export function headerOf(text: string): string {
  return text.slice(0, text.indexOf(SEPARATOR) + SEPARATOR.length);
}

/** A CheckRunner-like source of the transcript's fake check results, in order. */
export function checkQueue(transcript: Transcript): () => CheckOutcome {
  const queue = [...transcript.checks];
  return () => {
    const next = queue.shift();
    if (!next) throw new Error(`${transcript.file}: the conversation ran more checks than the header's "check:" lines`);
    return structuredClone(next);
  };
}
