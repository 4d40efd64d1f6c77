// Modern (2026-07-28) routing headers: Mcp-Method and Mcp-Name, with the base64 sentinel encoding
// (checklist HM-07, HM-08, HM-10); Mcp-Param-* from x-mcp-header annotations is in tool-headers.ts.
const PLAIN = /^[\x21-\x7e]([\x20-\x7e\t]*[\x21-\x7e])?$/;
const SENTINEL = /^=\?base64\?.*\?=$/;

/** Encodes a header value, using `=?base64?…?=` when it is not plain visible ASCII (HM-10). */
export function encodeHeaderValue(value: string): string {
  if (value === '' || (PLAIN.test(value) && !SENTINEL.test(value))) return value;
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return `=?base64?${btoa(binary)}?=`;
}

/** Mcp-Method and Mcp-Name for a modern request (HM-08). */
export function routingHeaders(method: string, params: Record<string, unknown> = {}): Record<string, string> {
  const headers: Record<string, string> = { 'mcp-method': method };
  const name =
    method === 'tools/call' || method === 'prompts/get'
      ? params.name
      : method === 'resources/read'
        ? params.uri
        : method.startsWith('tasks/')
          ? params.taskId
          : undefined;
  if (typeof name === 'string') headers['mcp-name'] = encodeHeaderValue(name);
  return headers;
}
