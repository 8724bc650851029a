/**
 * The page's static files, served by certstatus itself (no CDN): our stylesheet and scripts from the
 * package's web/ folder, uPlot and Mermaid from their npm packages. Read once, on first request.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpRoute } from '../../core/http-route';

/** The package root, from src/channels/web and from dist/channels/web alike. */
const ROOT = path.resolve(__dirname, '..', '..', '..');

const ASSETS: Record<string, { file: () => string; type: string }> = {
  'web.css': { file: () => path.join(ROOT, 'web', 'web.css'), type: 'text/css' },
  'web.js': { file: () => path.join(ROOT, 'web', 'web.js'), type: 'text/javascript' },
  'dashboard.js': { file: () => path.join(ROOT, 'web', 'dashboard.js'), type: 'text/javascript' },
  'uPlot.iife.min.js': { file: () => require.resolve('uplot/dist/uPlot.iife.min.js'), type: 'text/javascript' },
  'uPlot.min.css': { file: () => require.resolve('uplot/dist/uPlot.min.css'), type: 'text/css' },
  'mermaid.min.js': { file: () => require.resolve('mermaid/dist/mermaid.min.js'), type: 'text/javascript' },
};

export function assetRoutes(): HttpRoute[] {
  return Object.entries(ASSETS).map(([name, asset]) => {
    let body: Buffer | undefined;
    return {
      method: 'GET' as const,
      path: `/assets/${name}`,
      handler(_req, res) {
        body ??= readFileSync(asset.file());
        res.writeHead(200, { 'Content-Type': `${asset.type}; charset=utf-8`, 'Content-Length': String(body.length), 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' });
        res.end(body);
      },
    };
  });
}
