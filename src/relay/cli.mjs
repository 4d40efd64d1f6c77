#!/usr/bin/env node
// `npx mcp-web-components relay --upstream <url> [--upstream ...] --allow-origin <origin> [--port 8787]`:
// the CORS relay on Node, bound to 127.0.0.1 unless --host says otherwise.
import { parseArgs } from 'node:util';
import { serveRelay } from './relay-node.js';

const USAGE = `Usage: mcp-web-components relay --upstream <url> [--upstream <url> ...] --allow-origin <origin> [--allow-origin ...]
       [--port 8787] [--host 127.0.0.1] [--allow-private-network] [--max-body-bytes N] [--timeout-ms N] [--max-stream-ms N]

Lets web pages from the allowed origins reach the listed MCP servers (and their OAuth endpoints,
when listed), which send no CORS themselves. The page names the relay in the widget's relay
attribute or the client's relay option. --allow-private-network lets the relay reach loopback
and private addresses (needed for an upstream on this machine).`;

const [command, ...rest] = process.argv.slice(2);
if (command !== 'relay') {
  console.error(USAGE);
  process.exit(command === '--help' || command === '-h' ? 0 : 2);
}
let values;
try {
  ({ values } = parseArgs({
    args: rest,
    options: {
      upstream: { type: 'string', multiple: true, default: [] },
      'allow-origin': { type: 'string', multiple: true, default: [] },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-private-network': { type: 'boolean', default: false },
      'max-body-bytes': { type: 'string' },
      'timeout-ms': { type: 'string' },
      'max-stream-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  console.error(`${e.message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.upstream.length || !values['allow-origin'].length) {
  console.error(`At least one --upstream and one --allow-origin are needed.\n\n${USAGE}`);
  process.exit(2);
}
const number = (v) => (v === undefined ? undefined : Number(v));
try {
  const relay = await serveRelay({
    port: Number(values.port),
    host: values.host,
    upstreams: values.upstream,
    allowOrigins: values['allow-origin'],
    allowPrivateNetwork: values['allow-private-network'],
    maxBodyBytes: number(values['max-body-bytes']),
    timeoutMs: number(values['timeout-ms']),
    maxStreamMs: number(values['max-stream-ms']),
    // One line per request; the handler never puts headers, queries or bodies in it.
    log: (line) => console.error(`${new Date().toISOString()} ${line}`),
  });
  console.log(
    `MCP CORS relay listening on ${relay.url} for ${values['allow-origin'].join(', ')}; upstreams: ${values.upstream.join(', ')}`,
  );
  const stop = () => relay.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  console.error(`The relay could not start: ${e.message}`);
  process.exit(1);
}
