// What <mcp-workspace> shows of each server (src/components/mcp-workspace/status.ts): its status, a kept header's
// visible tail, and which header names a person may set.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { isHeaderName, statusOf, tailOf } from '../../../src/components/mcp-workspace/status.js';
import { McpAuthError, McpError } from '../../../src/core/jsonrpc/errors.js';

describe('a workspace server status', () => {
  it('is connected or connecting from the client state, before any stale error', () => {
    expect(statusOf('ready', 'none', new Error('old'))).to.equal('connected');
    expect(statusOf('connecting', 'none', new Error('old'))).to.equal('connecting');
    expect(statusOf('reconnecting', 'signed-in')).to.equal('connecting');
    expect(statusOf('idle', 'signing-in')).to.equal('connecting');
    expect(statusOf('idle', 'none')).to.equal('idle');
  });

  it('tells a refused origin (403 without a challenge) from a sign-in, and both from a server that is down', () => {
    expect(statusOf('closed', 'none', new McpAuthError('refused', 403, '', false))).to.equal('refused');
    expect(statusOf('closed', 'none', new McpAuthError('sign in', 401))).to.equal('needs-auth');
    expect(statusOf('closed', 'expired')).to.equal('needs-auth');
    expect(statusOf('closed', 'none', new McpError('fetch failed'))).to.equal('down');
  });
});

describe('a kept header value', () => {
  it('shows its last four characters, and none of a short one', () => {
    expect(tailOf('sk-test-1234567890')).to.equal('7890');
    expect(tailOf('short-12345')).to.equal('');
  });

  it('may be set under a token name the browser does not own', () => {
    expect(isHeaderName('X-API-Key')).to.equal(true);
    expect(isHeaderName('Authorization')).to.equal(true);
    for (const bad of ['', 'X API Key', 'Origin', 'cookie', 'Mcp-Session-Id', 'Content-Type'])
      expect(isHeaderName(bad), bad).to.equal(false);
  });
});
