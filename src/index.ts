/** The curated public API of certstatus: what embedders and tests import. */
export { CertstatusError, ErrorCode, asCodedError } from './core/errors';
export type { Flow, LoadedFlow, FlowNode, Cause } from './flow/types';
export type { Reply } from './engine/replies';
export type { Evidence } from './core/checks';
export type { Input } from './engine/inputs';
export type { Effect } from './engine/effects';
export type { ConversationState } from './engine/state';
export type { StateStore } from './store/types';
export type { CheckOutcome, CheckRunner, CheckSpec } from './core/checks';
export { CHECK_CATALOGUE, DNS_CAUSE_IDS } from './core/checks';
export { parseDomain } from './core/domain';
export { main } from './cli/main';
