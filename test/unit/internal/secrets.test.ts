// Secret fields (src/internal/secrets.ts): shown as password inputs, never kept in drafts or history.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { isSecret, withoutSecrets } from '../../../src/internal/secrets.js';

describe('secret fields', () => {
  it('knows a secret by writeOnly, format password, or a name or title like one', () => {
    expect(isSecret('x', { writeOnly: true })).to.equal(true);
    expect(isSecret('x', { type: 'string', format: 'password' })).to.equal(true);
    for (const name of [
      'password',
      'passphrase',
      'apiKey',
      'api_key',
      'API-Key',
      'client_secret',
      'accessToken',
      'credentials',
      'private key',
    ])
      expect(isSecret(name, {}), name).to.equal(true);
    expect(isSecret('x', { title: 'Your token' })).to.equal(true);
    for (const name of ['username', 'query', 'passenger', 'topic'])
      expect(isSecret(name, { type: 'string' }), name).to.equal(false);
  });

  it('copies a value without its secret properties, at any depth of plain properties', () => {
    const schema = {
      type: 'object',
      properties: {
        user: { type: 'string' },
        auth: { type: 'object', properties: { pin: { type: 'string', writeOnly: true }, realm: { type: 'string' } } },
      },
    };
    const value = {
      user: 'ada',
      password: 'p',
      auth: { pin: '1234', realm: 'r' },
      list: [{ password: 'in an array stays' }],
    };
    expect(withoutSecrets(schema, value)).to.deep.equal({
      user: 'ada',
      auth: { realm: 'r' },
      list: [{ password: 'in an array stays' }],
    });
    expect(value.password, 'the original is untouched').to.equal('p');
  });

  it('keeps a __proto__ key as data and leaves non-objects as they are', () => {
    const out = withoutSecrets({}, JSON.parse('{"__proto__":{"polluted":1},"a":1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).to.equal(Object.prototype);
    expect(Object.keys(out)).to.deep.equal(['__proto__', 'a']);
    expect(withoutSecrets({}, 'text')).to.equal('text');
    expect(withoutSecrets({}, null)).to.equal(null);
  });
});
