// What <mcp-log-view> shows, as pure functions: the severities in order and server data as text.
import type { LoggingLevel } from '../../core/protocol/types.js';

/** RFC 5424 severities, least severe first (checklist LG-01). */
export const LEVELS: readonly LoggingLevel[] = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
];

/** Server data as text, never as markup (LG-03): strings unchanged, other values as JSON. */
export function dataText(data: unknown): string {
  if (typeof data === 'string') return data;
  try {
    return JSON.stringify(data, null, 2) ?? String(data);
  } catch {
    return String(data);
  }
}
