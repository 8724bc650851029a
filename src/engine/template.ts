/** Fills `{{var}}` placeholders from the conversation's variables; unknown ones stay visible as-is. */
export function fillTemplate(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => (name in vars ? (vars[name] ?? whole) : whole));
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

/** True when every placeholder in the text has a value. */
export function hasAllVars(text: string, vars: Readonly<Record<string, string>>): boolean {
  return [...text.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].every((m) => Boolean(vars[m[1] ?? '']));
}
