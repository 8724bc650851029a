/**
 * AK/SK request signing, SDK-HMAC-SHA256, as the Huawei Cloud API Request Signing Guide describes it:
 *   https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-002.html (canonical request)
 *   https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-003.html (string to sign)
 * Written here rather than loading @huaweicloud/huaweicloud-sdk-core: that package needs the undeclared
 * `uuid` for its client builder and writes ~/.huaweicloud/application_id. test/certs/sign.test.ts checks
 * this file against the SDK's own AKSKSigner, byte for byte.
 */
import { createHash, createHmac } from 'node:crypto';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

export interface SignInput {
  method: string;
  url: URL;
  /** Headers to sign besides host and X-Sdk-Date (names in any case). */
  headers?: Record<string, string>;
  body?: string;
  ak: string;
  sk: string;
  now: Date;
}

export interface Signed {
  /** Every header to send: the given ones, Host, X-Sdk-Date and Authorization. */
  headers: Record<string, string>;
  canonicalRequest: string;
  signature: string;
}

/** `20191115T033655Z`: the X-Sdk-Date format (the API gateway refuses one more than 15 minutes off). */
export function sdkDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** RFC 3986 percent-encoding: everything but A-Z a-z 0-9 - _ . ~, in UTF-8, upper-case hex. */
export function uriEncode(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => {
    const c = String.fromCharCode(byte);
    return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/**
 * Each path segment of the URL's (already escaped) path encoded again, as the SDK does; always ends with
 * "/" (the guide's rule, whatever the real URL has).
 */
export function canonicalUri(pathname: string): string {
  const encoded = pathname.split('/').map(uriEncode).join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Parameters sorted by name (then value), each name and value encoded, joined with "&". */
export function canonicalQuery(search: URLSearchParams): string {
  return [...search.entries()]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function hmacHex(key: string, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** The canonical request for headers already lower-cased, with `signedNames` in sorted order. */
export function canonicalRequest(method: string, url: URL, headers: Record<string, string>, signedNames: string[], body: string): string {
  const canonicalHeaders = signedNames.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join('');
  return [method.toUpperCase(), canonicalUri(url.pathname), canonicalQuery(url.searchParams), canonicalHeaders, signedNames.join(';'), sha256Hex(body)].join('\n');
}

export function stringToSign(date: string, canonical: string): string {
  return [SIGNING_ALGORITHM, date, sha256Hex(canonical)].join('\n');
}

export function sign(input: SignInput): Signed {
  const date = sdkDate(input.now);
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) lower[name.toLowerCase()] = value;
  lower.host = input.url.host;
  lower['x-sdk-date'] = date;
  const signedNames = Object.keys(lower).sort();
  const canonical = canonicalRequest(input.method, input.url, lower, signedNames, input.body ?? '');
  const signature = hmacHex(input.sk, stringToSign(date, canonical));
  const headers: Record<string, string> = { ...(input.headers ?? {}), Host: input.url.host, 'X-Sdk-Date': date };
  headers.Authorization = `${SIGNING_ALGORITHM} Access=${input.ak}, SignedHeaders=${signedNames.join(';')}, Signature=${signature}`;
  return { headers, canonicalRequest: canonical, signature };
}

export interface ParsedAuthorization {
  access: string;
  signedHeaders: string[];
  signature: string;
}

/** `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex`, or undefined when it is not that. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const match = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  return { access: match[1], signedHeaders: match[2].split(';'), signature: match[3] };
}
