/**
 * A valid flow of about `bytes` bytes for the lint benchmark: a chain of questions, each with three
 * choices (one onward, one to a cause's answer, one to the handoff) and long texts, plus a share of
 * unreachable nodes so the linter also locates many warnings.
 */
export function bigFlowYaml(bytes: number): string {
  const head = [
    'id: big',
    'version: 1',
    'title: A very large flow',
    'start: q0',
    'handoff: human',
    'causes:',
    '  record-missing:',
    '    title: The record is missing',
    '    procedure:',
    '      - Add a TXT record at _dnsauth.{{domain}}.',
    'nodes:',
    '  - id: human',
    '    kind: handoff',
    '    text: A colleague will take over.',
    '  - id: missing',
    '    kind: answer',
    '    cause: record-missing',
  ].join('\n');
  const filler = 'This sentence makes the question as long as a real one with some explanation in it. '.repeat(3).trim();
  const node = (i: number, last: boolean) =>
    [
      `  - id: q${i}`,
      '    kind: question',
      `    text: Question ${i}? ${filler}`,
      '    choices:',
      `      - id: "on"`,
      `        label: Go on ${i}`,
      `        next: ${last ? 'missing' : `q${i + 1}`}`,
      `      - id: "cause"`,
      `        label: The record is missing ${i}`,
      `        synonyms: [missing ${i}, not there ${i}]`,
      '        next: missing',
      `      - id: "human"`,
      `        label: Ask a human ${i}`,
      '        next: human',
    ].join('\n');
  const size = node(1000, false).length + 1;
  const count = Math.max(1, Math.floor((bytes - head.length) / size));
  const parts = [head];
  for (let i = 0; i < count; i += 1) {
    // Every tenth node is left out of the chain: an unreachable-node warning each.
    parts.push(node(i, i === count - 1));
    if (i % 10 === 0) parts.push(node(count + i, true).replace(`id: q${count + i}`, `id: orphan${i}`));
  }
  return `${parts.join('\n')}\n`;
}

/** The same chain with every onward choice pointing at a node that does not exist: an error per node. */
export function brokenBigFlowYaml(bytes: number): string {
  return bigFlowYaml(bytes).replace(/next: q(\d+)/g, 'next: nowhere$1');
}

/** A flow whose size is in its causes: one answer and `bytes / 100` causes nobody presents (a warning each). */
export function manyCausesFlowYaml(bytes: number): string {
  const parts = ['id: causes', 'version: 1', 'title: Many causes', 'start: a', 'causes:'];
  for (let i = 0; i < bytes / 100; i += 1) parts.push(`  cause-${i}:`, `    title: Cause number ${i}`, '    procedure:', `      - Do thing ${i}.`);
  parts.push('nodes:', '  - id: a', '    kind: answer', '    cause: cause-0');
  return `${parts.join('\n')}\n`;
}
