/**
 * The certificate source on Huawei Cloud SSL Certificate Manager (SCM API v3), over HTTPS with AK/SK
 * signing (./sign). The published reference this follows:
 *   ShowCertificate  GET /v3/scm/certificates/{certificate_id}
 *     https://support.huaweicloud.com/intl/en-us/api-ccm/ShowCertificate.html
 *     (status, validation_method, domain, sans, authentification[{record_name, record_type, record_value, domain}])
 *   ListCertificates GET /v3/scm/certificates?limit=10|20|50&offset=&status=&sort_key=&sort_dir=
 *     https://support.huaweicloud.com/eu/api-ccm/ListCertificates.html ({certificates[], total_count};
 *     list items carry no records, so details are fetched per certificate)
 *   Error codes https://support.huaweicloud.com/intl/en-us/api-ccm/scmEn.html (400 SCM.0020 "Incorrect
 *     certificate ID."), https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-0001.html (401
 *     APIGW.0301: signature refused; X-Sdk-Date must be within 15 minutes of the gateway's clock),
 *     https://support.huaweicloud.com/intl/en-us/oce_faq/en-us_topic_0000001887959462.html (429 APIG.0308:
 *     throttled; retry after a few seconds).
 * Every failure becomes a CertstatusError with its own code and one line. Service error messages are not
 * echoed: a refused signature's error_msg carries the canonical request, Access key included.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CertstatusError, ErrorCode } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import type { CcmCredentials } from '../config/ccm';
import { mapLimit } from '../core/map-limit';
import { sign } from './sign';
import { PENDING_STATUS, type Certificate, type CertificateSource, type NameRecord } from './types';

export interface HuaweiScmOptions {
  endpoint: string;
  credentials: CcmCredentials;
  timeoutMs: number;
  maxRetryWaitMs: number;
  concurrency: number;
  /** Page size of ListCertificates: the API accepts 10, 20 or 50. */
  pageSize?: 10 | 20 | 50;
  logger?: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** Attempts of one request while the service answers 429 (within maxRetryWaitMs). */
const MAX_ATTEMPTS = 4;
/** A 5xx is retried once after this long: gateways fail over quickly. */
const RETRY_5XX_MS = 500;
/** Without Retry-After, APIG.0308's advice: wait a few seconds. */
const DEFAULT_THROTTLE_WAIT_MS = 2000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Ids are 16 characters (ShowCertificate: "Minimum: 16 Maximum: 16"), like scs1590053258704. */
export const CERTIFICATE_ID = /^[A-Za-z0-9]{16}$/;

interface RawResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now: Date): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function seconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

function errorCodeOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error_code?: unknown; error?: { code?: unknown } };
    const code = parsed.error_code ?? parsed.error?.code;
    return typeof code === 'string' && /^[A-Za-z0-9._-]{1,40}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

/** The names of a certificate in its order: `domain`, then `sans` (a list or a separated string). */
function certificateNames(domain: unknown, sans: unknown): string[] {
  const raw = [
    ...(typeof domain === 'string' ? [domain] : []),
    ...(Array.isArray(sans) ? sans.filter((s): s is string => typeof s === 'string') : typeof sans === 'string' ? sans.split(/[\s,;]+/) : []),
  ];
  const seen = new Set<string>();
  return raw
    .map((name) => name.trim())
    .filter((name) => name && !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase()));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function parseCertificate(raw: unknown, fallbackId: string): Certificate {
  const item = (raw ?? {}) as Record<string, unknown>;
  const records: NameRecord[] = (Array.isArray(item.authentification) ? item.authentification : [])
    .map((entry) => (entry ?? {}) as Record<string, unknown>)
    .filter((entry) => text(entry.domain) && text(entry.record_name) && text(entry.record_value))
    .map((entry) => ({
      domain: text(entry.domain)!,
      recordName: text(entry.record_name)!,
      recordType: (text(entry.record_type) ?? 'TXT').toUpperCase(),
      recordValue: text(entry.record_value)!,
    }));
  return {
    id: text(item.id) ?? fallbackId,
    name: text(item.name),
    status: (text(item.status) ?? 'UNKNOWN').toUpperCase(),
    validationMethod: text(item.validation_method)?.toUpperCase(),
    names: certificateNames(item.domain, item.sans),
    records,
    updatedAt: text(item.update_time) ?? text(item.issue_time),
  };
}

