/**
 * Browser tests: Debian's chromium (/usr/bin/chromium, or CERTSTATUS_CHROMIUM) driven by playwright-core,
 * one browser per test file. Where chromium is absent the tests are skipped with a loud warning (CI installs
 * it: scripts/ci-services.sh). Every page a test looks at is kept as a screenshot in test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchChromium } from '../../src/render/chromium';

export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

export const hasBrowser = chromiumPath() !== undefined;

/** `describe`, or a loudly announced skip when no chromium is installed. */
export function describeInBrowser(name: string, body: () => void): void {
  if (hasBrowser) return describe(name, body);
  console.warn(`\n!!! SKIPPED "${name}": no chromium at ${process.env.CERTSTATUS_CHROMIUM || '/usr/bin/chromium'}.\n!!! Install it (apt-get install chromium, or bash scripts/ci-services.sh) to run the browser tests.\n`);
  describe.skip(name, body);
}

export function openBrowser(): Promise<Browser> {
  return launchChromium();
}

/** Console errors and uncaught page errors, collected for the test to assert there are none. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Inputs (text, textarea, select; not hidden ones, not buttons) without an accessible label: a
 * <label for>, a wrapping label, aria-label or aria-labelledby. Empty when every input is labelled.
 */
export function unlabelledInputs(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const fields = [...document.querySelectorAll('input:not([type=hidden]):not([type=submit]):not([type=button]), textarea, select')];
    return fields.filter((field) => {
      if (field.getAttribute('aria-label') || field.getAttribute('aria-labelledby')) return false;
      if (field.closest('label')) return false;
      return !(field.id && document.querySelector('label[for="' + field.id + '"]'));
    }).map((field) => field.outerHTML.slice(0, 120));
  })()`);
}
