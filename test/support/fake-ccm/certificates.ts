/**
 * Certificates for end-to-end tests, matching a DNS test world (test/support/dns-world): on shop.test
 * the main name's and www's records are right and api's is missing; old.test uses email validation.
 */
import { EXPECTED, standardWorld, txt, zone } from '../dns-world/standard';
import type { WorldSpec } from '../dns-world/types';
import type { FakeCertificate } from './server';

export const WWW_VALUE = '20261125093000wwwq2m9x4w8p3';
export const API_VALUE = '20261125093000apiq2m9x4w8p3';

export const MULTI: FakeCertificate = {
  id: 'scs1000000000001',
  name: 'shop-multi',
  status: 'CHECKING',
  validation_method: 'DNS',
  domain: 'shop.test',
  sans: 'www.shop.test;api.shop.test',
  domain_type: 'MULTI_DOMAIN',
  authentification: [
    { domain: 'shop.test', record_name: '_dnsauth.shop.test', record_type: 'TXT', record_value: EXPECTED },
    { domain: 'www.shop.test', record_name: '_dnsauth.www.shop.test', record_type: 'TXT', record_value: WWW_VALUE },
    { domain: 'api.shop.test', record_name: '_dnsauth.api.shop.test', record_type: 'TXT', record_value: API_VALUE },
  ],
};

export const EMAIL: FakeCertificate = {
  id: 'scs1000000000002',
  name: 'old-email',
  status: 'CHECKING',
  validation_method: 'EMAIL',
  domain: 'old.test',
  domain_type: 'SINGLE_DOMAIN',
  authentification: [],
};

export const ISSUED: FakeCertificate = {
  id: 'scs1000000000003',
  name: 'shop-issued',
  status: 'ISSUED',
  validation_method: 'DNS',
  domain: 'shop.test',
  domain_type: 'SINGLE_DOMAIN',
  authentification: [{ domain: 'shop.test', record_name: '_dnsauth.shop.test', record_type: 'TXT', record_value: EXPECTED }],
};

export const CERTIFICATES = [MULTI, EMAIL, ISSUED];

export function certificateWorld(): WorldSpec {
  return standardWorld({
    zones: [
      zone('shop.test', [
        txt('_dnsauth.shop.test', EXPECTED),
        txt('_dnsauth.www.shop.test', WWW_VALUE),
        { name: 'www.shop.test', type: 'A', value: '127.0.0.80', ttl: 300 },
        { name: 'api.shop.test', type: 'A', value: '127.0.0.80', ttl: 300 },
      ]),
       zone('old.test', [txt('_dnsauth.old.test', 'whatever')])],
  });
}
