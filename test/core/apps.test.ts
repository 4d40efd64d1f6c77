// MCP Apps: the capability a client declares in each era (read back from the server's record).
// Which tools have a view and the sandbox a view gets are in test/unit/core/apps/.
import { expect } from '@open-wc/testing';
import { McpClient } from '../../src/client.js';
import { servers } from '../helpers.js';

const UI = { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } };

describe('MCP Apps: capability', () => {
  for (const [era, key] of [
    ['modern', 'apps'],
    ['legacy', 'appsLegacy'],
  ] as const) {
    it(`declares the ui extension to a ${era} server when asked to (the elements do), not otherwise`, async () => {
      const urls = await servers();
      const seen = async () => (await (await fetch(urls.appsControl)).json()).capabilities[era];
      const plain = new McpClient({ url: urls[key] });
      await plain.connect();
      await plain.listTools();
      expect(plain.era).to.equal(era);
      expect((await seen()).extensions?.['io.modelcontextprotocol/ui']).to.equal(undefined);
      await plain.close();
      const apps = new McpClient({ url: urls[key], apps: true });
      await apps.connect();
      await apps.listTools();
      // Other extensions (tasks, to a modern server) may sit beside it.
      expect((await seen()).extensions?.['io.modelcontextprotocol/ui']).to.deep.equal(UI['io.modelcontextprotocol/ui']);
      await apps.close();
    });
  }
});
