import { caaNamesToQuery, evaluateCaa, type CaaRecord, type CaaRecordSet } from '../../../src/dns/analysis/caa';

const HUAWEI_CAS = ['digicert.com', 'symantec.com', 'geotrust.com', 'globalsign.com', 'sectigo.com'];

const issue = (value: string, flags = 0): CaaRecord => ({ flags, tag: 'issue', value });
const issuewild = (value: string, flags = 0): CaaRecord => ({ flags, tag: 'issuewild', value });

/** Sets for www.shop.example.com climbing to example.com, with records only where given. */
function climb(records: Partial<Record<'www.shop.example.com' | 'shop.example.com' | 'example.com', CaaRecord[]>>): CaaRecordSet[] {
  return (['www.shop.example.com', 'shop.example.com', 'example.com'] as const).map((name) => ({ name, records: records[name] ?? [] }));
}

describe('caaNamesToQuery', () => {
  // RFC 8659 s3: up to, not including, the root; past the registrable domain too.
  it.each([
    ['www.shop.example.com', ['www.shop.example.com', 'shop.example.com', 'example.com', 'com']],
    ['example.com', ['example.com', 'com']],
    ['shop.example.co.uk', ['shop.example.co.uk', 'example.co.uk', 'co.uk', 'uk']],
    ['WWW.Example.COM.', ['www.example.com', 'example.com', 'com']],
    ['*.shop.example.com', ['shop.example.com', 'example.com', 'com']],
    ['user.github.io', ['user.github.io', 'github.io', 'io']],
  ])('%s', (domain, expected) => {
    expect(caaNamesToQuery(domain)).toEqual(expected);
  });
});

describe('RFC 8659 details', () => {
  const plain = { wildcard: false, caIdentifiers: ['digicert.com'] };

  it('an alias takes its target\'s CAA set, and names it', () => {
    const sets: CaaRecordSet[] = [
      { name: 'www.example.com', target: 'edge.cdn.example.net', records: [issue('letsencrypt.org')] },
      { name: 'example.com', records: [issue('digicert.com')] },
    ];
    const verdict = evaluateCaa(sets, plain);
    expect(verdict).toMatchObject({ allowed: false, relevantName: 'www.example.com', target: 'edge.cdn.example.net' });
    expect(verdict.reason).toBe(
      'CAA at www.example.com (an alias of edge.cdn.example.net, whose CAA records apply) allows only letsencrypt.org; add: edge.cdn.example.net. CAA 0 issue "digicert.com"',
    );
  });

  it('an alias whose target has no CAA set lets the climb go on from the alias\'s parent', () => {
    const sets: CaaRecordSet[] = [
      { name: 'www.example.com', target: 'edge.cdn.example.net', records: [] },
      { name: 'example.com', records: [issue('digicert.com')] },
    ];
    expect(evaluateCaa(sets, plain)).toMatchObject({ allowed: true, relevantName: 'example.com' });
  });

  it('a failed lookup before the relevant set leaves the answer unknown; after it, it does not matter', () => {
    const failedFirst = evaluateCaa([{ name: 'www.example.com', records: [], failed: 'answered SERVFAIL' }, { name: 'example.com', records: [issue('digicert.com')] }], plain);
    expect(failedFirst).toMatchObject({ allowed: true, uncertain: { name: 'www.example.com', detail: 'answered SERVFAIL' } });
    expect(failedFirst.reason).toBe('The CAA records of www.example.com could not be read (answered SERVFAIL), so which CAA records apply to www.example.com is not known.');
    const failedAbove = evaluateCaa([{ name: 'www.example.com', records: [issue('digicert.com')] }, { name: 'example.com', records: [], failed: 'answered SERVFAIL' }], plain);
    expect(failedAbove.uncertain).toBeUndefined();
    expect(failedAbove.allowed).toBe(true);
  });

  it('RFC 8657 validationmethods without dns-01 excludes a DNS-record check; with it, or a CA-specific method, allows it', () => {
    const only = evaluateCaa([{ name: 'example.com', records: [issue('digicert.com; validationmethods=http-01')] }], plain);
    expect(only.allowed).toBe(false);
    expect(only.reason).toBe(
      'CAA at example.com allows digicert.com only with validationmethods=http-01 (RFC 8657), which excludes proving the domain by a DNS record (dns-01); add dns-01 to the list: example.com. CAA 0 issue "digicert.com; validationmethods=http-01,dns-01"',
    );
    expect(evaluateCaa([{ name: 'example.com', records: [issue('digicert.com; validationmethods=http-01,dns-01')] }], plain).allowed).toBe(true);
    expect(evaluateCaa([{ name: 'example.com', records: [issue('digicert.com; validationmethods=ca-dns-txt')] }], plain).allowed).toBe(true);
    // Another property for the same CA without the restriction opens it again.
    expect(evaluateCaa([{ name: 'example.com', records: [issue('digicert.com; validationmethods=http-01'), issue('digicert.com')] }], plain).allowed).toBe(true);
  });

  it('RFC 8657 accounturi is named: only that account may order', () => {
    const verdict = evaluateCaa([{ name: 'example.com', records: [issue('digicert.com; accounturi=https://acme.digicert.com/acct/123')] }], plain);
    expect(verdict.allowed).toBe(true);
    expect(verdict.reason).toContain('only for the CA account https://acme.digicert.com/acct/123');
  });
});

