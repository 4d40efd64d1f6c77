import { expect } from '@open-wc/testing';
import { McpClient } from '../../src/client.js';
import { firstText, servers } from '../helpers.js';

// server-everything, unmodified, in both of its HTTP modes.
for (const mode of ['streamableHttp', 'sse'] as const) {
  describe(`server-everything (${mode})`, () => {
    let client: McpClient;
    const elicited: unknown[] = [];

    before(async () => {
      const urls = await servers();
      client = new McpClient({
        url: mode === 'sse' ? urls.everythingSse : urls.everythingHttp,
        clientInfo: { name: 'mcp-web-components-test', version: '0.0.0' },
        onElicitation: async (params) => {
          elicited.push(params);
          return { action: 'decline' };
        },
      });
      await client.connect();
    });
    after(() => client.close());

    it(`picks the ${mode === 'sse' ? '2024-11-05 HTTP+SSE' : 'legacy Streamable HTTP'} transport from the URL alone`, () => {
      expect(client.era).to.equal(mode === 'sse' ? 'sse' : 'legacy');
      expect(client.serverInfo?.name).to.equal('mcp-servers/everything');
      expect(client.state).to.equal('ready');
    });

    it('lists tools and calls echo', async () => {
      const tools = await client.listTools();
      expect(tools.map((t) => t.name)).to.include.members(['echo', 'get-sum', 'trigger-long-running-operation']);
      const result = await client.callTool('echo', { message: 'hi from the browser' });
      expect(firstText(result)).to.equal('Echo: hi from the browser');
    });

    it('reports progress of a long-running tool', async () => {
      const seen: number[] = [];
      const result = await client.callTool(
        'trigger-long-running-operation',
        { duration: 1, steps: 3 },
        { onProgress: (p) => seen.push(p.progress) },
      );
      expect(seen).to.deep.equal([1, 2, 3]);
      expect(firstText(result)).to.contain('completed');
    });

    it('reads a resource, gets a prompt and completes an argument', async () => {
      const resources = await client.listResources();
      expect(resources.length).to.be.greaterThan(0);
      const read = await client.readResource(resources[0].uri);
      expect(read.contents[0].uri).to.equal(resources[0].uri);
      expect(read.contents[0].text).to.be.a('string').and.not.empty;

      const prompt = await client.getPrompt('args-prompt', { city: 'Lisbon' });
      expect(JSON.stringify(prompt.messages)).to.contain('Lisbon');

      const completion = await client.complete(
        { type: 'ref/prompt', name: 'completable-prompt' },
        { name: 'department', value: 'E' },
      );
      expect(completion.values).to.include('Engineering');
    });

    it('answers an elicitation request through the onElicitation handler', async () => {
      await client.listTools();
      const result = await client.callTool('trigger-elicitation-request', {});
      expect(elicited.length).to.equal(1);
      expect((elicited[0] as { requestedSchema: object }).requestedSchema).to.have.property('properties');
      expect(JSON.stringify(result)).to.match(/decline/i);
    });
  });
}
