// A view's sampling request on the host end (src/core/apps/host.ts) with a real, unconnected McpClient:
// the same capability and tool-loop checks as a server's request, and a signal that ends with the view.
// The surface is the element's side, written out here (no element in Node).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { appHost, type AppSurface } from '../../../../src/core/apps/host.js';
import { McpClient } from '../../../../src/core/client/client.js';
import type { SamplingHandler } from '../../../../src/core/client/input.js';

function hostFor(onSampling: SamplingHandler, samplingTools = false) {
  const client = new McpClient({ url: 'http://127.0.0.1:9/mcp', onSampling, samplingTools });
  const gone = new AbortController();
  const unused = () => {
    throw new Error('not used by sampling');
  };
  const surface: AppSurface = {
    view: () => ({
      tool: { name: 't', inputSchema: { type: 'object' } },
      html: '',
      meta: {},
      tools: [],
      granted: { csp: {}, permissions: {} },
    }),
    client: () => client,
    context: () => ({}),
    showMode: () => 'inline',
    message: unused,
    updateContext: unused,
    confirm: unused,
    note: () => {},
    safeLink: () => undefined,
    isDestructive: () => false,
    viewActive: () => false,
    policy: () => ({}),
    signal: () => gone.signal,
  };
  return { host: appHost(surface), gone, client };
}

const reply = { role: 'assistant', model: 'm', content: { type: 'text', text: 'ok' } } as const;
const user = (text: string) => ({ role: 'user' as const, content: { type: 'text' as const, text } });

describe('MCP Apps: sampling from a view', () => {
  it('refuses tools without the samplingTools capability, as for a server', async () => {
    let called = 0;
    const { host } = hostFor(async () => (called++, reply));
    const asked = { messages: [user('hi')], maxTokens: 10, tools: [{ name: 'x', inputSchema: { type: 'object' } }] };
    const error = await host.answer('sampling/createMessage', asked).catch((e: { code?: number }) => e);
    expect((error as { code?: number }).code).to.equal(-32602);
    expect(called).to.equal(0);
  });

  it('enforces the tool-loop rules, as for a server', async () => {
    const { host } = hostFor(async () => reply, true);
    const messages = [
      { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'x', input: {} }] },
      user('no result for a'),
    ];
    const error = await host
      .answer('sampling/createMessage', { messages, maxTokens: 10 })
      .catch((e: { message?: string }) => e);
    expect((error as { message?: string }).message).to.include('Missing tool_result for a');
  });

  it("keeps a handler's failure (the provider's words) in the log; the view hears a generic error", async () => {
    const { host, client } = hostFor(async () => {
      throw new Error('429: quota exceeded for account acme-billing-7');
    });
    const logged: unknown[] = [];
    client.addEventListener('error', (e) => logged.push((e as CustomEvent).detail));
    const error = (await host
      .answer('sampling/createMessage', { messages: [user('hi')], maxTokens: 10 })
      .catch((e: Error) => e)) as Error;
    expect(error.message).to.equal('The request failed on the client');
    expect((logged[0] as Error).message).to.include('acme-billing-7');
  });

  it("aborts the handler's signal when the view goes", async () => {
    let signal: AbortSignal | undefined;
    const { host, gone } = hostFor(
      (_p, ctx) => ((signal = ctx.signal), new Promise((_r, reject) => ctx.signal.addEventListener('abort', reject))),
    );
    const answer = host
      .answer('sampling/createMessage', { messages: [user('hi')], maxTokens: 10 })
      .catch(() => 'ended');
    gone.abort();
    expect(await answer).to.equal('ended');
    expect(signal!.aborted).to.equal(true);
  });
});
