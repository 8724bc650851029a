/**
 * Turns a domain as users type or paste it (any case, trailing dot, a URL, `host:port`, quotes, invisible
 * characters, a wildcard, a Unicode name, the verification record's own name) into the ASCII name DNS
 * uses, or refuses, with a one-line reason, what can never be a certificate name: an IP address, a single
 * label, a public suffix alone, an underscore in a host label.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { isIP } from 'node:net';
import type * as Tldts from 'tldts';
import { CertstatusError, ErrorCode } from './errors';
import { cleanPasted, mixedScriptWarning, unquote } from './pasted';

export interface ParsedDomain {
  /** What the user typed, trimmed. */
  input: string;
  /** Lower-case ASCII (punycode) name without trailing dot, including a leading `*.` for a wildcard. */
  ascii: string;
  /** The same name in Unicode, for display. */
  unicode: string;
  /** True for `*.example.com`. */
  wildcard: boolean;
  /** The name the certificate validates: `ascii` without a leading `*.`. Records sit under this name. */
  base: string;
  /** Said before checking: a name mixing scripts (UTS #39), the record name given instead of the domain. */
  warnings: string[];
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** The verification record's own label: `_dnsauth.example.com` pasted means example.com. */
const RECORD_LABEL = '_dnsauth.';

function invalid(input: string, why: string): CertstatusError {
  const shown = input.length > 80 ? `${input.slice(0, 77)}...` : input;
  return new CertstatusError(ErrorCode.InvalidDomain, `"${shown}" is not a domain name: ${why}.`);
}

/** Strip a URL's scheme, credentials, port, path, query and fragment, keeping the host. */
function hostOf(text: string): string {
  let host = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  host = host.split(/[/?#]/, 1)[0] ?? '';
  host = host.replace(/^[^@]*@/, '');
  // A port after the host ("example.com:443"); IPv6 literals in brackets are refused below anyway.
  if (!host.startsWith('[')) host = host.replace(/:\d*$/, '');
  return host;
}

export function parseDomain(raw: string): ParsedDomain {
  const input = unquote(cleanPasted(raw));
  if (!input) throw new CertstatusError(ErrorCode.InvalidDomain, 'Give a domain name, for example example.com.');
  // Slack wraps links as <http://example.com|example.com>; take the visible part.
  const unwrapped = input.replace(/^<([^|>]*)\|?([^>]*)>$/, (_m, url: string, label: string) => label || url);
  let host = hostOf(unwrapped).replace(/\.$/, '');
  if (!host) throw invalid(input, 'it is empty');
  if (host.startsWith('[') || isIP(host)) throw invalid(input, 'it is an IP address; give the domain the certificate is for');
  if (/\s/.test(host)) throw invalid(input, 'it contains spaces');
  if (host.includes('..')) throw invalid(input, 'it has an empty label (two dots in a row)');

  const warnings: string[] = [];
  if (host.toLowerCase().startsWith(RECORD_LABEL) && host.length > RECORD_LABEL.length) {
    host = host.slice(RECORD_LABEL.length);
    warnings.push(`${input} is the verification record's name; checked the domain it is for, ${host.toLowerCase()}.`);
  }
  let wildcard = false;
  if (host.startsWith('*.')) {
    wildcard = true;
    host = host.slice(2);
  }
  if (host.includes('*')) throw invalid(input, 'a wildcard may only be the first label, as in *.example.com');

  if (!host.includes('.')) throw invalid(input, 'it needs at least two labels, like example.com');
  if (/^\d+$/.test(host.split('.').pop() ?? '')) throw invalid(input, 'the last label cannot be all digits');
  // domainToASCII lower-cases, applies IDNA mapping and punycode; it returns '' for names it rejects.
  const ascii = domainToASCII(host);
  if (!ascii) throw invalid(input, 'it has characters a domain name cannot have');
  if (ascii.length > 253) throw invalid(input, `it is ${ascii.length} characters long; the limit is 253`);
  const labels = ascii.split('.');
  if (labels.length < 2) throw invalid(input, 'it needs at least two labels, like example.com');
  for (const label of labels) {
    if (label.length > 63) throw invalid(input, `the label "${label.slice(0, 20)}..." is ${label.length} characters long; the limit is 63`);
    if (label.includes('_')) throw invalid(input, `the label "${label}" has an underscore, which a certificate's host name cannot have; give the domain the certificate is for`);
    if (!LABEL.test(label)) throw invalid(input, `the label "${label}" may only use letters, digits and hyphens, and not start or end with a hyphen`);
  }

  // tldts (the Public Suffix List) loaded on first use: `certstatus --help` stays light.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const suffix = (require('tldts') as typeof Tldts).parse(ascii);
  if (suffix.publicSuffix === ascii && suffix.isIcann) throw invalid(input, `${ascii} is a public suffix, under which anyone registers names; give the domain registered under it, like example.${ascii}`);

  const full = wildcard ? `*.${ascii}` : ascii;
  if (full.length > 253) throw invalid(input, `it is ${full.length} characters long; the limit is 253`);
  const unicodeBase = domainToUnicode(ascii) || ascii;
  const mixed = mixedScriptWarning(unicodeBase);
  if (mixed) warnings.push(mixed);
  return { input, ascii: full, unicode: wildcard ? `*.${unicodeBase}` : unicodeBase, wildcard, base: ascii, warnings };
}
