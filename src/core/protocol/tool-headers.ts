// Mcp-Param-* headers from x-mcp-header annotations, and the check that a tool's annotations are
// valid (checklist HM-09, HM-11). Only modern connections need it: loaded as one opens.
import { encodeHeaderValue } from './headers.js';
import type { JsonSchema, Tool } from './types.js';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MAX_SAFE = 2 ** 53 - 1;

/** Header names annotated with x-mcp-header, with the property path that supplies each value. */
function annotatedPaths(
  schema: JsonSchema,
  path: string[] = [],
  out: { name: string; path: string[]; schema: JsonSchema }[] = [],
) {
  const props = schema.properties;
  if (!props || typeof props !== 'object') return out;
  for (const [key, sub] of Object.entries(props as Record<string, JsonSchema>)) {
    if (!sub || typeof sub !== 'object') continue;
    const name = sub['x-mcp-header'];
    if (name !== undefined) out.push({ name: name as string, path: [...path, key], schema: sub });
    annotatedPaths(sub, [...path, key], out);
  }
  return out;
}

/** Why a tool's x-mcp-header annotations are invalid, or undefined when they are fine (HM-11). */
export function headerAnnotationProblem(tool: Tool): string | undefined {
  const seen = new Set<string>();
  for (const { name, schema } of annotatedPaths(tool.inputSchema ?? {})) {
    if (typeof name !== 'string' || !TOKEN.test(name))
      return `x-mcp-header ${JSON.stringify(name)} is not an HTTP token`;
    const lower = name.toLowerCase();
    if (seen.has(lower)) return `x-mcp-header ${name} is used twice`;
    seen.add(lower);
    if (!['string', 'integer', 'boolean'].includes(schema.type as string))
      return `x-mcp-header ${name} is on a ${String(schema.type)} property`;
  }
  // Annotations reachable only through items/oneOf/$ref etc. are invalid too.
  const all = JSON.stringify(tool.inputSchema ?? {}).split('"x-mcp-header"').length - 1;
  if (all !== seen.size) return 'x-mcp-header is only allowed on properties reachable through "properties"';
  return undefined;
}

/** The Mcp-Param-* headers for a tools/call with these arguments (HM-09). */
export function toolParamHeaders(tool: Tool | undefined, args: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!tool) return headers;
  for (const { name, path } of annotatedPaths(tool.inputSchema ?? {})) {
    let value: unknown = args;
    for (const key of path)
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (value === undefined || value === null) continue;
    if (typeof value === 'number' && (!Number.isInteger(value) || Math.abs(value) > MAX_SAFE)) continue;
    headers[`mcp-param-${name.toLowerCase()}`] = encodeHeaderValue(String(value));
  }
  return headers;
}
