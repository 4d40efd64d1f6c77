import { describe, it } from 'node:test';
import { expect } from 'chai';
import { expandUriTemplate } from '../../../src/core/uri-template.js';
import { templateVariables } from '../../../src/core/uri-template-names.js';

// Examples from RFC 6570 §1.2 and §3.2, which define the expected output for every operator.
const vars = {
  count: ['one', 'two', 'three'],
  dom: ['example', 'com'],
  dub: 'me/too',
  hello: 'Hello World!',
  half: '50%',
  var: 'value',
  who: 'fred',
  base: 'http://example.com/home/',
  path: '/foo/bar',
  list: ['red', 'green', 'blue'],
  keys: { semi: ';', dot: '.', comma: ',' },
  v: '6',
  x: '1024',
  y: '768',
  empty: '',
  empty_keys: {},
  undef: undefined,
};
const cases: [string, string][] = [
  // level 1
  ['{var}', 'value'],
  ['{hello}', 'Hello%20World%21'],
  ['{half}', '50%25'],
  ['O{empty}X', 'OX'],
  ['O{undef}X', 'OX'],
  // level 2
  ['{+var}', 'value'],
  ['{+hello}', 'Hello%20World!'],
  ['{+half}', '50%25'],
  ['{base}index', 'http%3A%2F%2Fexample.com%2Fhome%2Findex'],
  ['{+base}index', 'http://example.com/home/index'],
  ['{+path}/here', '/foo/bar/here'],
  ['here?ref={+path}', 'here?ref=/foo/bar'],
  ['X{#var}', 'X#value'],
  ['X{#hello}', 'X#Hello%20World!'],
  // level 3
  ['map?{x,y}', 'map?1024,768'],
  ['{x,hello,y}', '1024,Hello%20World%21,768'],
  ['{+x,hello,y}', '1024,Hello%20World!,768'],
  ['{+path,x}/here', '/foo/bar,1024/here'],
  ['{#x,hello,y}', '#1024,Hello%20World!,768'],
  ['X{.var}', 'X.value'],
  ['X{.x,y}', 'X.1024.768'],
  ['{/var}', '/value'],
  ['{/var,x}/here', '/value/1024/here'],
  ['{;x,y}', ';x=1024;y=768'],
  ['{;x,y,empty}', ';x=1024;y=768;empty'],
  ['{?x,y}', '?x=1024&y=768'],
  ['{?x,y,empty}', '?x=1024&y=768&empty='],
  ['?fixed=yes{&x}', '?fixed=yes&x=1024'],
  ['{&x,y,empty}', '&x=1024&y=768&empty='],
  // level 4
  ['{var:3}', 'val'],
  ['{var:30}', 'value'],
  ['{list}', 'red,green,blue'],
  ['{list*}', 'red,green,blue'],
  ['{keys}', 'semi,%3B,dot,.,comma,%2C'],
  ['{keys*}', 'semi=%3B,dot=.,comma=%2C'],
  ['{+path:6}/here', '/foo/b/here'],
  ['{+list*}', 'red,green,blue'],
  ['{+keys*}', 'semi=;,dot=.,comma=,'],
  ['{#path:6}/here', '#/foo/b/here'],
  ['{#keys}', '#semi,;,dot,.,comma,,'],
  ['X{.list*}', 'X.red.green.blue'],
  ['X{.keys*}', 'X.semi=%3B.dot=..comma=%2C'],
  ['{/var:1,var}', '/v/value'],
  ['{/list*}', '/red/green/blue'],
  ['{/list*,path:4}', '/red/green/blue/%2Ffoo'],
  ['{/keys*}', '/semi=%3B/dot=./comma=%2C'],
  ['{;hello:5}', ';hello=Hello'],
  ['{;list}', ';list=red,green,blue'],
  ['{;list*}', ';list=red;list=green;list=blue'],
  ['{;keys*}', ';semi=%3B;dot=.;comma=%2C'],
  ['{?var:3}', '?var=val'],
  ['{?list}', '?list=red,green,blue'],
  ['{?list*}', '?list=red&list=green&list=blue'],
  ['{?keys}', '?keys=semi,%3B,dot,.,comma,%2C'],
  ['{?keys*}', '?semi=%3B&dot=.&comma=%2C'],
  ['{&list*}', '&list=red&list=green&list=blue'],
  ['{&keys*}', '&semi=%3B&dot=.&comma=%2C'],
  ['{?empty_keys*}', ''],
  ['{count}', 'one,two,three'],
  ['{/dom*}', '/example/com'],
  ['{+dub}', 'me/too'],
];

describe('RFC 6570 URI templates', () => {
  for (const [template, expected] of cases) {
    it(`${template} → ${expected}`, () => void expect(expandUriTemplate(template, vars)).to.equal(expected));
  }

  it('encodes non-ASCII as UTF-8 and survives lone surrogates', () => {
    expect(expandUriTemplate('{x}', { x: 'é€' })).to.equal('%C3%A9%E2%82%AC');
    expect(expandUriTemplate('{x:1}', { x: '😀a' })).to.equal('%F0%9F%98%80');
    expect(expandUriTemplate('{x}', { x: 'a\uD800' })).to.equal('a%EF%BF%BD');
  });

  it('keeps existing %XX in reserved expansion and encodes a stray %', () => {
    expect(expandUriTemplate('{+x}', { x: 'a%20b%zz' })).to.equal('a%20b%25zz');
  });

  it('lists variable names once, in order', () => {
    expect(templateVariables('fixture://items/{id}')).to.deep.equal(['id']);
    expect(templateVariables('{/a*,b:3}{?c,a}{&d}{#e}')).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    expect(templateVariables('no variables')).to.deep.equal([]);
  });
});
