import { expect, waitUntil } from '@open-wc/testing';
import { McpClient, McpFormatError, McpHttpError } from '../../src/client.js';
import { assertSafeUrl } from '../../src/core/auth/urls.js';
import { MAX_TTL_MS, ttlOf } from '../../src/core/client/lists.js';
import { freshStore, servers } from '../helpers.js';

// The review's low findings: each a small attack on one boundary.

describe('low findings of the security review', () => {
  it('counts [::] and IPv4-in-IPv6 forms of private and loopback addresses as private in the SSRF check', () => {
    const publicServer = 'https://mcp.example.com/mcp';
    for (const url of ['http://[::]:8080/token', 'https://[::]/token', 'https://[::ffff:127.0.0.1]/token', 'https://[::ffff:10.1.2.3]/token', 'https://[::ffff:0:192.168.1.1]/token', 'https://[::127.0.0.1]/token', 'https://[64:ff9b::10.0.0.1]/token', 'https://[::ffff:169.254.169.254]/latest'])
      expect(() => assertSafeUrl(url, publicServer, 'endpoint'), url).to.throw(/private network/);
    expect(assertSafeUrl('https://[::ffff:8.8.8.8]/token', publicServer).hostname).to.equal('[::ffff:808:808]');
    // Plain http stays allowed on this machine, in every spelling of it.
    expect(assertSafeUrl('http://[::ffff:127.0.0.1]:9/x', 'http://127.0.0.1:8/mcp').protocol).to.equal('http:');
  });

  it('does not follow a redirect to another origin: nothing of the request arrives there', async () => {
    const { mixupMcp, mixupControl } = await servers();
    const moved = new URL('/moved', mixupMcp).href;
    const before = (await fetch(`${mixupControl}/stats`).then((r) => r.json())).landed.length;
    const client = new McpClient({ url: moved, store: freshStore('redirect'), headers: () => ({ 'x-host-secret': 'only-for-the-mcp-server' }) });
    const error = await client.connect().then(() => undefined, (e) => e);
    await client.close();
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.message).to.include('redirect');
    const landed = (await fetch(`${mixupControl}/stats`).then((r) => r.json())).landed.slice(before);
    expect(landed, 'requests that followed the redirect').to.deep.equal([]);
  });

  it('clamps a server ttlMs: negative, NaN, Infinity and huge values cannot pin a cached answer', () => {
    expect(ttlOf(-5)).to.equal(0);
    expect(ttlOf(Number.NaN)).to.equal(0);
    expect(ttlOf('60000')).to.equal(0);
    expect(ttlOf(Number.POSITIVE_INFINITY)).to.equal(MAX_TTL_MS);
    expect(ttlOf(1e15)).to.equal(MAX_TTL_MS);
    expect(ttlOf(30_000)).to.equal(30_000);
  });
});

describe('low findings: event ids', () => {
  it('keeps no event id that cannot be a header value as Last-Event-ID: the GET stream reconnects without it', async () => {
    const { hostile, hostileControl } = await servers();
    const gets = async (): Promise<(string | null)[]> => (await fetch(`${hostileControl}/stats`).then((r) => r.json())).badIdGets;
    const before = (await gets()).length;
    const client = new McpClient({ url: `${hostile}?get=badid`, store: freshStore('bad-event-id') });
    try {
      await client.connect();
      await waitUntil(async () => (await gets()).length >= before + 2, 'the GET stream came back after it ended', { timeout: 15_000 });
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
      const error = await client.callTool('huge_json').then(() => undefined, (e) => e);
      expect(error).to.be.instanceOf(McpFormatError);
      expect(error.message).to.include('larger than 32 MB');
      expect((await client.callTool('regex_bomb', { word: 'ok' })).content[0]).to.deep.include({ text: 'bombs delivered' });
    } finally {
      await client.close();
    }
  });
});

describe('low findings: SSE retry', () => {
  it('does not spin on `retry: 0` from a GET stream that closes at once: reconnects stay apart and back off', async () => {
    const { hostile, hostileControl } = await servers();
    const times = async (): Promise<number[]> => (await fetch(`${hostileControl}/stats`).then((r) => r.json())).retry0Gets;
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
