export { DnsSession, query } from './query';
export { TYPE_CODES } from './packet';
