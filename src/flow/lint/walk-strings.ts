/** Visits every string in the raw data with its path (robust to any shape, for text-level rules). */
import type { DataPath } from '../../core/yaml-locate';

export function walkStrings(value: unknown, visit: (text: string, path: DataPath) => void, path: DataPath = []): void {
  if (typeof value === 'string') {
    visit(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walkStrings(item, visit, [...path, i]));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walkStrings(item, visit, [...path, key]);
  }
}

/** The property a string belongs to: its key, or the key of the list holding it ("procedure", "synonyms"). */
export function fieldOf(path: DataPath): string | undefined {
  const last = path[path.length - 1];
  if (typeof last === 'string') return last;
  const parent = path[path.length - 2];
  return typeof parent === 'string' ? parent : undefined;
}
