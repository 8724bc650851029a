/**
 * The system's Chromium (Debian's `chromium` at /usr/bin/chromium, or CERTSTATUS_CHROMIUM), driven by
 * playwright-core, which never downloads a browser of its own. Used to draw Mermaid graphs as SVG or PNG
 * (`certstatus flows graph --format svg|png`) and by the browser tests. playwright-core is loaded only
 * when a browser is launched, so no other command pays for it.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { CertstatusError, ErrorCode } from '../core/errors';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium binary to use, or undefined when none is installed. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.CERTSTATUS_CHROMIUM?.trim();
  if (configured) return existsSync(configured) ? configured : undefined;
  return existsSync(DEFAULT_CHROMIUM) ? DEFAULT_CHROMIUM : undefined;
}

export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = chromiumPath(env);
  if (!executablePath) {
    throw new CertstatusError(
      ErrorCode.Config,
      `No Chromium found at ${env.CERTSTATUS_CHROMIUM?.trim() || DEFAULT_CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CERTSTATUS_CHROMIUM to its path.`,
    );
  }
  const { chromium } = await import('playwright-core');
  // Chromium refuses its sandbox as root (CI runs as root); elsewhere the sandbox stays on.
  const args = ['--disable-dev-shm-usage', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  return chromium.launch({ executablePath, args, headless: true });
}
