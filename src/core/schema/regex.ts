// Server regular expressions (`pattern`, `patternProperties`) run in the page, on the main thread,
// where a runaway backtracking regex (`^(a+)+$` doubles its time with every character) freezes
// everything. Before a schema reaches the validator, each of its regexes passes a static gate:
// - refused (not checked) when a repeated group holds a repetition or an alternation (the
//   exponential cases), when it uses a backreference, or when it is long or has many repetitions;
// - otherwise kept, but applied only to strings short enough that its worst case, about
//   length^(repetitions), stays near a million steps; longer strings are not checked against it.
import { isObject } from './safe.js';

/** Backtracking steps a pattern may cost in the worst case, roughly. */
const BUDGET = 1e6;
const MAX_SOURCE = 1000;
const MAX_REPEATS = 6;

/** How many repetitions the pattern has (0 and up), or -1 when it is not safe to run at all. */
export function patternCost(source: string): number {
  if (source.length > MAX_SOURCE) return -1;
  type Frame = { repeat: boolean; alt: boolean };
  const stack: Frame[] = [{ repeat: false, alt: false }];
  let repeats = 0;
  let atom: Frame | 'plain' | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    let next: Frame | 'plain' | undefined = 'plain';
    if (c === '\\') {
      const e = source[i + 1] ?? '';
      if (/[1-9]/.test(e) || e === 'k') return -1; // backreferences make matching non-regular
      i += e === 'u' && source[i + 2] === '{' ? source.indexOf('}', i) - i : 1;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      stack.push({ repeat: false, alt: false });
      if (source[i + 1] === '?')
        i +=
          source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!'
            ? source.indexOf('>', i) - i
            : source[i + 2] === '<'
              ? 3
              : 2;
      next = undefined;
    } else if (c === ')') {
      const group = stack.pop();
      if (!group || !stack.length) return -1;
      stack.at(-1)!.repeat ||= group.repeat;
      stack.at(-1)!.alt ||= group.alt;
      next = group;
    } else if (c === '|') {
      stack.at(-1)!.alt = true;
      next = undefined;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      let repeating = c !== '?';
      if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
        if (!m) {
          atom = 'plain'; // a literal brace
          continue;
        }
        repeating = m[2] !== undefined && m[3] !== m[1];
        i += m[0].length - 1;
      }
      if (source[i + 1] === '?') i++; // lazy
      if (repeating) {
        if (atom && atom !== 'plain' && (atom.repeat || atom.alt)) return -1; // (a+)+, (a|aa)*: exponential
        stack.at(-1)!.repeat = true;
        repeats++;
      }
      atom = undefined;
      continue;
    } else if (c === '^' || c === '$') {
      next = undefined;
    }
    atom = next;
  }
  return stack.length === 1 && repeats <= MAX_REPEATS ? repeats : -1;
}

/** The longest string the pattern is applied to: its worst case stays near BUDGET steps. */
const capFor = (repeats: number) => Math.floor(BUDGET ** (1 / Math.max(1, repeats)));

/** The pattern, applied only to strings of at most `cap` characters; longer ones match (`long`) or do not. */
function capped(source: string, long: boolean): string | undefined {
  const cost = patternCost(source);
  if (cost < 0) return undefined;
  const cap = capFor(cost + 1); // + the lazy prefix that keeps the search unanchored
  return `^(?:(?![\\s\\S]{${cap + 1}})[\\s\\S]*?(?:${source})${long ? `|[\\s\\S]{${cap + 1}}` : ''})`;
}

const MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies'];
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const SINGLE = [
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
];

/**
 * Makes every regex of a schema (already a private copy) safe to run, in place: see the header.
 * The original pattern stays in `x-mcp-pattern` for messages. Returns the patterns left unchecked.
 */
export function defuseSchema(schema: unknown): string[] {
  const skipped: string[] = [];
  const stack = [schema];
  const seen = new Set<unknown>();
  while (stack.length) {
    const node = stack.pop();
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    const s = node as Record<string, unknown>;
    if (typeof s.pattern === 'string') {
      const safe = capped(s.pattern, true);
      s['x-mcp-pattern'] = s.pattern;
      if (safe === undefined) {
        skipped.push(s.pattern);
        delete s.pattern;
      } else s.pattern = safe;
    }
    if (isObject(s.patternProperties)) {
      const next: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(s.patternProperties)) {
        const safe = capped(key, false);
        if (safe === undefined) skipped.push(key);
        else next[safe] = sub;
      }
      s.patternProperties = next;
    }
    for (const k of MAPS) if (isObject(s[k])) stack.push(...Object.values(s[k] as object));
    for (const k of LISTS) if (Array.isArray(s[k])) stack.push(...(s[k] as unknown[]));
    for (const k of SINGLE) stack.push(s[k]);
  }
  return skipped;
}
