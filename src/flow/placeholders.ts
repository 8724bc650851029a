/**
 * `{{var}}` placeholders in flow texts: what the linter checks and what the engine fills in
 * (src/engine/template.ts fills through fillPlaceholders), so both always agree.
 */

/** `{{domain}}`, spaces inside the braces allowed: `{{ domain }}`. */
export const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** Variables the checks and channels set without an input node asking for them. */
export const ALWAYS_KNOWN_VARS: readonly string[] = ['domain', 'expect', 'platform', 'provider'];

/** Names used in `text`, in order of appearance. */
export function placeholderNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** The value of a variable, never one inherited from Object.prototype (`{{constructor}}`, `{{toString}}`). */
export function placeholderValue(vars: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  return Object.hasOwn(vars, name) ? vars[name] : undefined;
}

/** Replaces known placeholders; unknown ones are left as written so the gap is visible, not silent. */
export function fillPlaceholders(text: string, vars: Readonly<Record<string, string | undefined>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => placeholderValue(vars, name) ?? whole);
}