describe('evaluateCaa', () => {
  const plain = { wildcard: false, caIdentifiers: HUAWEI_CAS };
  const wildcard = { wildcard: true, caIdentifiers: HUAWEI_CAS };

  it('allows any CA when there are no CAA records anywhere', () => {
    expect(evaluateCaa(climb({}), plain)).toEqual({
      allowed: true,
      reason: 'No CAA records at www.shop.example.com or its parents, so any CA may issue.',
      issuers: [],
    });
    expect(evaluateCaa([], plain).allowed).toBe(true);
  });

  it('uses the first non-empty set climbing up, not the ones above it', () => {
    const verdict = evaluateCaa(climb({ 'shop.example.com': [issue('digicert.com')], 'example.com': [issue('letsencrypt.org')] }), plain);
    expect(verdict).toEqual({ allowed: true, relevantName: 'shop.example.com', issuers: ['digicert.com'], reason: 'CAA at shop.example.com allows digicert.com.' });
  });

  it('blocks when the closest set names only other CAs, and says what to add', () => {
    const verdict = evaluateCaa(climb({ 'shop.example.com': [issue('letsencrypt.org')], 'example.com': [issue('digicert.com')] }), plain);
    expect(verdict).toEqual({
      allowed: false,
      relevantName: 'shop.example.com',
      issuers: ['letsencrypt.org'],
      reason: 'CAA at shop.example.com allows only letsencrypt.org; add: shop.example.com. CAA 0 issue "digicert.com"',
    });
  });

  it('lists several issuers in the reason', () => {
    const verdict = evaluateCaa(climb({ 'example.com': [issue('letsencrypt.org'), issue('pki.goog'), issue('amazon.com')] }), plain);
    expect(verdict.reason).toBe('CAA at example.com allows only letsencrypt.org, pki.goog and amazon.com; add: example.com. CAA 0 issue "digicert.com"');
  });

  it.each([
    ['digicert.com; cansignhttpexchanges=yes', true],
    ['  DigiCert.COM.  ', true],
    ['globalsign.com;', true],
    ['sectigo.com; account=12345; validationmethods=dns-01', true],
    ['letsencrypt.org; digicert.com', false],
    ['digicert.com.evil.example', false],
  ])('reads the issuer domain out of the value %j (allowed: %s)', (value, allowed) => {
    expect(evaluateCaa(climb({ 'example.com': [issue(value)] }), plain).allowed).toBe(allowed);
  });

  it('treats issue ";" as forbidding every CA', () => {
    expect(evaluateCaa(climb({ 'example.com': [issue(';')] }), plain)).toEqual({
      allowed: false,
      relevantName: 'example.com',
      issuers: [],
      reason: 'CAA at example.com forbids every CA (issue ";"); replace it with: example.com. CAA 0 issue "digicert.com"',
    });
    expect(evaluateCaa(climb({ 'example.com': [issue('')] }), plain).allowed).toBe(false);
  });

  it('lets another issue record open what issue ";" closed', () => {
    expect(evaluateCaa(climb({ 'example.com': [issue(';'), issue('globalsign.com')] }), plain)).toMatchObject({ allowed: true, issuers: ['globalsign.com'] });
  });

  it('says so when an issuer value is not a domain name', () => {
    const verdict = evaluateCaa(climb({ 'example.com': [issue('digicert com')] }), plain);
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toBe('CAA at example.com names no valid CA ("digicert com" is not a CA domain name), so no CA may issue; replace it with: example.com. CAA 0 issue "digicert.com"');
  });

  describe('wildcard certificates', () => {
    it('use issuewild when present, overriding issue', () => {
      const records = [issue('digicert.com'), issuewild('letsencrypt.org')];
      expect(evaluateCaa(climb({ 'example.com': records }), plain).allowed).toBe(true);
      expect(evaluateCaa(climb({ 'example.com': records }), wildcard)).toEqual({
        allowed: false,
        relevantName: 'example.com',
        issuers: ['letsencrypt.org'],
        reason:
          'CAA issuewild at example.com allows only letsencrypt.org (for a wildcard certificate issuewild overrides issue); add: example.com. CAA 0 issuewild "digicert.com"',
      });
    });

    it('allow through issuewild even when issue names another CA', () => {
      const verdict = evaluateCaa(climb({ 'example.com': [issue('letsencrypt.org'), issuewild('digicert.com')] }), wildcard);
      expect(verdict).toMatchObject({ allowed: true, issuers: ['digicert.com'] });
      expect(verdict.reason).toBe('CAA issuewild at example.com allows digicert.com (for a wildcard certificate issuewild overrides issue).');
    });

    it('fall back to issue when there is no issuewild', () => {
      expect(evaluateCaa(climb({ 'example.com': [issue('digicert.com')] }), wildcard).allowed).toBe(true);
      expect(evaluateCaa(climb({ 'example.com': [issue('letsencrypt.org')] }), wildcard).reason).toBe(
        'CAA at example.com allows only letsencrypt.org; add: example.com. CAA 0 issue "digicert.com"',
      );
    });

    it('are forbidden by issuewild ";" while plain names stay allowed', () => {
      const records = [issue('digicert.com'), issuewild(';')];
      expect(evaluateCaa(climb({ 'example.com': records }), wildcard)).toMatchObject({
        allowed: false,
        reason: 'CAA issuewild at example.com forbids every CA (issuewild ";") (for a wildcard certificate issuewild overrides issue); replace it with: example.com. CAA 0 issuewild "digicert.com"',
      });
      expect(evaluateCaa(climb({ 'example.com': records }), plain).allowed).toBe(true);
    });

    it('ignore issuewild for a plain name', () => {
      expect(evaluateCaa(climb({ 'example.com': [issuewild('letsencrypt.org')] }), plain)).toEqual({
        allowed: true,
        relevantName: 'example.com',
        issuers: [],
        reason: 'CAA at example.com has no issue record, so any CA may issue.',
      });
    });
  });

  it('refuses when an unknown tag is marked critical, and says how to fix it', () => {
    const verdict = evaluateCaa(climb({ 'example.com': [issue('digicert.com'), { flags: 128, tag: 'tbs', value: 'x' }] }), plain);
    expect(verdict).toEqual({
      allowed: false,
      relevantName: 'example.com',
      issuers: [],
      reason: 'CAA at example.com has the tag "tbs" marked critical (flag 128), which CAs do not understand, so none may issue; remove it or clear the flag: example.com. CAA 0 tbs "x"',
    });
  });

  it.each([
    [{ flags: 0, tag: 'tbs', value: 'x' }, 'an unknown tag without the critical flag'],
    [{ flags: 128, tag: 'iodef', value: 'mailto:security@example.com' }, 'a critical known tag'],
    [{ flags: 0, tag: 'iodef', value: 'mailto:security@example.com' }, 'iodef'],
    [{ flags: 1, tag: 'tbs', value: 'x' }, 'a flag bit other than 128'],
    [{ flags: 0, tag: 'contactemail', value: 'ops@example.com' }, 'contactemail'],
  ])('ignores %j (%s)', (extra) => {
    expect(evaluateCaa(climb({ 'example.com': [issue('digicert.com'), extra] }), plain).allowed).toBe(true);
  });

  it('treats a set with only iodef as allowing any CA', () => {
    expect(evaluateCaa(climb({ 'example.com': [{ flags: 0, tag: 'iodef', value: 'mailto:x@example.com' }] }), plain)).toMatchObject({ allowed: true, relevantName: 'example.com' });
  });

  it('reads tags and CA identifiers without regard to case', () => {
    const records = [{ flags: 0, tag: 'ISSUE', value: 'letsencrypt.org' }, { flags: 0, tag: 'IssueWild', value: 'DigiCert.com' }];
    expect(evaluateCaa(climb({ 'example.com': records }), { wildcard: true, caIdentifiers: ['DIGICERT.COM.'] }).allowed).toBe(true);
    expect(evaluateCaa(climb({ 'example.com': records }), { wildcard: false, caIdentifiers: ['DIGICERT.COM.'] }).allowed).toBe(false);
    expect(evaluateCaa(climb({ 'example.com': [{ flags: 128, tag: 'IODEF', value: 'mailto:x@example.com' }, issue('digicert.com')] }), plain).allowed).toBe(true);
  });

  it('says no CA is configured when the identifier list is empty', () => {
    expect(evaluateCaa(climb({ 'example.com': [issue('letsencrypt.org')] }), { wildcard: false, caIdentifiers: [] }).reason).toBe(
      'CAA at example.com allows only letsencrypt.org; no CA for this certificate is configured',
    );
  });
});
