/**
 * Remembers what a loader made of a file until the file changes (by modification time and size). Data
 * tables such as the DNS provider list are read for every DNS check and every watch; parsing and schema
 * validation once per change, not once per check, keeps that off the hot path. Errors are not remembered.
 */
import { statSync } from 'node:fs';

export function memoByFile<T>(load: (file: string) => T): (file: string) => T {
  const cache = new Map<string, { stamp: string; value: T }>();
  return (file) => {
    let stamp: string;
    try {
      const stats = statSync(file);
      stamp = `${stats.mtimeMs}:${stats.size}`;
    } catch {
      return load(file); // Missing or unreadable: the loader explains it.
    }
    const hit = cache.get(file);
    if (hit?.stamp === stamp) return hit.value;
    const value = load(file);
    cache.set(file, { stamp, value });
    return value;
  };
}
