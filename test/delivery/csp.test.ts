import { expect } from '@open-wc/testing';
import { servers } from '../helpers.js';

// The script-tag build in a page whose CSP allows no eval and no inline script (ARCHITECTURE.md, Dependencies and
// budgets).
describe('dist/mcp-web-components.iife.js under a strict CSP', () => {
  it('loads twice without error, completes a tool call through <mcp-tool-form> and loads the sign-in chunk beside it', async () => {
    const frame = document.createElement('iframe');
    const reply = new Promise<{
      result?: { content: { text: string }[] };
      error?: string;
      violations: string[];
      global: string;
      alias: boolean;
      auth: string;
      chunks: string[];
    }>((resolve) => {
      addEventListener('message', function on(e) {
        if (e.origin === location.origin && e.data?.csp) {
          removeEventListener('message', on);
          resolve(e.data);
        }
      });
    });
    frame.src = `/test/delivery/csp-page.html?server=${encodeURIComponent((await servers()).legacy)}`;
    document.body.append(frame);
    try {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => {
          const w = frame.contentWindow as unknown as { __violations?: string[]; McpWebComponents?: object };
          reject(
            new Error(
              `no result; violations: ${JSON.stringify(w?.__violations)}; McpWebComponents: ${typeof w?.McpWebComponents}; body: ${frame.contentDocument?.body?.innerHTML.slice(0, 200)}`,
            ),
          );
        }, 20_000),
      );
      const { result, error, violations, global, alias, auth, chunks } = await Promise.race([reply, timeout]);
      expect(error).to.equal(undefined);
      expect(result!.content[0].text).to.equal('Echo: under CSP');
      expect(violations).to.deep.equal([]);
      expect(global).to.equal('function');
      expect(alias, 'the deprecated global McpElements is the same object').to.equal(true);
      // The sign-in code is not in the script: it loads from beside it, relative to the script's URL, when first
      // needed.
      expect(auth).to.equal('connected');
      expect(
        chunks.some((p) => /^\/dist\/chunks\/iife-session-[\w-]+\.js$/.test(p)),
        `chunks loaded: ${chunks}`,
      ).to.equal(true);
    } finally {
      frame.remove();
    }
  });
});
