// The modern routing headers (src/core/protocol/headers.ts, tool-headers.ts): Mcp-Method, Mcp-Name
// and Mcp-Param-* from x-mcp-header annotations. encodeHeaderValue is fuzzed in test/unit/fuzz/headers.test.ts.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { encodeHeaderValue, routingHeaders } from '../../../../src/core/protocol/headers.js';
import { headerAnnotationProblem, toolParamHeaders } from '../../../../src/core/protocol/tool-headers.js';
import type { Tool } from '../../../../src/core/protocol/types.js';

const tool = (properties: Record<string, unknown>): Tool => ({
  name: 't',
  inputSchema: { type: 'object', properties },
});

describe('routing headers', () => {
  it('names the tool, prompt, resource or task a request is about, and nothing for other methods', () => {
    expect(routingHeaders('tools/call', { name: 'echo' })).to.deep.equal({
      'mcp-method': 'tools/call',
      'mcp-name': 'echo',
    });
    expect(routingHeaders('prompts/get', { name: 'greet' })['mcp-name']).to.equal('greet');
    expect(routingHeaders('resources/read', { uri: 'file:///a' })['mcp-name']).to.equal('file:///a');
    expect(routingHeaders('tasks/get', { taskId: 't-1' })['mcp-name']).to.equal('t-1');
    expect(routingHeaders('tools/list')).to.deep.equal({ 'mcp-method': 'tools/list' });
    expect(routingHeaders('tools/call', { name: 42 })).to.deep.equal({ 'mcp-method': 'tools/call' });
  });

  it('base64-encodes a name that is not plain visible ASCII (HM-10)', () => {
    expect(routingHeaders('tools/call', { name: 'météo' })['mcp-name'])
      .to.equal(encodeHeaderValue('météo'))
      .and.match(/^=\?base64\?.+\?=$/);
    expect(encodeHeaderValue(' padded ')).to.equal('=?base64?IHBhZGRlZCA=?=');
  });
});

describe('Mcp-Param-* headers', () => {
  const weather = tool({
    city: { type: 'string', 'x-mcp-header': 'City' },
    units: { type: 'object', properties: { days: { type: 'integer', 'x-mcp-header': 'Days' } } },
    on: { type: 'boolean', 'x-mcp-header': 'On' },
  });

  it('sends annotated arguments, nested ones included, lower-cased and encoded', () => {
    expect(toolParamHeaders(weather, { city: 'Zürich', units: { days: 3 }, on: false })).to.deep.equal({
      'mcp-param-city': encodeHeaderValue('Zürich'),
      'mcp-param-days': '3',
      'mcp-param-on': 'false',
    });
  });

  it('leaves out absent and null values and numbers that are not safe integers', () => {
    expect(toolParamHeaders(weather, { city: null, units: { days: 1.5 } })).to.deep.equal({});
    expect(toolParamHeaders(weather, { units: { days: 2 ** 60 } })).to.deep.equal({});
    expect(toolParamHeaders(undefined, { city: 'x' })).to.deep.equal({});
  });

  it('refuses tools whose annotations are invalid (HM-11)', () => {
    expect(headerAnnotationProblem(weather)).to.equal(undefined);
    expect(headerAnnotationProblem(tool({ a: { type: 'string', 'x-mcp-header': 'Bad Name' } }))).to.match(
      /not an HTTP token/,
    );
    expect(
      headerAnnotationProblem(
        tool({ a: { type: 'string', 'x-mcp-header': 'X' }, b: { type: 'string', 'x-mcp-header': 'x' } }),
      ),
    ).to.match(/used twice/);
    expect(headerAnnotationProblem(tool({ a: { type: 'array', 'x-mcp-header': 'A' } }))).to.match(
      /on a array property/,
    );
    expect(
      headerAnnotationProblem(tool({ a: { type: 'array', items: { type: 'string', 'x-mcp-header': 'A' } } })),
    ).to.match(/only allowed on properties/);
  });
});
