// Bounds that keep a hostile schema (deep nesting, huge objects, cycles) from freezing the page:
// the schema is measured once, iteratively, and the form stops expanding at these limits.
import { isObject } from './safe.js';

/** How far the form and the measuring walk go before they give up with a message. */
export const LIMITS = {
  /** Nested form levels shown before a field falls back to the JSON editor. */
  depth: 16,
  /** Properties of one object shown as fields; more, and that object is a JSON editor. */
  properties: 500,
  /** Schema nodes in a whole schema; more, and the schema is refused. */
  nodes: 50_000,
  /** Nesting of the schema document itself; deeper, and the schema is refused. */
  schemaDepth: 4_000,
  /** `$ref` hops followed for one field. */
  refHops: 32,
};

export interface SchemaMeasure {
  nodes: number;
  depth: number;
  /** Why the schema cannot be used at all, if it cannot. */
  problem?: 'tooLarge' | 'tooDeep';
  /** Subschemas by `$id` and `#anchor`, for local `$ref`s that name them. */
  ids: Map<string, unknown>;
}

/**
 * Walks a schema without recursion, counting nodes and depth, stopping at the limits (an object cycle hits the node
 * limit).
 */
export function measureSchema(schema: unknown): SchemaMeasure {
  const ids = new Map<string, unknown>();
  const stack: [unknown, number][] = [[schema, 0]];
  let nodes = 0;
  let depth = 0;
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (++nodes > LIMITS.nodes) return { nodes, depth, problem: 'tooLarge', ids };
    if (d > depth && (depth = d) > LIMITS.schemaDepth) return { nodes, depth, problem: 'tooDeep', ids };
    if (isObject(node)) {
      for (const key of ['$id', '$anchor'] as const) {
        const id = Object.hasOwn(node, key) ? node[key] : undefined;
        if (typeof id === 'string') ids.set(key === '$anchor' ? `#${id}` : id, node);
      }
    }
    for (const child of Object.values(node))
      if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
  return { nodes, depth, ids };
}
