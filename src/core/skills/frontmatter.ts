// A strict reader of SKILL.md frontmatter (SEP-2640): the YAML subset skills are written in, read
// with YAML 1.2 core-schema typing, and anything outside it refused rather than read differently
// from a full YAML parser. Own code, not a library: the smallest well-kept YAML parser (yaml, js-yaml)
// is 10-30 kB gzip, more than the whole skills chunk, and a lenient parser is the wrong default for
// content we must compare field by field with what the server listed.
//
// Read: block mappings (nesting by indentation), block sequences of scalars, plain scalars (also
// over several more-indented lines), one-line 'single' and "double" quoted scalars, literal `|` and
// folded `>` block scalars with `-`/`+` chomping, one-line flow sequences of scalars, comments.
// Refused: tabs in indentation, anchors, aliases, tags, flow mappings, complex keys, multi-line
// quoted scalars, duplicate keys, `__proto__`, collections inside sequences, nesting deeper than 8.

/** Why a SKILL.md's frontmatter could not be read. */
export class FrontmatterError extends Error {
  override name = 'FrontmatterError';
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Line {
  indent: number;
  text: string;
  no: number;
}

const fail = (message: string, line?: Line): never => {
  throw new FrontmatterError(line ? `line ${line.no}: ${message}` : message);
};

/** Splits SKILL.md (CRLF and a BOM tolerated) into its frontmatter YAML and its markdown body. */
export function splitSkillMarkdown(markdown: string): { yaml: string; body: string } {
  const text = markdown.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!text.startsWith('---\n')) fail('SKILL.md must begin with a "---" line');
  const close = /^---[ \t]*$/m.exec(text.slice(4));
  if (!close) fail('the frontmatter has no closing "---" line');
  const end = 4 + close!.index;
  return { yaml: text.slice(4, end), body: text.slice(end + close![0].length).replace(/^\n/, '') };
}

/** SKILL.md's frontmatter as JSON, and its body; throws FrontmatterError outside the subset. */
export function parseSkillMarkdown(markdown: string): { frontmatter: Record<string, Json>; body: string } {
  const { yaml, body } = splitSkillMarkdown(markdown);
  return { frontmatter: parseFrontmatter(yaml), body };
}