export class HuaweiScmSource implements CertificateSource {
  private readonly base: URL;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HuaweiScmOptions) {
    this.base = new URL(options.endpoint);
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? defaultSleep;
  }

  async certificate(id: string): Promise<Certificate> {
    if (!CERTIFICATE_ID.test(id)) {
      throw new CertstatusError(ErrorCode.Usage, `"${id.slice(0, 40)}" is not a certificate id: copy it from the certificate console (16 letters and digits, like scs1590053258704).`);
    }
    const body = await this.get(`/v3/scm/certificates/${encodeURIComponent(id)}`, {}, id);
    return parseCertificate(body, id);
  }

  async pending(): Promise<Certificate[]> {
    const limit = this.options.pageSize ?? 50;
    const ids: string[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = (await this.get('/v3/scm/certificates', { limit: String(limit), offset: String(offset), status: PENDING_STATUS, sort_key: 'certUpdateTime', sort_dir: 'ASC' })) as {
        certificates?: Array<{ id?: unknown; status?: unknown }>;
        total_count?: unknown;
      };
      const items = Array.isArray(page.certificates) ? page.certificates : [];
      for (const item of items) {
        const status = typeof item.status === 'string' ? item.status.toUpperCase() : PENDING_STATUS;
        if (typeof item.id === 'string' && status === PENDING_STATUS && !ids.includes(item.id)) ids.push(item.id);
      }
      const total = typeof page.total_count === 'number' ? page.total_count : undefined;
      if (items.length < limit || (total !== undefined && offset + limit >= total)) break;
    }
    const details = await mapLimit(ids, this.options.concurrency, async (id) => {
      try {
        return await this.certificate(id);
      } catch (error) {
        // Deleted between the list and the details: not pending any more.
        if (error instanceof CertstatusError && error.code === ErrorCode.CcmUnknownCertificate) return undefined;
        throw error;
      }
    });
    return details.filter((c): c is Certificate => c !== undefined && c.status === PENDING_STATUS);
  }

  /** One signed GET with the retry policy: 429 honours Retry-After within maxRetryWaitMs; a 5xx is retried once. */
  private async get(path: string, query: Record<string, string>, certificateId?: string): Promise<unknown> {
    const url = new URL(path, this.base);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    let waited = 0;
    let retried5xx = false;
    for (let attempt = 1; ; attempt += 1) {
      const started = Date.now();
      const response = await this.send(url);
      this.logger.debug({ ccm: { method: 'GET', path: url.pathname, status: response.status, ms: Date.now() - started, attempt } }, 'certificate service request');
      if (response.status >= 200 && response.status < 300) {
        try {
          return JSON.parse(response.body) as unknown;
        } catch {
          throw new CertstatusError(ErrorCode.CcmUnavailable, `The certificate service answered HTTP ${response.status} with something that is not JSON; try again later.`);
        }
      }
      const code = errorCodeOf(response.body);
      if (response.status === 429) {
        const wait = retryAfterMs(response.headers['retry-after'], this.now()) ?? DEFAULT_THROTTLE_WAIT_MS;
        if (attempt < MAX_ATTEMPTS && waited + wait <= this.options.maxRetryWaitMs) {
          waited += wait;
          await this.sleep(wait);
          continue;
        }
        throw new CertstatusError(
          ErrorCode.CcmThrottled,
          `The certificate service is throttling this account (HTTP 429${code ? ` ${code}` : ''}) and asks to wait ${seconds(wait)}; try again then.`,
        );
      }
      if (response.status >= 500 && !retried5xx) {
        retried5xx = true;
        await this.sleep(RETRY_5XX_MS);
        continue;
      }
      throw this.failure(response.status, code, certificateId);
    }
  }

  private failure(status: number, code: string | undefined, certificateId?: string): CertstatusError {
    const tag = `HTTP ${status}${code ? ` ${code}` : ''}`;
    if (status === 401 || status === 403) {
      return new CertstatusError(
        ErrorCode.CcmAuth,
        `The certificate service refused the credentials (${tag}): check HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, the key's SCM permissions, and this machine's clock (within 15 minutes).`,
      );
    }
    if (certificateId && (code === 'SCM.0020' || code === 'SCM.0008' || status === 404)) {
      return new CertstatusError(
        ErrorCode.CcmUnknownCertificate,
        `The certificate service knows no certificate ${certificateId} in this account (${tag}): copy the id from the certificate console, like scs1590053258704.`,
      );
    }
    if (status >= 500) return new CertstatusError(ErrorCode.CcmUnavailable, `The certificate service failed (${tag}); try again in a few minutes.`);
    return new CertstatusError(ErrorCode.CcmUnavailable, `The certificate service refused the request (${tag}); this is a certstatus bug if it persists.`);
  }

  private send(url: URL): Promise<RawResponse> {
    const signed = sign({ method: 'GET', url, headers: { 'Content-Type': 'application/json' }, ak: this.options.credentials.ak, sk: this.options.credentials.sk, now: this.now() });
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const timeoutMs = this.options.timeoutMs;
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'GET', headers: signed.headers, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) req.destroy(new Error('response too large'));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (error) => reject(this.networkError(error, timeoutMs)));
      });
      req.on('error', (error) => reject(this.networkError(error, timeoutMs)));
      req.end();
    });
  }

  private networkError(error: Error, timeoutMs: number): CertstatusError {
    const host = this.base.host;
    if (error.name === 'AbortError' || error.name === 'TimeoutError') {
      return new CertstatusError(ErrorCode.CcmTimeout, `The certificate service (${host}) did not answer within ${seconds(timeoutMs)}; try again, or raise CERTSTATUS_CCM_TIMEOUT_MS.`);
    }
    const code = (error as NodeJS.ErrnoException).code;
    return new CertstatusError(ErrorCode.CcmTimeout, `The certificate service (${host}) could not be reached${code ? ` (${code})` : ''}; check CERTSTATUS_CCM_ENDPOINT and the network.`);
  }
}
