/** A small flow whose check outcomes are real cause ids, for the watch tests (engine, service, scheduler). */
import { flowFromYaml } from './flows';

export const WATCH_FLOW = flowFromYaml(`
id: watch-flow
version: 1
title: Watch flow
start: ask-domain
causes:
  ttl-not-elapsed: { title: "Not yet ({{domain}})", procedure: [Wait], watch: offer }
  ca-review-pending: { title: The CA reviews, procedure: [Wait longer], watch: goal }
  ownership-not-verified: { title: Ownership, procedure: [Verify] }
nodes:
  - id: ask-domain
    kind: input
    text: Which domain?
    capture: domain
    validate: domain
    next: ask-owner
  - id: ask-owner
    kind: question
    text: Ownership verified?
    choices:
      - { id: yes, label: Yes, next: check }
      - { id: no, label: No, next: answer-owner }
  - id: check
    kind: check
    check: dns
    params: { domain: "{{domain}}", expect: "{{expect}}" }
    outcomes:
      ttl-not-elapsed: answer-ttl
      ca-review-pending: answer-ca
    default: answer-ca
  - id: answer-ttl
    kind: answer
    cause: ttl-not-elapsed
  - id: answer-ca
    kind: answer
    cause: ca-review-pending
  - id: answer-owner
    kind: answer
    cause: ownership-not-verified
`);
