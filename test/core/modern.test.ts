import { expect } from '@open-wc/testing';
import { McpClient } from '../../src/client.js';
import type { ElicitParams } from '../../src/client.js';
import { firstText, nextEvent, servers } from '../helpers.js';

// The modern fixture on the official SDK 2.x, speaking the stateless 2026-07-28 protocol.
for (const which of ['modern', 'modernStrict'] as const) {
  describe(`modern 2026-07-28 (SDK 2.x fixture, ${which === 'modern' ? 'dual-era endpoint' : 'modern-only endpoint'})`, () => {
    let client: McpClient;
    const elicited: ElicitParams[] = [];

    before(async () => {
      client = new McpClient({
        url: (await servers())[which],
        clientInfo: { name: 'modern-test', version: '1.2.3' },
        onElicitation: async (params) => {
          elicited.push(params);
          return { action: 'accept', content: { name: 'Grace' } };
        },
      });
      await client.connect();
    });
    after(() => client.close());

    it('discovers the server without an initialize handshake', () => {
      expect(client.era).to.equal('modern');
      expect(client.protocolVersion).to.equal('2026-07-28');
      expect(client.serverInfo?.name).to.equal('modern-fixture');
      expect(client.serverCapabilities.tools).to.be.an('object');
    });

    it('sends the routing headers and per-request metadata', async () => {
      await client.listTools();
      const headers = JSON.parse(firstText(await client.callTool('record_headers')));
      expect(headers['mcp-method']).to.equal('tools/call');
      expect(headers['mcp-name']).to.equal('record_headers');
      expect(headers['mcp-protocol-version']).to.equal('2026-07-28');
      expect(headers).to.not.have.property('mcp-session-id');
    });

    it('calls tools and reports progress from the request stream', async () => {
      expect(firstText(await client.callTool('echo', { message: 'modern' }))).to.equal('Echo: modern');
      const steps: number[] = [];
      await client.callTool('slow', { steps: 3, delayMs: 30 }, { onProgress: (p) => steps.push(p.progress) });
      expect(steps).to.deep.equal([1, 2, 3]);
    });

    it('sends x-mcp-header arguments as Mcp-Param headers, base64-encoding non-ASCII values', async () => {
      await client.listTools();
      expect(firstText(await client.callTool('regional', { region: 'eu-west' }))).to.contain('header=eu-west');
      const encoded = firstText(await client.callTool('regional', { region: 'Zürich' }));
      expect(encoded).to.match(/header=(Zürich|=\?base64\?WsO8cmljaA==\?=)/);
    });

    it('answers an MRTR input request with the elicitation handler and echoes requestState on the retry', async () => {
      const result = await client.callTool('ask_user', { question: 'Your name?' });
      expect(elicited.at(-1)).to.deep.include({ message: 'Your name?' });
      const text = firstText(result);
      expect(result.isError ?? false).to.equal(false);
      expect(text).to.match(/^action=accept content=\{"name":"Grace"\} state=ask-\d+$/);
    });

    it('reads a resource, gets a prompt and completes an argument', async () => {
      expect((await client.readResource('fixture://greeting')).contents[0].text).to.be.a('string').and.not.empty;
      const prompt = await client.getPrompt('greet', { name: 'Alice' });
      expect(JSON.stringify(prompt.messages)).to.contain('Alice');
      expect(
        (await client.complete({ type: 'ref/prompt', name: 'greet' }, { name: 'name', value: 'A' })).values,
      ).to.include('Alice');
    });

    it('hears list changes on the subscriptions/listen stream', async () => {
      const changed = nextEvent(client, 'toolschanged');
      await client.callTool('add_tool_later', { name: `late_${which}`, delayMs: 50 });
      await changed;
      expect((await client.listTools()).map((t) => t.name)).to.include(`late_${which}`);
    });
  });
}
