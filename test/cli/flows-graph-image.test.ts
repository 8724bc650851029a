/**
 * `certstatus flows graph FLOW --format svg|png`: the flow drawn by Mermaid in the system Chromium, the same
 * picture the dashboard draws; without Chromium, one line saying how to get it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/dns-world/cli-io';
import { describeInBrowser } from '../support/browser';

describe('flows graph --format without Chromium', () => {
  it('says where it looked and how to install it, exit status 2', async () => {
    const run = await runCli(['flows', 'graph', 'pending-domain-verification', '--format', 'svg'], { CERTSTATUS_CHROMIUM: '/nonexistent/chromium' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('certstatus: No Chromium found at /nonexistent/chromium: install Debian\'s chromium (apt-get install chromium) or set CERTSTATUS_CHROMIUM to its path.\n');
  });

  it('refuses an unknown format with one line', async () => {
    const run = await runCli(['flows', 'graph', 'pending-domain-verification', '--format', 'gif']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('certstatus: --format must be one of mermaid, svg, png, got "gif".\n');
  });
});

describeInBrowser('flows graph --format in chromium', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'certstatus-graph-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the flow as an SVG drawing with every node, and as a PNG image', async () => {
    const svg = await runCli(['flows', 'graph', 'pending-domain-verification', '--format', 'svg']);
    expect(svg.stderr).toBe('');
    expect(svg.code).toBe(0);
    expect(svg.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg[^>]+id="flow-graph"/);
    for (const node of ['step1-ownership', 'dns-check', 'answer-wrong-platform', 'talk-to-human']) expect(svg.stdout).toContain(node);
    expect(svg.stdout.match(/class="node /g)?.length ?? 0).toBeGreaterThan(10);

    const file = path.join(dir, 'flow.png');
    const png = await runCli(['flows', 'graph', 'pending-domain-verification', '--format', 'png', '--output', file]);
    expect(png.stderr).toBe('');
    expect(png.code).toBe(0);
    const image = readFileSync(file);
    expect(image.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = image.readUInt32BE(16);
    const height = image.readUInt32BE(20);
    expect(width).toBeGreaterThan(400);
    expect(height).toBeGreaterThan(400);
  }, 60_000);
});
