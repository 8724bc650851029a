/**
 * Maps a path in the parsed data (['nodes', 3, 'choices', 0, 'next']) back to a line and column in the
 * YAML text, so every problem points at the offending key or value rather than the top of the file.
 */
import { isMap, isScalar, isSeq, LineCounter, type Document, type Node as YamlNode } from 'yaml';

export type DataPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface Locator {
  /** Position of the value at `path`; `key: true` points at the map key instead (for unknown keys). */
  at(path: DataPath, options?: { key?: boolean }): Position;
}

export function createLocator(doc: Document.Parsed, lineCounter: LineCounter): Locator {
  const position = (offset: number | undefined): Position => {
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  return {
    at(path, options = {}) {
      // Walk as deep as the document goes; a missing piece points at its nearest existing parent.
      let node: unknown = doc.contents;
      let keyNode: YamlNode | undefined;
      for (const segment of path) {
        const next = child(node, segment);
        if (!next) return position(rangeStart(node));
        node = next.value;
        keyNode = next.key;
        if (node === null || node === undefined) return position(rangeStart(keyNode));
      }
      if (options.key && keyNode) return position(rangeStart(keyNode));
      return position(rangeStart(node) ?? rangeStart(keyNode));
    },
  };
}

/** Each map's pairs by key, built on first use: a big file with many problems stays linear to locate. */
const pairsByKey = new WeakMap<object, Map<string, { key: YamlNode; value: unknown }>>();

function child(node: unknown, segment: string | number): { key?: YamlNode; value: unknown } | undefined {
  if (isMap(node)) {
    let index = pairsByKey.get(node);
    if (!index) {
      index = new Map();
      for (const item of node.items) {
        // The first pair with a key wins, as a linear search would find it.
        if (isScalar(item.key) && !index.has(String(item.key.value))) index.set(String(item.key.value), { key: item.key as YamlNode, value: item.value });
      }
      pairsByKey.set(node, index);
    }
    return index.get(String(segment));
  }
  if (isSeq(node) && typeof segment === 'number') {
    return segment < node.items.length ? { value: node.items[segment] } : undefined;
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** Parses a JSON pointer (ajv's instancePath) into path segments; numeric segments become indices. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
