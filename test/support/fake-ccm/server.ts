/**
 * A fake Huawei Cloud SCM v3 on loopback: real HTTP, the real client talks to it. It recomputes every
 * request's AK/SK signature with the SDK's own AKSKSigner (an implementation independent of
 * src/certs/sign.ts) and refuses a wrong one or a stale X-Sdk-Date with 401 APIGW.0301, pages its
 * lists by limit (10/20/50) and offset, and can be told to answer 401, 429, 5xx or to hang.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// Only the signer module: the package's index needs the undeclared `uuid` and writes to ~/.huaweicloud.
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';

export interface FakeRecord {
  domain: string;
  record_name: string;
  record_type: string;
  record_value: string;
}

/** A certificate as ShowCertificate returns it (the fields certstatus reads, and a few more). */
export interface FakeCertificate {
  id: string;
  name: string;
  status: string;
  validation_method: string;
  domain: string;
  sans?: string;
  domain_type?: string;
  brand?: string;
  type?: string;
  update_time?: string;
  authentification?: FakeRecord[];
}

export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer: the client's timeout has to end the request. */
  hang?: boolean;
}

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  signatureValid: boolean;
  /** Raw headers as received (tests check what was, and was not, sent). */
  headers: IncomingMessage['headers'];
}

export interface FakeCcm {
  url: string;
  ak: string;
  sk: string;
  certificates: Map<string, FakeCertificate>;
  requests: SeenRequest[];
  /** The next `times` signed requests get this answer instead of the real one. */
  script(answer: ScriptedAnswer, times?: number): void;
  /** Largest number of requests in flight at once so far. */
  maxInFlight(): number;
  stop(): Promise<void>;
}

const MAX_SKEW_MS = 15 * 60 * 1000;

function parseSdkDate(text: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

function verify(req: IncomingMessage, url: URL, ak: string, sk: string, now: number): boolean {
  const auth = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization ?? ''));
  if (!auth || auth[1] !== ak) return false;
  const date = String(req.headers['x-sdk-date'] ?? '');
  const at = parseSdkDate(date);
  if (at === undefined || Math.abs(now - at) > MAX_SKEW_MS) return false;
  const signedNames = auth[2].split(';');
  if (!signedNames.includes('host') || !signedNames.includes('x-sdk-date')) return false;
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = req.headers[name];
    if (typeof value !== 'string') return false;
    headers[name === 'x-sdk-date' ? 'X-Sdk-Date' : name] = value;
  }
  const signed = AKSKSigner.sign(
    { method: req.method ?? 'GET', endpoint: `http://${req.headers.host}${url.pathname}`, headers, queryParams: Object.fromEntries(url.searchParams), data: undefined } as never,
    { getAk: () => ak, getSk: () => sk } as never,
  ) as Record<string, string>;
  const expected = /Signature=([0-9a-f]{64})$/.exec(signed.Authorization)?.[1] ?? '';
  return expected.length === auth[3].length && timingSafeEqual(Buffer.from(expected), Buffer.from(auth[3]));
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export interface FakeCcmOptions {
  certificates?: FakeCertificate[];
  ak?: string;
  sk?: string;
  /** The fake's clock (default the real one), to test X-Sdk-Date skew. */
  now?: () => number;
  /** Delay before every answer, so concurrency can be seen. */
  delayMs?: number;
}

export async function startFakeCcm(options: FakeCcmOptions = {}): Promise<FakeCcm> {
  const ak = options.ak ?? 'FAKEAKEXAMPLE0000001';
  const sk = options.sk ?? 'fakeSecretKeyExample0000000000000000000';
  const now = options.now ?? Date.now;
  const certificates = new Map((options.certificates ?? []).map((c) => [c.id, c]));
  const requests: SeenRequest[] = [];
  const scripted: ScriptedAnswer[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake-ccm');
    const signatureValid = verify(req, url, ak, sk, now());
    requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), signatureValid, headers: req.headers });
    if (!signatureValid) {
      // What the real gateway says, canonical request (with the Access key) included: the client must not echo it.
      return send(res, 401, { error_code: 'APIGW.0301', error_msg: `Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:GET|${url.pathname}|authorization:${String(req.headers.authorization)}`, request_id: 'fake' });
    }
    const answer = scripted.shift();
    if (answer?.hang) return; // the socket stays open until the client gives up or the fake stops
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (answer) return send(res, answer.status, answer.body ?? { error_code: `FAKE.${answer.status}`, error_msg: 'scripted' }, answer.headers);
    if (req.method !== 'GET') return send(res, 405, { error_code: 'SCM.0005', error_msg: 'Incorrect request parameter.' });
    const detail = /^\/v3\/scm\/certificates\/([^/]+)$/.exec(url.pathname);
    if (detail) {
      const cert = certificates.get(decodeURIComponent(detail[1]));
      if (!cert) return send(res, 400, { error_code: 'SCM.0020', error_msg: 'Incorrect certificate ID.' });
      return send(res, 200, { ...cert, sans: cert.sans ?? '', authentification: cert.authentification ?? [] });
    }
    if (url.pathname === '/v3/scm/certificates') {
      const limit = Number(url.searchParams.get('limit') ?? '10');
      const offset = Number(url.searchParams.get('offset') ?? '0');
      if (![10, 20, 50].includes(limit) || !Number.isInteger(offset) || offset < 0) return send(res, 400, { error_code: 'SCM.0005', error_msg: 'Incorrect request parameter.' });
      const status = (url.searchParams.get('status') ?? 'ALL').toUpperCase();
      const all = [...certificates.values()].filter((c) => status === 'ALL' || c.status === status);
      const page = all.slice(offset, offset + limit).map(({ authentification: _a, ...item }) => item);
      return send(res, 200, { certificates: page, total_count: all.length });
    }
    return send(res, 404, { error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in the environment.' });
  };

  const server: Server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    req.resume();
    req.on('end', () => void handle(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ak,
    sk,
    certificates,
    requests,
    script(answer, times = 1) {
      for (let i = 0; i < times; i += 1) scripted.push(answer);
    },
    maxInFlight: () => maxInFlight,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
