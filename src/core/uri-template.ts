// RFC 6570 URI templates, levels 1–4: expansion (resource templates, checklist RS-02; the
// variable names a form asks for are in uri-template-names.ts). No DOM, no dependencies.

/** A value a variable can take: a string (or number/boolean), a list, or an associative array. */
export type TemplateValue =
  | string
  | number
  | boolean
  | readonly (string | number | boolean)[]
  | Readonly<Record<string, string | number | boolean>>
  | null
  | undefined;

interface Operator {
  first: string;
  sep: string;
  named: boolean;
  ifEmpty: string;
  reserved: boolean;
}
const op = (first: string, sep: string, named = false, ifEmpty = '', reserved = false): Operator => ({
  first,
  sep,
  named,
  ifEmpty,
  reserved,
});
const OPERATORS: Record<string, Operator> = {
  '': op('', ','),
  '+': op('', ',', false, '', true),
  '#': op('#', ',', false, '', true),
  '.': op('.', '.'),
  '/': op('/', '/'),
  ';': op(';', ';', true),
  '?': op('?', '&', true, '='),
  '&': op('&', '&', true, '='),
};
const EXPRESSION = /\{([^{}]*)\}/g;
const RESERVED = /%(3A|2F|3F|23|5B|5D|40|21|24|26|27|28|29|2A|2B|2C|3B|3D)/gi;

interface VarSpec {
  name: string;
  explode: boolean;
  prefix?: number;
}

function parseExpression(body: string): { operator: Operator; vars: VarSpec[] } {
  const known = body[0] in OPERATORS;
  const operator = OPERATORS[known ? body[0] : ''];
  const list = known ? body.slice(1) : body;
  const vars = list
    .split(',')
    .filter(Boolean)
    .map((spec) => {
      const m = /^([^:*]+)(?::(\d{1,4})|(\*))?$/.exec(spec.trim());
      return m
        ? { name: m[1], explode: !!m[3], prefix: m[2] ? Number(m[2]) : undefined }
        : { name: spec.trim(), explode: false };
    });
  return { operator, vars };
}

/**
 * Percent-encodes a value: everything but unreserved characters, or (for + and #) also keeping reserved characters and
 * existing %XX.
 */
function encode(value: string, reserved: boolean): string {
  if (!reserved) return strict(value);
  return value.replace(/%[0-9A-Fa-f]{2}|[^%]+|%/g, (part) =>
    /^%[0-9A-Fa-f]{2}$/.test(part) ? part : strict(part).replace(RESERVED, (m) => decodeURIComponent(m)),
  );
}
function strict(value: string): string {
  let s: string;
  try {
    s = encodeURIComponent(value);
  } catch {
    s = encodeURIComponent(
      value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
    ); // lone surrogates
  }
  return s.replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Expands one `{…}` expression. */
function expandExpression(body: string, values: Record<string, TemplateValue>): string {
  const { operator: o, vars } = parseExpression(body);
  const parts: string[] = [];
  const named = (name: string, v: string) => (v === '' ? name + o.ifEmpty : `${name}=${v}`);
  for (const { name, explode, prefix } of vars) {
    const value = values[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'object') {
      const s = String(value);
      const v = encode(prefix === undefined ? s : Array.from(s).slice(0, prefix).join(''), o.reserved);
      parts.push(o.named ? named(name, v) : v);
    } else if (Array.isArray(value)) {
      if (!value.length) continue;
      const items = value.map((x) => encode(String(x), o.reserved));
      if (explode) parts.push(items.map((v) => (o.named ? named(name, v) : v)).join(o.sep));
      else parts.push(o.named ? named(name, items.join(',')) : items.join(','));
    } else {
      const pairs = Object.entries(value).map(
        ([k, x]) => [encode(k, o.reserved), encode(String(x), o.reserved)] as const,
      );
      if (!pairs.length) continue;
      if (explode) parts.push(pairs.map(([k, v]) => (o.named ? named(k, v) : `${k}=${v}`)).join(o.sep));
      else {
        const joined = pairs.map(([k, v]) => `${k},${v}`).join(',');
        parts.push(o.named ? named(name, joined) : joined);
      }
    }
  }
  return parts.length ? o.first + parts.join(o.sep) : '';
}

/** Expands an RFC 6570 template with `values`; undefined variables and empty lists disappear, as the RFC says. */
export function expandUriTemplate(template: string, values: Record<string, TemplateValue>): string {
  return template.replace(EXPRESSION, (_, body: string) => expandExpression(body, values));
}
