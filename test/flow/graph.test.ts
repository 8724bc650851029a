import path from 'node:path';
import { flowToMermaid, escape } from '../../src/flow/graph';
import { loadFlowFile } from '../../src/flow/load';
import { loadFlowsDir } from '../../src/flow/registry';
import type { Flow } from '../../src/flow/types';

describe('flowToMermaid', () => {
  it('draws each node kind with its own shape and labels edges with choices and outcomes', () => {
    const flow = loadFlowFile(path.join(__dirname, 'fixtures', 'valid-with-check.yaml'));
    expect(flowToMermaid(flow)).toBe(
      [
        'flowchart TD',
        '  %% Tiny flow (tiny v1)',
        '  start_((start)) --> n_ask_added',
        '  n_ask_added{"<b>ask-added</b><br>Did you add the record?"}',
        '  n_run_dns{{"<b>run-dns</b><br>check: dns"}}',
        '  n_missing(["<b>missing</b><br>The record is missing"])',
        '  n_human>"<b>human</b><br>A colleague will take over."]',
        '  n_ask_added -->|"Yes"| n_human',
        '  n_ask_added -->|"No"| n_run_dns',
        '  n_run_dns -->|"record-missing"| n_missing',
        '  n_run_dns -->|"default"| n_human',
        '  classDef answer fill:#e6f4ea,stroke:#34a853',
        '  classDef handoff fill:#fce8e6,stroke:#ea4335',
        '  classDef check fill:#e8f0fe,stroke:#4285f4',
        '  class n_missing answer',
        '  class n_human handoff',
        '  class n_run_dns check',
        '',
      ].join('\n'),
    );
  });

  it('escapes quotes and markup in texts and keeps ids Mermaid-safe', () => {
    const flow: Flow = {
      id: 'q', version: 2, title: 'Quotes', start: 'end', causes: {},
      nodes: [
        { id: 'end', kind: 'input', text: 'Type "your" <domain> #1 | {x}', capture: 'domain', next: 'end.2' },
        { id: 'end.2', kind: 'handoff', text: 'Bye' },
        { id: 'end_2', kind: 'handoff', text: 'Other' },
      ],
    };
    const out = flowToMermaid(flow);
    expect(out).toContain('  n_end[/"<b>end</b><br>Type #quot;your#quot; #lt;domain#gt; #35;1 #124; #123;x#125;"/]');
    expect(out).toContain('  n_end --> n_end_2\n');
    expect(out).toContain('  n_end_2_2>"<b>end_2</b><br>Other"]');
    // No raw double quote inside any label: every quote on a line opens or closes a label.
    for (const line of out.split('\n')) expect((line.match(/"/g) ?? []).length % 2).toBe(0);
  });

  it('escapes # before the entities it introduces', () => {
    expect(escape('#quot;')).toBe('#35;quot;');
  });

  it('draws the shipped flow with one line per node and one per edge', () => {
    const flow = loadFlowsDir().defaultFlow;
    const out = flowToMermaid(flow);
    for (const node of flow.nodes) expect(out).toMatch(new RegExp(`^  n_${node.id.replace(/[^A-Za-z0-9_]/g, '_')}[\\[{(>]`, 'm'));
    expect(out.split('\n').filter((l) => l.includes('-->')).length).toBeGreaterThan(flow.nodes.length / 2);
  });
});
