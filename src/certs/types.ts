/**
 * A certificate source: what the certificate service knows about a certificate (its names, and the
 * record the CA asked for on each), behind one small interface like the DNS transport and the store.
 * The Huawei Cloud SCM client implements it; tests run it against a fake service on loopback.
 */

/** The record the CA asked for on one name of the certificate. */
export interface NameRecord {
  /** The certificate name this record proves (`example.com`, `*.example.com`). */
  domain: string;
  /** Where the record goes, as the service gives it (`_dnsauth.example.com`). */
  recordName: string;
  /** `TXT` or `CNAME`. */
  recordType: string;
  recordValue: string;
}

export interface Certificate {
  id: string;
  name?: string;
  /** The service's status: `CHECKING` while the CA waits on verification, `ISSUED` once done, ... */
  status: string;
  /** `DNS`, `FILE` or `EMAIL` (upper case); undefined when the service did not say. */
  validationMethod?: string;
  /** Every name of the certificate in the certificate's order: the main domain, then the SANs. */
  names: string[];
  /** The verification records, one per name when the method is DNS. */
  records: NameRecord[];
  /** When the service last changed it (ISO 8601), when it says. */
  updatedAt?: string;
}

export interface CertificateSource {
  /** One certificate with its names and records; throws a coded error (unknown id, auth, ...). */
  certificate(id: string): Promise<Certificate>;
  /** Every certificate waiting on domain verification, with its names and records. */
  pending(): Promise<Certificate[]>;
}

/** Status of a certificate waiting on the CA's checks (ListCertificates' `status` filter). */
export const PENDING_STATUS = 'CHECKING';
export const ISSUED_STATUS = 'ISSUED';
