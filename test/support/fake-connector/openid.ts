/**
 * A loopback stand-in for the Bot Framework's token signing (login.botframework.com): OpenID metadata and
 * a JWKS with one RSA key, plus a signer for channel tokens. The bot's real botbuilder token validation is
 * pointed here (ToBotFromChannelOpenIdMetadataUrl), so tests check real signatures without leaving 127.0.0.1.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface ChannelClaims {
  aud: string;
  serviceurl?: string;
  iss?: string;
  /** Seconds since the epoch; one hour from now by default. */
  exp?: number;
}

export interface FakeOpenId {
  metadataUrl: string;
  /** A token signed with the published key. */
  sign(claims: ChannelClaims): string;
  /** A token with the published key id but signed by another key (a forgery). */
  forge(claims: ChannelClaims): string;
  close(): Promise<void>;
}

const KID = 'fake-botframework-key';

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function signJwt(claims: ChannelClaims, key: KeyObject): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: KID }));
  const payload = b64url(JSON.stringify({ iss: CHANNEL_ISSUER, nbf: now - 60, exp: now + 3600, ...claims }));
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key);
  return `${header}.${payload}.${b64url(signature)}`;
}

export async function startFakeOpenId(): Promise<FakeOpenId> {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = published.publicKey.export({ format: 'jwk' });
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    sign: (claims) => signJwt(claims, published.privateKey),
    forge: (claims) => signJwt(claims, other.privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
