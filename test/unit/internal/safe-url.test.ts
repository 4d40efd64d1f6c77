// The scheme allow-lists for URLs that come from servers (src/internal/safe-url.ts): links, media
// shown from base64 data, icons.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { isAllowedMedia, mediaDataUrl, safeIconSrc, safeLink } from '../../../src/internal/safe-url.js';

describe('URLs from servers', () => {
  it('links only to http(s), normalised; never script, data or local files', () => {
    expect(safeLink('https://example.com/a b')).to.equal('https://example.com/a%20b');
    expect(safeLink('http://example.com')).to.equal('http://example.com/');
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>1</script>',
      'file:///etc/passwd',
      'vbscript:x',
      '/relative',
      '',
      undefined,
    ])
      expect(safeLink(bad), String(bad)).to.equal(undefined);
  });

  it('renders only allow-listed image and audio types from base64, and only base64', () => {
    expect(isAllowedMedia('image/png')).to.equal(true);
    expect(isAllowedMedia(' AUDIO/MPEG ')).to.equal(true);
    for (const bad of ['image/svg+xml', 'text/html', 'image/png; x=1', '', undefined])
      expect(isAllowedMedia(bad), String(bad)).to.equal(false);
    expect(mediaDataUrl('Image/PNG', 'iVBO Rw0K\n')).to.equal('data:image/png;base64,iVBORw0K');
    expect(mediaDataUrl('image/png', 'abc"><script>')).to.equal(undefined);
    expect(mediaDataUrl('image/svg+xml', 'PHN2Zz4=')).to.equal(undefined);
  });

  it("takes icons as data: URLs of image types, or https on the server's own origin", () => {
    const server = 'https://mcp.example.com/mcp';
    expect(safeIconSrc('data:image/png;base64,AAAA', server)).to.equal('data:image/png;base64,AAAA');
    expect(safeIconSrc('data:image/svg+xml,<svg/>', server)).to.equal('data:image/svg+xml,<svg/>');
    expect(safeIconSrc('data:text/html;base64,AAAA', server)).to.equal(undefined);
    expect(safeIconSrc('https://mcp.example.com/icon.png', server)).to.equal('https://mcp.example.com/icon.png');
    expect(
      safeIconSrc('https://mcp.example.com/icon.png', server, 'text/html'),
      'a declared type must be an image',
    ).to.equal(undefined);
    expect(safeIconSrc('https://tracker.example/pixel.png', server), 'another origin').to.equal(undefined);
    expect(
      safeIconSrc('http://mcp.example.com/icon.png', 'http://mcp.example.com/mcp'),
      'plain http off this machine',
    ).to.equal(undefined);
    expect(safeIconSrc('http://127.0.0.1:8/icon.png', 'http://127.0.0.1:8/mcp')).to.equal(
      'http://127.0.0.1:8/icon.png',
    );
    expect(safeIconSrc('javascript:alert(1)', server)).to.equal(undefined);
    expect(safeIconSrc('https://mcp.example.com/icon.png', undefined), 'no server to compare with').to.equal(undefined);
  });
});
