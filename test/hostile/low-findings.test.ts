import { expect, waitUntil } from '@open-wc/testing';
import { McpClient, McpFormatError, McpHttpError } from '../../src/client.js';
import { freshStore, servers } from '../helpers.js';

// The review's low findings: each a small attack on one boundary.

describe('low findings of the security review', () => {
  it('does not follow a redirect to another origin: nothing of the request arrives there', async () => {
    const { mixupMcp, mixupControl } = await servers();
    const moved = new URL('/moved', mixupMcp).href;
    const before = (await fetch(`${mixupControl}/stats`).then((r) => r.json())).landed.length;
    const client = new McpClient({
      url: moved,
      store: freshStore('redirect'),
      headers: () => ({ 'x-host-secret': 'only-for-the-mcp-server' }),
    });
    const error = await client.connect().then(
      () => undefined,
      (e) => e,
    );
    await client.close();
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.message).to.include('redirect');
    const landed = (await fetch(`${mixupControl}/stats`).then((r) => r.json())).landed.slice(before);
    expect(landed, 'requests that followed the redirect').to.deep.equal([]);
  });
});

describe('low findings: event ids', () => {
  it('keeps no event id that cannot be a header value as Last-Event-ID: the GET stream reconnects without it', async () => {
    const { hostile, hostileControl } = await servers();
    const gets = async (): Promise<(string | null)[]> =>
      (await fetch(`${hostileControl}/stats`).then((r) => r.json())).badIdGets;
    const before = (await gets()).length;
    const client = new McpClient({ url: `${hostile}?get=badid`, store: freshStore('bad-event-id') });
    try {
      await client.connect();
      await waitUntil(async () => (await gets()).length >= before + 2, 'the GET stream came back after it ended', {
        timeout: 15_000,
      });
      expect((await gets()).slice(before + 1)).to.deep.include(null);
    } finally {
      await client.close();
    }
  });
});

describe('low findings: response size', () => {
  it('reads a JSON answer only up to its byte cap: a 40 MB one fails clearly and the client goes on', async () => {
    const client = new McpClient({ url: (await servers()).hostileBombs, store: freshStore('byte-cap') });
    try {
      await client.connect();
      const error = await client.callTool('huge_json').then(
        () => undefined,
        (e) => e,
      );
      expect(error).to.be.instanceOf(McpFormatError);
      expect(error.message).to.include('over 32 MB; it was not read');
      expect((await client.callTool('regex_bomb', { word: 'ok' })).content[0]).to.deep.include({
        text: 'bombs delivered',
      });
    } finally {
      await client.close();
    }
  });
});

describe('low findings: SSE retry', () => {
  it('does not spin on `retry: 0` from a GET stream that closes at once: reconnects stay apart and back off', async () => {
    const { hostile, hostileControl } = await servers();
    const times = async (): Promise<number[]> =>
      (await fetch(`${hostileControl}/stats`).then((r) => r.json())).retry0Gets;
    const before = (await times()).length;
    const client = new McpClient({ url: `${hostile}?get=retry0`, store: freshStore('retry-0') });
    try {
      await client.connect();
      await waitUntil(async () => (await times()).length >= before + 4, 'four GET streams', { timeout: 15_000 });
      const mine = (await times()).slice(before, before + 4);
      const gaps = mine.slice(1).map((t, i) => t - mine[i]);
      for (const gap of gaps) expect(gap, `ms between reconnects (${gaps.join(', ')})`).to.be.at.least(200);
    } finally {
      await client.close();
    }
  });
});
