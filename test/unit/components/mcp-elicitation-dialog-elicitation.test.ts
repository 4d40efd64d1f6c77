// What the elicitation dialog warns about (src/internal/elicitation.ts): fields that ask for a
// secret, and the parts of a URL to check before opening it.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { describeUrl, sensitiveFields } from '../../../src/components/mcp-elicitation-dialog/elicitation.js';
import { EVERYTHING_SCHEMA } from '../../fixtures/elicitation.js';

describe('elicitation warnings', () => {
  it('names fields that look like they ask for a secret, by name or title, never by description', () => {
    const schema = {
      type: 'object',
      properties: {
        password: { type: 'string' },
        api_key: { type: 'string', title: 'API key' },
        card: { type: 'string', title: 'Card number' },
        user: { type: 'string' },
        note: { type: 'string', description: 'not your PIN' },
      },
    };
    expect(sensitiveFields(schema)).to.deep.equal(['password', 'API key', 'Card number']);
    expect(sensitiveFields(undefined)).to.deep.equal([]);
    // server-everything's form: its integer's description says "pin", which is no field asking for one.
    expect(sensitiveFields(EVERYTHING_SCHEMA)).to.deep.equal([]);
  });

  it('splits a URL around its host and flags punycode, plain http and user info', () => {
    expect(describeUrl('https://bank.example@evil.example/login')).to.include({
      host: 'evil.example',
      before: 'https://bank.example@',
      after: '/login',
      userinfo: true,
      insecure: false,
    });
    expect(describeUrl('https://xn--pple-43d.com/')).to.include({ punycode: true });
    expect(describeUrl('http://plain.example:8080/a?b')).to.include({
      host: 'plain.example:8080',
      before: 'http://',
      after: '/a?b',
      insecure: true,
      userinfo: false,
    });
    expect(describeUrl('javascript:alert(1)')).to.equal(undefined);
  });
});