/** Parses frontmatter YAML (the subset above) into a JSON object. */
export function parseFrontmatter(yaml: string): Record<string, Json> {
  // The last line's newline ends it; it does not start an empty line.
  const lines: Line[] = yaml
    .replace(/\n$/, '')
    .split('\n')
    .map((raw, i) => {
      const indent = /^ */.exec(raw)![0].length;
      return { indent, text: raw.slice(indent).replace(/[ \t]+$/, ''), no: i + 2 };
    });
  let at = 0;
  const isItem = (t: string) => t === '-' || t.startsWith('- ');
  /** The next line that carries content (comments and blank lines skipped). */
  const peek = (): Line | undefined => {
    while (at < lines.length && (lines[at].text === '' || lines[at].text.startsWith('#'))) at++;
    const line = lines[at];
    if (line?.text.startsWith('\t')) fail('tabs cannot indent', line);
    return line;
  };

  function mapping(indent: number, depth: number): Record<string, Json> {
    if (depth > 8) fail('nesting deeper than 8 levels');
    const map: Record<string, Json> = {};
    for (let line = peek(); line && line.indent >= indent; line = peek()) {
      if (line.indent > indent) fail('unexpected indentation', line);
      if (isItem(line.text)) break;
      const m = /^(?:([A-Za-z0-9_][\w./-]*)|"([^"\\]*)"|'([^']*)')[ \t]*:(?:[ \t]+(.*))?$/.exec(line.text);
      if (!m) fail('expected "key: value"', line);
      const key = m![1] ?? m![2] ?? m![3];
      if (key === '__proto__' || Object.hasOwn(map, key)) fail(`key "${key}" cannot be used here`, line);
      at++;
      map[key] = value(m![4] ?? '', line, indent, depth + 1);
    }
    return map;
  }

  function sequence(indent: number): Json[] {
    const items: Json[] = [];
    for (let item = peek(); item && item.indent === indent && isItem(item.text); item = peek()) {
      at++;
      const rest = item.text.slice(1).trimStart();
      if (rest === '' || isItem(rest) || /^[^'"[]*:(?:\s|$)/.test(rest)) fail('a sequence holds scalars only', item);
      items.push(value(rest, item, indent, 9));
    }
    return items;
  }

  function value(rest: string, line: Line, parent: number, depth: number): Json {
    if (rest === '' || rest.startsWith('#')) {
      const next = peek();
      if (next && next.indent > parent) return isItem(next.text) ? sequence(next.indent) : mapping(next.indent, depth);
      if (next && next.indent === parent && isItem(next.text)) return sequence(parent);
      return null;
    }
    const first = rest[0];
    if (first === '|' || first === '>') return block(rest, line, parent);
    if (first === '"' || first === "'") {
      const { text, end } = quoted(rest, line);
      if (!/^(?:[ \t]+#.*)?$/.test(rest.slice(end))) fail('unexpected text after the value', line);
      return text;
    }
    if (first === '[') return flow(rest, line);
    if ('{&*!%@`?,]}'.includes(first)) fail(`"${first}" is outside the supported YAML subset`, line);
    return plain(rest, line, parent);
  }

  function plain(first: string, line: Line, parent: number): Json {
    const strip = (t: string, l: Line) => {
      const cut = t.replace(/[ \t]+#.*$/, '');
      if (/:(?:[ \t]|$)/.test(cut)) fail('a plain value cannot contain ": "; quote it', l);
      return cut;
    };
    let text = strip(first, line);
    let commented = text !== first;
    let blanks = 0;
    for (; at < lines.length; at++) {
      const next = lines[at];
      if (next.text === '') {
        blanks++;
        continue;
      }
      if (next.indent <= parent || next.text.startsWith('#')) break;
      if (commented) fail('a comment ends a plain value; quote a value that goes on', next);
      const part = strip(next.text, next);
      commented = part !== next.text;
      text += blanks ? '\n'.repeat(blanks) : ' ';
      text += part;
      blanks = 0;
    }
    return typed(text);
  }

  function block(header: string, line: Line, parent: number): string {
    const h = /^([|>])([+-]?)(?:[ \t]+#.*)?$/.exec(header);
    if (!h) fail('unsupported block scalar header', line);
    const body: string[] = [];
    let indent = -1;
    for (; at < lines.length; at++) {
      const next = lines[at];
      if (next.text === '') {
        body.push('');
        continue;
      }
      if (indent < 0) indent = next.indent;
      if (next.indent < indent || next.indent <= parent) break;
      if (next.text.startsWith('\t') && next.indent === indent) fail('tabs cannot indent', next);
      body.push(' '.repeat(next.indent - indent) + next.text);
    }
    let trailing = 0;
    while (body.length && body[body.length - 1] === '') (body.pop(), trailing++);
    let text = '';
    if (h![1] === '|') text = body.join('\n');
    else {
      // Folding: a break between two normal lines is a space, each empty line a newline; a
      // more-indented line keeps its breaks.
      let normalBefore = false;
      let breaks = 0;
      body.forEach((l, i) => {
        if (l === '') return void breaks++;
        const normal = !l.startsWith(' ');
        const both = normalBefore && normal;
        text +=
          i === breaks
            ? '\n'.repeat(breaks) + l
            : '\n'.repeat(breaks + (both ? 0 : 1)) + (breaks || !both ? '' : ' ') + l;
        normalBefore = normal;
        breaks = 0;
      });
    }
    if (!body.length) return h![2] === '+' ? '\n'.repeat(trailing) : '';
    return text + (h![2] === '-' ? '' : h![2] === '+' ? '\n'.repeat(trailing + 1) : '\n');
  }

  function flow(rest: string, line: Line): Json[] {
    const items: Json[] = [];
    let i = 1;
    const skip = () => {
      while (rest[i] === ' ' || rest[i] === '\t') i++;
    };
    for (skip(); rest[i] !== ']'; skip()) {
      if (i >= rest.length) fail('a flow sequence must close on its line', line);
      if (rest[i] === '"' || rest[i] === "'") {
        const q = quoted(rest.slice(i), line);
        items.push(q.text);
        i += q.end;
      } else {
        const m = /^[^,\][{}#&*!|>'"%@`]+/.exec(rest.slice(i));
        if (!m || /:(?:\s|$)/.test(m[0])) fail('unsupported item in a flow sequence', line);
        items.push(typed(m![0].trimEnd()));
        i += m![0].length;
      }
      skip();
      if (rest[i] === ',') i++;
      else if (rest[i] !== ']') fail('expected "," or "]"', line);
    }
    if (!/^(?:[ \t]+#.*)?$/.test(rest.slice(i + 1))) fail('unexpected text after the value', line);
    return items;
  }

  const root = peek();
  if (!root) return {};
  if (root.indent) fail('the frontmatter must start at column 0', root);
  const result = mapping(0, 0);
  if (peek()) fail('unexpected content', peek());
  return result;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  t: '\t',
  n: '\n',
  r: '\r',
  '"': '"',
  '/': '/',
  '\\': '\\',
  ' ': ' ',
};

/** A quoted scalar at the start of `text` (it must close on the line): its value and where it ends. */
function quoted(text: string, line: Line): { text: string; end: number } {
  const q = text[0];
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === q) {
      if (q === "'" && text[i + 1] === "'") {
        out += "'";
        i++;
        continue;
      }
      return { text: out, end: i + 1 };
    }
    if (q === '"' && c === '\\') {
      const e = text[++i];
      const hex = { x: 2, u: 4, U: 8 }[e as 'x'];
      if (hex) {
        const digits = text.slice(i + 1, i + 1 + hex);
        if (!/^[0-9A-Fa-f]+$/.test(digits) || digits.length < hex) fail('invalid escape', line);
        out += String.fromCodePoint(parseInt(digits, 16));
        i += hex;
      } else if (e in ESCAPES) out += ESCAPES[e];
      else fail(`unsupported escape "\\${e ?? ''}"`, line);
    } else out += c;
  }
  return fail('a quoted value must close on its line', line);
}

/** A plain scalar with YAML 1.2 core-schema typing (null, booleans, numbers; others stay strings). */
function typed(text: string): Json {
  if (/^(?:~|null|Null|NULL|)$/.test(text)) return null;
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?(?:\d+|\.\d+|\d+\.\d*)(?:[eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(text))
    throw new FrontmatterError(`"${text}" has no JSON value; quote it`);
  return text;
}

/** The top-level fields whose values differ between two frontmatter objects (key order ignored). */
export function frontmatterDifferences(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const same = (x: unknown, y: unknown): boolean => {
    if (x === y) return true;
    if (typeof x !== 'object' || typeof y !== 'object' || !x || !y || Array.isArray(x) !== Array.isArray(y))
      return false;
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    return (
      kx.length === ky.length &&
      kx.every((k) => Object.hasOwn(y, k) && same((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]))
    );
  };
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => !Object.hasOwn(a, k) || !Object.hasOwn(b, k) || !same(a[k], b[k]),
  );
}
