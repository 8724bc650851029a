import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CertstatusError, ErrorCode } from '../../../src/core/errors';
import { caIdentifiersFor, defaultCasFile, loadCas } from '../../../src/dns/analysis/cas';

describe('the shipped CA table', () => {
  it('is found next to the code', () => {
    expect(defaultCasFile()).toBe(path.resolve(__dirname, '../../../data/cas.yaml'));
    expect(loadCas().defaultId).toBe('huawei-ccm');
  });

  it("defaults to the CAs Huawei Cloud's certificate manager issues through", () => {
    const ca = caIdentifiersFor();
    expect(ca.id).toBe('huawei-ccm');
    expect(ca.identifiers[0]).toBe('digicert.com');
    expect(ca.identifiers).toEqual(
      expect.arrayContaining([
        'digicert.com', 'symantec.com', 'geotrust.com', 'thawte.com', 'rapidssl.com', 'digitalcertvalidation.com',
        'globalsign.com',
        'sectigo.com', 'comodoca.com', 'comodo.com', 'usertrust.com', 'trust-provider.com',
      ]),
    );
    expect(ca.identifiers).not.toContain('letsencrypt.org');
    expect(caIdentifiersFor('')).toEqual(ca);
    expect(caIdentifiersFor('  ')).toEqual(ca);
  });

  it.each([
    ['letsencrypt', 'letsencrypt', ['letsencrypt.org']],
    ['LetsEncrypt', 'letsencrypt', ['letsencrypt.org']],
    ['cfca', 'cfca', ['cfca.com.cn']],
    ['vtrus', 'vtrus', ['itrus.com.cn']],
    ['globalsign', 'globalsign', ['globalsign.com']],
    // An issuer domain names the narrowest CA that has it.
    ['digicert.com', 'digicert', undefined],
    ['GeoTrust.com.', 'digicert', undefined],
    ['letsencrypt.org', 'letsencrypt', ['letsencrypt.org']],
  ])('--ca %s -> %s', (query, id, identifiers) => {
    const ca = caIdentifiersFor(query);
    expect(ca.id).toBe(id);
    if (identifiers) expect(ca.identifiers).toEqual(identifiers);
  });

  it('refuses an unknown CA with a usage error listing the known ids', () => {
    let error: unknown;
    try {
      caIdentifiersFor('acme-ca');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CertstatusError);
    expect((error as CertstatusError).code).toBe(ErrorCode.Usage);
    expect((error as CertstatusError).message).toBe('Unknown CA "acme-ca"; known: huawei-ccm, digicert, globalsign, sectigo, letsencrypt, vtrus, cfca.');
  });
});

describe('loadCas with a custom file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'certstatus-cas-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('reads its default and entries, lower-casing identifiers', () => {
    const file = write('ok.yaml', 'default: inhouse\ncas:\n  - id: inhouse\n    name: In-house CA\n    identifiers: [PKI.Example.com]\n');
    expect(loadCas(file)).toEqual({ defaultId: 'inhouse', cas: [{ id: 'inhouse', name: 'In-house CA', identifiers: ['pki.example.com'] }] });
    expect(caIdentifiersFor(undefined, file).identifiers).toEqual(['pki.example.com']);
  });

  it.each([
    ['default: nope\ncas:\n  - id: one\n    name: One\n    identifiers: [one.example]\n', 1, 'the default "nope" is not the id of any CA below; use one of: one.'],
    ['default: one\ncas:\n  - id: one\n    name: One\n    identifiers: ["one example"]\n', 5, 'cas[1].identifiers[1] "one example" is not a CAA issuer domain name like "digicert.com".'],
    ['default: one\ncas:\n  - id: one\n    name: One\n    identifiers: []\n', 5, 'cas[1].identifiers needs at least 1 entry.'],
    ['default: one\ncas:\n  - id: one\n    name: One\n    identifiers: [a.example]\n  - id: one\n    name: Again\n    identifiers: [b.example]\n', 6, 'the id "one" is used twice (first on line 3); ids must be unique.'],
    ['default: one\ncas:\n  - id: one\n    nme: One\n    identifiers: [a.example]\n', 4, 'unknown field "nme" in cas[1]; did you mean "name"?'],
  ])('names the line and the fix (%#)', (text, line, message) => {
    const file = write(`bad-${Math.random().toString(36).slice(2)}.yaml`, text);
    let error: CertstatusError | undefined;
    try {
      loadCas(file);
    } catch (caught) {
      error = caught as CertstatusError;
    }
    expect(error?.code).toBe(ErrorCode.Config);
    expect(error?.message).toContain(`${file}:${line}: ${message}`);
  });
});
