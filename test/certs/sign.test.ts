/** The SDK-HMAC-SHA256 signer against the SDK's own AKSKSigner (its output is the reference), and the guide's rules. */
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { canonicalUri, parseAuthorization, sdkDate, sign, uriEncode } from '../../src/certs/sign';

const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
const NOW = new Date('2019-11-15T03:36:55Z');

function sdkSignature(method: string, url: URL, headers: Record<string, string>): string {
  const signed = AKSKSigner.sign(
    { method, endpoint: `${url.protocol}//${url.host}${url.pathname}`, headers: { ...headers, 'X-Sdk-Date': sdkDate(NOW) }, queryParams: Object.fromEntries(url.searchParams) } as never,
    { getAk: () => AK, getSk: () => SK } as never,
  ) as Record<string, string>;
  return signed.Authorization;
}

describe('sign (SDK-HMAC-SHA256)', () => {
  it.each([
    ['https://scm.ap-southeast-1.myhuaweicloud.com/v3/scm/certificates/scs1590053258704', {}],
    ['https://scm.ap-southeast-1.myhuaweicloud.com/v3/scm/certificates?limit=50&offset=100&status=CHECKING&sort_key=certUpdateTime&sort_dir=ASC', { 'Content-Type': 'application/json' }],
    ['http://127.0.0.1:8443/v3/scm/certificates?status=CHECKING&limit=10', { 'Content-Type': 'application/json' }],
    ['https://scm.cn-north-4.myhuaweicloud.com/v3/scm/certificates?name=a%20b%2Fc~d*e&domain=%E4%BE%8B.test', { 'X-Project-Id': 'abc' }],
    ['https://scm.cn-north-4.myhuaweicloud.com/', {}],
  ])('matches the SDK signer for %s', (href, headers) => {
    const url = new URL(href);
    const ours = sign({ method: 'GET', url, headers, ak: AK, sk: SK, now: NOW });
    expect(ours.headers.Authorization).toBe(sdkSignature('GET', url, headers));
    expect(ours.headers['X-Sdk-Date']).toBe('20191115T033655Z');
    expect(ours.headers.Host).toBe(url.host);
  });

  it('changes with the secret key, the path, the query and the date', () => {
    const url = new URL('https://scm.example.test/v3/scm/certificates/scs1590053258704');
    const base = sign({ method: 'GET', url, ak: AK, sk: SK, now: NOW }).signature;
    expect(sign({ method: 'GET', url, ak: AK, sk: `${SK}x`, now: NOW }).signature).not.toBe(base);
    expect(sign({ method: 'GET', url: new URL(`${url.href}5`), ak: AK, sk: SK, now: NOW }).signature).not.toBe(base);
    expect(sign({ method: 'GET', url: new URL(`${url.href}?limit=10`), ak: AK, sk: SK, now: NOW }).signature).not.toBe(base);
    expect(sign({ method: 'GET', url, ak: AK, sk: SK, now: new Date(NOW.getTime() + 1000) }).signature).not.toBe(base);
  });

  it('builds the canonical request the guide describes: method, URI with a trailing slash, sorted query, headers, names, body hash', () => {
    const url = new URL('https://scm.example.test/v3/scm/certificates?status=CHECKING&limit=10');
    const { canonicalRequest } = sign({ method: 'get', url, headers: { 'Content-Type': 'application/json' }, ak: AK, sk: SK, now: NOW });
    expect(canonicalRequest.split('\n')).toEqual([
      'GET',
      '/v3/scm/certificates/',
      'limit=10&status=CHECKING',
      'content-type:application/json',
      'host:scm.example.test',
      'x-sdk-date:20191115T033655Z',
      '',
      'content-type;host;x-sdk-date',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ]);
  });

  it('encodes as RFC 3986 and keeps unreserved characters', () => {
    expect(uriEncode('a-b_c.d~e f/g*h')).toBe('a-b_c.d~e%20f%2Fg%2Ah');
    expect(uriEncode('例')).toBe('%E4%BE%8B');
    expect(canonicalUri('/v3/scm')).toBe('/v3/scm/');
  });

  it('parses its own Authorization header and refuses other schemes', () => {
    const { headers, signature } = sign({ method: 'GET', url: new URL('https://h.test/x'), ak: AK, sk: SK, now: NOW });
    expect(parseAuthorization(headers.Authorization)).toEqual({ access: AK, signedHeaders: ['host', 'x-sdk-date'], signature });
    expect(parseAuthorization('Bearer abc')).toBeUndefined();
    expect(parseAuthorization(undefined)).toBeUndefined();
  });
});
