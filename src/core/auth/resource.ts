// The RFC 8707 resource form of an MCP server URL, apart from the URL checks in urls.ts so the
// store keys (keys.ts) can use it without bringing those checks into the main bundle.

/** The canonical form of a resource URI for RFC 8707: lowercase scheme and host, no fragment. */
export function canonicalResource(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}
