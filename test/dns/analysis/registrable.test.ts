import { registrableDomain } from '../../../src/dns/analysis/registrable';

describe('registrableDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['www.example.com', 'example.com'],
    ['a.b.c.example.com', 'example.com'],
    ['_dnsauth.shop.example.com', 'example.com'],
    ['shop.example.co.uk', 'example.co.uk'],
    ['www.example.com.cn', 'example.com.cn'],
    ['WWW.Example.COM.', 'example.com'],
    ['*.shop.example.com', 'example.com'],
    // A private suffix is still one registrant's zone for CAA: the climb goes up to github.io.
    ['user.github.io', 'github.io'],
    // Punycode names are plain ASCII labels to the suffix list.
    ['www.xn--bcher-kva.de', 'xn--bcher-kva.de'],
    // Test and unknown TLDs fall back to the last two labels.
    ['a.b.example.test', 'example.test'],
    ['deep.name.example.zzunknown', 'example.zzunknown'],
    // A bare suffix or a short name is returned as it is.
    ['co.uk', 'co.uk'],
    ['example.test', 'example.test'],
    ['com', 'com'],
  ])('%s -> %s', (name, expected) => {
    expect(registrableDomain(name)).toBe(expected);
  });
});
