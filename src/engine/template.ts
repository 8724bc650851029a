/**
 * Fills `{{var}}` placeholders from the conversation's variables; unknown ones stay visible as-is. The
 * linter's placeholder code (src/flow/placeholders.ts) does the filling, so both always agree.
 */
import { fillPlaceholders, PLACEHOLDER, placeholderValue } from '../flow/placeholders';

export function fillTemplate(text: string, vars: Readonly<Record<string, string>>): string {
  return fillPlaceholders(text, vars);
}

/** True when every placeholder in the text has a non-empty value. */
export function hasAllVars(text: string, vars: Readonly<Record<string, string>>): boolean {
  return [...text.matchAll(PLACEHOLDER)].every((m) => Boolean(placeholderValue(vars, m[1] ?? '')));
}

/**
 * Fills every value of a parameter map. A parameter whose placeholders are not all known (an optional
 * value the user skipped) is left out rather than passed on as a literal "{{expect}}".
 */
export function fillParams(
  params: Readonly<Record<string, string>> | undefined,
  vars: Readonly<Record<string, string>>,
): Record<string, string> {
  const filled: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (hasAllVars(value, vars)) filled[name] = fillTemplate(value, vars);
  }
  return filled;
}
