/** Test flows built in memory (the loader has its own tests; the engine only needs a LoadedFlow). */
import { parse } from 'yaml';
import type { Flow, LoadedFlow } from '../../src/flow/types';

export function flowFromYaml(text: string, source = '<memory>'): LoadedFlow {
  const flow = parse(text) as Flow;
  return { ...flow, nodeById: new Map(flow.nodes.map((node) => [node.id, node])), source };
}

/** A small flow that exercises every node kind. */
export const TEST_FLOW_YAML = `
id: test-flow
version: 3
title: Test flow
greeting: Hello! Let's look at {{domain}}.
start: ask-domain
handoff: human
causes:
  cause-a:
    title: Cause A for {{domain}}
    summary: Summary A.
    procedure: ["Do one thing for {{domain}}", Do another]
    after: Then wait.
  cause-b:
    title: Cause B
    procedure: [Fix B]
nodes:
  - id: ask-domain
    kind: input
    text: Which domain?
    help: The domain on the certificate.
    capture: domain
    validate: domain
    next: q1
  - id: q1
    kind: question
    text: Is it verified?
    help: Look at your registrar.
    choices:
      - { id: yes-verified, label: Yes it is verified, synonyms: [yes, y, yep, done], next: ask-value }
      - { id: no-verified, label: No not yet, synonyms: [no, n], next: answer-a }
      - { id: unsure, label: Not sure, next: human }
  - id: ask-value
    kind: input
    text: Paste the value, or skip.
    capture: expect
    validate: record-value
    optional: true
    next: check
  - id: check
    kind: check
    text: Checking {{domain}}...
    check: dns
    params: { domain: "{{domain}}", expect: "{{expect}}" }
    outcomes:
      cause-a: answer-a
      record-missing: q1
    default: answer-b
  - id: answer-a
    kind: answer
    text: Found it.
    cause: cause-a
  - id: answer-b
    kind: answer
    cause: cause-b
  - id: human
    kind: handoff
    text: A person will help with {{domain}}.
`;

export const testFlow = (): LoadedFlow => flowFromYaml(TEST_FLOW_YAML);
