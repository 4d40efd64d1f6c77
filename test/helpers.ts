// Shared test helpers: where the loopback test servers live, and small waiting utilities.

export interface ServerUrls {
  legacy: string;
  legacySse: string;
  modern: string;
  modernStrict: string;
  everythingHttp: string;
  everythingSse: string;
  proxy: string;
  proxyControl: string;
  noCors: string;
  /** An MCP server that requires a bearer token from the loopback OAuth server. */
  oauthMcp: string;
  oauthIssuer: string;
  /** Test controls of that OAuth server: GET /stats, POST /expire. */
  oauthControl: string;
}

let urls: Promise<ServerUrls> | undefined;

/** URLs of the real MCP servers the test runner started on loopback. */
export function servers(): Promise<ServerUrls> {
  urls ??= fetch('/__servers.json').then((r) => r.json());
  return urls;
}

/** Resolves with the detail of the next `type` event from target. */
export function nextEvent<T = unknown>(target: EventTarget, type: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener(type, (e) => {
      clearTimeout(timer);
      resolve((e as CustomEvent<T>).detail);
    }, { once: true });
  });
}

/** Text of the first text block of a tool result. */
export const firstText = (result: { content: { type: string; text?: string }[] }) => result.content.find((c) => c.type === 'text')?.text ?? '';
