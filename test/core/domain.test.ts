import { parseDomain } from '../../src/core/domain';
import { CertstatusError, ErrorCode } from '../../src/core/errors';

function refusal(input: string): string {
  try {
    parseDomain(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CertstatusError);
    expect((error as CertstatusError).code).toBe(ErrorCode.InvalidDomain);
    return (error as Error).message;
  }
  throw new Error(`expected ${input} to be refused`);
}

describe('parseDomain', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['example.com.', 'example.com'],
    ['  www.example.com  ', 'www.example.com'],
    ['https://www.Example.com/some/path?q=1#x', 'www.example.com'],
    ['http://user@example.com:8443/', 'example.com'],
    ['<http://example.com|example.com>', 'example.com'],
    // As pasted: the record's own name, host:port, quotes, invisible and no-break characters.
    ['_dnsauth.example.com', 'example.com'],
    ['_DNSAUTH.www.example.com.', 'www.example.com'],
    ['example.com:8443', 'example.com'],
    ['"example.com"', 'example.com'],
    ['\u201cexample.com\u201d', 'example.com'],
    ['\u200bexa\u200cmple.com\u200b', 'example.com'],
    ['\u00a0example.com\u00a0', 'example.com'],
    ['\ufeffhttps://example.com/', 'example.com'],
  ])('normalises %j to %j', (input, ascii) => {
    expect(parseDomain(input).ascii).toBe(ascii);
  });

  it('keeps a wildcard and gives its base name', () => {
    const parsed = parseDomain('*.Example.com');
    expect(parsed).toMatchObject({ ascii: '*.example.com', base: 'example.com', wildcard: true });
  });

  it('converts a Unicode name to punycode and keeps the Unicode form for display', () => {
    const parsed = parseDomain('bücher.example');
    expect(parsed.ascii).toBe('xn--bcher-kva.example');
    expect(parsed.unicode).toBe('bücher.example');
  });

  it.each([
    ['', /Give a domain name/],
    ['192.0.2.1', /IP address/],
    ['[2001:db8::1]', /IP address/],
    ['exa mple.com', /spaces/],
    ['example..com', /empty label/],
    ['localhost', /two labels/],
    ['2', /two labels/],
    [`${'a'.repeat(64)}.com`, /limit is 63/],
    [`${'abcdefghi.'.repeat(26)}com`, /limit is 253/],
    ['-bad.example.com', /letters, digits and hyphens/],
    ['foo.*.example.com', /wildcard/],
    ['example.123', /all digits/],
    // What can never be a certificate name.
    ['com', /two labels/],
    ['co.uk', /co\.uk is a public suffix/],
    ['*.co.uk', /public suffix/],
    ['https://co.uk/', /public suffix/],
    ['_acme.example.com', /underscore/],
    ['www_1.example.com', /underscore/],
    ['_dnsauth.', /two labels/],
    ['10.0.0.1:443', /IP address/],
  ])('refuses %j with a one-line reason', (input, reason) => {
    const message = refusal(input);
    expect(message).toMatch(reason);
    expect(message).not.toContain('\n');
  });

  it('says when the record name was given instead of the domain', () => {
    expect(parseDomain('_dnsauth.example.com').warnings).toEqual(['_dnsauth.example.com is the verification record\'s name; checked the domain it is for, example.com.']);
    expect(parseDomain('example.com').warnings).toEqual([]);
  });

  it('warns on a label that mixes scripts (UTS #39), not on a single-script or Japanese name', () => {
    const [warning] = parseDomain('ex\u0430mple.com').warnings;
    expect(warning).toContain('mixes Latin and Cyrillic');
    expect(warning).toContain('"\u0430" (U+0430) is Cyrillic');
    expect(parseDomain('\u043f\u0440\u0438\u043c\u0435\u0440.com').warnings).toEqual([]);
    expect(parseDomain('b\u00fccher.example').warnings).toEqual([]);
    expect(parseDomain('\u65e5\u672c\u3054-abc.jp').warnings).toEqual([]);
    expect(parseDomain('\u0440aypal.com').warnings[0]).toContain('Cyrillic');
  });
});
