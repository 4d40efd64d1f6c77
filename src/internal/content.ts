// Pure helpers behind <mcp-result-view>: output-schema checks, base64 decoding, safe file names
// and annotation text. No DOM beyond Blob, so they are tested without a fixture.
import { Validator, type OutputUnit, type SchemaDraft } from '@cfworker/json-schema';
import type { Annotations, JsonSchema } from '../core/protocol/types.js';
import { defuseSchema } from '../core/schema/regex.js';

/** Outcome of checking structuredContent: `errors` empty when it matches; `problem` when the schema could not be used. */
export interface SchemaCheck {
  errors: OutputUnit[];
  problem?: string;
}

/** The draft a schema declares in `$schema` (2020-12 when it says nothing, as MCP specifies). */
function draftOf(schema: JsonSchema): SchemaDraft {
  const id = String(schema.$schema ?? '');
  return id.includes('draft-04') ? '4' : id.includes('draft-07') || id.includes('draft-06') ? '7' : id.includes('2019-09') ? '2019-09' : '2020-12';
}

/**
 * Validates `value` against `schema` (checklist T-07). Only `$ref`s inside the schema resolve: the
 * validator never loads anything, so a network `$ref` becomes a `problem`, not a request (SEC-18).
 */
export function checkOutput(schema: JsonSchema, value: unknown): SchemaCheck {
  try {
    // A private copy whose regexes cannot run away (core/schema/regex.ts); one that could is not run at all.
    const copy = JSON.parse(JSON.stringify(schema));
    const skipped = defuseSchema(copy);
    if (skipped.length) return { errors: [], problem: `the pattern ${skipped[0].slice(0, 100)} could take too long to check` };
    const { errors } = new Validator(copy, draftOf(schema), false).validate(value);
    // Drop the "a property does not match" wrappers when the specific errors below them are there.
    const specific = errors.filter((e) => !['properties', 'items', 'allOf', '$ref'].includes(e.keyword));
    return { errors: specific.length ? specific : errors };
  } catch (e) {
    return { errors: [], problem: (e as Error).message };
  }
}

/** Bytes of a base64 string, or undefined when it is not base64. */
export function decodeBase64(data: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const bin = atob(data.replace(/\s/g, ''));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** File extensions kept on a download: data and media formats that no system runs or renders as a page. */
const SAFE_EXTENSIONS = new Set('txt csv tsv json jsonl ndjson md log xml yaml yml png jpg jpeg gif webp avif bmp ico pdf wav mp3 ogg oga flac m4a aac opus mp4 m4v webm mov mkv zip gz tgz bz2 xz zst 7z tar bin dat parquet arrow sqlite db'.split(' '));

/** A file name for saving a resource: the URI's last path segment with only harmless characters. */
export function safeFilename(uri: string, fallback = 'resource.bin'): string {
  let last = uri.split(/[?#]/)[0].split('/').filter(Boolean).pop() ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    /* keep it encoded */
  }
  let name = last.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '').slice(0, 100);
  // An extension the system might open as a program or a page (.exe, .html, .svg, .lnk, .js…) gets `.bin` after it.
  const ext = /\.([^.]+)$/.exec(name)?.[1].toLowerCase();
  if (ext && !SAFE_EXTENSIONS.has(ext)) name += '.bin';
  return name && !/^[a-z][\w+.-]*:$/i.test(last) ? name : fallback;
}

/** A short human size: 16 B, 2.1 kB, 3.4 MB. */
export function formatBytes(n: number): string {
  return n < 1000 ? `${n} B` : n < 1e6 ? `${(n / 1000).toFixed(1)} kB` : `${(n / 1e6).toFixed(1)} MB`;
}

/** Annotation facts worth showing (CT-02): who it is for when that is not the user, and the priority. */
export function annotationText(a: Annotations | undefined, labels: { audience: (who: string) => string; priority: (p: number) => string }): string[] {
  if (!a) return [];
  const out: string[] = [];
  if (Array.isArray(a.audience) && a.audience.length && !a.audience.includes('user')) out.push(labels.audience(a.audience.join(', ')));
  if (typeof a.priority === 'number' && Number.isFinite(a.priority)) out.push(labels.priority(a.priority));
  return out;
}
