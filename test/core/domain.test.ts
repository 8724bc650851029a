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
  ])('refuses %j with a one-line reason', (input, reason) => {
    const message = refusal(input);
    expect(message).toMatch(reason);
    expect(message).not.toContain('\n');
  });
});
