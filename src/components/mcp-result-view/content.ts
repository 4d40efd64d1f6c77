// Pure helpers behind <mcp-result-view>: base64 decoding, safe file names and annotation text
// (the output-schema check lives with the validator, core/schema/validate.ts). No DOM beyond
// Blob, so they are tested without a fixture.
import type { Annotations } from '../../core/protocol/types.js';

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

export { safeFilename } from '../../core/util/filename.js';

/** A short human size: 16 B, 2.1 kB, 3.4 MB. */
export function formatBytes(n: number): string {
  return n < 1000 ? `${n} B` : n < 1e6 ? `${(n / 1000).toFixed(1)} kB` : `${(n / 1e6).toFixed(1)} MB`;
}

/** Annotation facts worth showing (CT-02): who it is for when that is not the user, and the priority. */
export function annotationText(
  a: Annotations | undefined,
  labels: { audience: (who: string) => string; priority: (p: number) => string },
): string[] {
  if (!a) return [];
  const out: string[] = [];
  if (Array.isArray(a.audience) && a.audience.length && !a.audience.includes('user'))
    out.push(labels.audience(a.audience.join(', ')));
  if (typeof a.priority === 'number' && Number.isFinite(a.priority)) out.push(labels.priority(a.priority));
  return out;
}
