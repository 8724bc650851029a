/**
 * A Mermaid chart drawn by Mermaid itself (the package's browser bundle, no CDN) in the system Chromium:
 * the same picture the dashboard draws in the page, as an SVG document or a PNG screenshot of it.
 */
import { CertstatusError, ErrorCode } from '../core/errors';
import { launchChromium } from './chromium';

export type ImageFormat = 'svg' | 'png';

export function mermaidBundlePath(): string {
  return require.resolve('mermaid/dist/mermaid.min.js');
}

export async function renderMermaid(source: string, format: ImageFormat, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const browser = await launchChromium(env);
  try {
    const page = await browser.newPage({ deviceScaleFactor: format === 'png' ? 2 : 1 });
    await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="graph"></div></body></html>');
    await page.addScriptTag({ path: mermaidBundlePath() });
    const drawn = await page.evaluate(async (text) => {
      // Runs in the page (no DOM types in this Node project: the page's globals are typed by hand).
      const { mermaid, document } = globalThis as unknown as { mermaid: MermaidApi; document: { getElementById(id: string): { innerHTML: string } } };
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
      try {
        const { svg } = await mermaid.render('flow-graph', text);
        const holder = document.getElementById('graph');
        holder.innerHTML = svg;
        return { svg: holder.innerHTML };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    }, source);
    if ('error' in drawn) throw new CertstatusError(ErrorCode.Unknown, `Mermaid could not draw the graph: ${String(drawn.error).split('\n')[0]}`);
    if (format === 'svg') return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${drawn.svg}\n`, 'utf8');
    return await page.locator('#graph svg').screenshot({ type: 'png', omitBackground: false });
  } finally {
    await browser.close();
  }
}

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}
