// MCP Apps pieces without a view or a server: which tools have a view and who may call them
// (src/core/apps/view.ts), and the sandbox a view gets (csp.ts).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { viewUri, visibility } from '../../../../src/core/apps/view.js';
import { sandboxOf, viewCsp, withPolicy, allowOf, capCsp, wanted } from '../../../../src/core/apps/csp.js';
import type { Tool } from '../../../../src/core/protocol/types.js';

const tool = (meta: Record<string, unknown>): Tool => ({ name: 't', inputSchema: { type: 'object' }, _meta: meta });

describe('MCP Apps: discovery', () => {
  it('finds a ui:// view, the nested resourceUri winning over the flat one', () => {
    expect(viewUri(tool({ ui: { resourceUri: 'ui://a' }, 'ui/resourceUri': 'ui://b' }))).to.equal('ui://a');
    expect(viewUri(tool({ 'ui/resourceUri': 'ui://b' }))).to.equal('ui://b');
    expect(viewUri(tool({ ui: { resourceUri: 'https://evil.example/x.html' } }))).to.equal(undefined);
    expect(viewUri(tool({}))).to.equal(undefined);
  });
  it('reads visibility, both model and app when unsaid', () => {
    expect(visibility(tool({}))).to.deep.equal(['model', 'app']);
    expect(visibility(tool({ ui: { visibility: ['app'] } }))).to.deep.equal(['app']);
  });
});

describe('MCP Apps: sandbox', () => {
  it('builds the spec default CSP and maps declared domains, dropping entries that could inject directives', () => {
    expect(viewCsp()).to.equal(
      "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; media-src 'self' data:; connect-src 'none'; frame-src 'none'; base-uri 'self'; object-src 'none'",
    );
    const csp = viewCsp({
      connectDomains: ['https://api.example', 'x.example; script-src *', "'unsafe-eval'"],
      resourceDomains: ['https://cdn.example'],
      frameDomains: ['https://f.example'],
      baseUriDomains: ['https://b.example'],
    });
    expect(csp).to.include('connect-src https://api.example;');
    expect(csp).to.include("script-src 'self' 'unsafe-inline' https://cdn.example;");
    expect(csp).to.include('frame-src https://f.example;');
    expect(csp).to.include('base-uri https://b.example;');
    expect(csp).to.not.include('unsafe-eval');
    expect(csp).to.not.include('script-src *');
  });
  it('never lets a server add allow-same-origin or top navigation', () => {
    expect(
      sandboxOf('allow-same-origin allow-top-navigation allow-top-navigation-by-user-activation allow-forms'),
    ).to.equal('allow-scripts allow-forms');
    expect(sandboxOf()).to.equal('allow-scripts');
  });
  it('maps granted permissions to allow; a view gets only what the host policy lists (none by default)', () => {
    expect(allowOf({ camera: {}, clipboardWrite: {}, nonsense: {} })).to.equal('camera; clipboard-write');
    const asked = { camera: {}, geolocation: {}, nonsense: {} };
    expect(wanted(asked)).to.deep.equal([]);
    expect(wanted(asked, { permissions: ['geolocation', 'microphone'] })).to.deep.equal(['geolocation']);
  });
  it('puts our doctype and policy before any server byte, so a <head in a comment or attribute cannot move it', () => {
    const policy = "default-src 'none'";
    for (const page of ['<html><!--<head>--><head></head></html>', '<div title="<head>"></div>', '<p>hi'])
      expect(withPolicy(page, policy)).to.equal(
        `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'">${page}`,
      );
  });
  it('refuses wildcards and bare schemes unless the host allows them, and caps domains to the host list', () => {
    const csp = { connectDomains: ['*', 'https:', 'data:', 'blob:', 'https://*.evil.example', 'https://api.example'] };
    expect(capCsp(csp).connectDomains).to.deep.equal(['https://api.example']);
    expect(viewCsp(capCsp(csp))).to.include('connect-src https://api.example;');
    expect(capCsp(csp, { wildcards: true }).connectDomains).to.deep.equal(csp.connectDomains);
    const capped = capCsp(
      { connectDomains: ['https://api.example', 'https://other.example'], resourceDomains: ['https://cdn.example/'] },
      { domains: ['https://API.example', 'https://cdn.example'] },
    );
    expect(capped.connectDomains).to.deep.equal(['https://api.example']);
    expect(capped.resourceDomains).to.deep.equal(['https://cdn.example/']);
  });
});
