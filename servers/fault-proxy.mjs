// Fault-injecting reverse proxy (node:http) in front of an MCP server; browser tests drive it over a
// CORS-enabled control endpoint to cut, delay, fail, corrupt or duplicate responses.
/**
 * Every request except /_fault* is forwarded as-is (same path and query) to `target`, streaming both
 * ways without buffering the response (SSE stays open). Upstream CORS headers are replaced by the
 * shared permissive policy, which is also applied to OPTIONS and to the control endpoint.
 *
 * Control endpoint (JSON, CORS-enabled):
 *   POST   /_fault       body: one rule or an array of rules; adds them. Answers {rules: [...active]}.
 *   GET    /_fault       answers {rules: [...active]}.
 *   DELETE /_fault       removes all rules.
 *   GET    /_fault/log   answers the proxied requests so far, oldest first:
 *                        [{method, path, headers, status, bodyJsonRpcMethod, faults, at, answeredAt}]
 *                        headers: the lowercased subset accept, content-type, mcp-session-id, last-event-id,
 *                        mcp-protocol-version, mcp-method, mcp-name, authorization, origin (those present);
 *                        status: upstream or injected status (null while pending or if the upstream failed);
 *                        bodyJsonRpcMethod: the POSTed JSON-RPC method (comma-joined for a batch), else null;
 *                        faults: the actions applied to it, e.g. ['delayMs', 'cutAfterEvents'];
 *                        at, answeredAt: when the request came and when its status line left (ms since the epoch;
 *                        answeredAt null until then).
 *   DELETE /_fault/log   clears the log.
 *   POST   /_fault/restart  restarts the upstream server through the `restartUpstream` option (a crash and
 *                        restart: every session is gone, open streams are cut); answers {restarted: true},
 *                        or 501 without the option.
 *
 * Rule: {match?, times?, persistent?, <one action>}
 *   match: {jsonrpcMethod?: string, httpMethod?: string, path?: string}; every given field must equal
 *     the request's (jsonrpcMethod: the POSTed method, or any member of a batch). No match = every request.
 *   times: how many matching requests/responses it applies to (default 1); persistent: true = unlimited.
 *   Rules are checked in the order they were added; each action applies at most once per request.
 * Actions:
 *   {status: 404, body?: '', contentType?: 'text/plain', headers?: {}, truncate?: false}
 *       answer the matching request with this status/body instead of forwarding it
 *       (404 on /mcp simulates an expired session; 500 + text/html a broken gateway).
 *       truncate: true announces a longer content-length, writes the body, then cuts the connection
 *       (a body truncated in transit).
 *   {delayMs: N}         hold the matching response N ms after the upstream answered, then forward it.
 *   {cutAfterEvents: N, graceful?: false}
 *       on the next matching SSE response, forward N complete events (events with an id: or data: line,
 *       so priming events count; comment-only keep-alives are forwarded but not counted), then destroy
 *       the connection (a network cut); with graceful: true end the response cleanly instead.
 *   {injectFrame: 'data: {not json\n\n'}
 *       on the next matching SSE response, write this raw text right after the headers, before any event.
 *   {duplicateEvents: true}
 *       on the next matching SSE response, send every counted event twice.
 *   {reorderEvents: N}
 *       on the next matching SSE response, hold the first N counted events and forward them in reverse
 *       order (held events still pending when the upstream ends are flushed, reversed, first).
 *   The SSE actions combine on one response: duplicate, then reorder, then cut (which counts the
 *   events in the order they leave the proxy).
 *   SSE actions are only consumed by a matching response whose content-type is text/event-stream.
 */
import http from 'node:http';
import { listen, applyCors } from './util.mjs';

const LOGGED_HEADERS = [
  'accept',
  'content-type',
  'mcp-session-id',
  'last-event-id',
  'mcp-protocol-version',
  'mcp-method',
  'mcp-name',
  'authorization',
  'origin',
];
const ACTIONS = ['status', 'delayMs', 'cutAfterEvents', 'injectFrame', 'duplicateEvents', 'reorderEvents'];
const SSE_ACTIONS = ['cutAfterEvents', 'injectFrame', 'duplicateEvents', 'reorderEvents'];
/**
 * How long a cut waits after the last forwarded bytes before breaking the connection. Chromium
 * drops body bytes it has not handed to the page when the connection error arrives first, and on
 * a loaded 2-core machine 30 ms was not always enough for the page to read them.
 */
const CUT_PAUSE_MS = 250;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const json = (res, status, value) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks);
}

function jsonRpcMethods(body) {
  try {
    const msg = JSON.parse(body.toString('utf8'));
    return (Array.isArray(msg) ? msg : [msg]).map((m) => m?.method).filter(Boolean);
  } catch {
    return [];
  }
}

/** Splits an SSE byte stream into complete events (each with its trailing blank line). */
function sseSplitter(onEvent) {
  const decoder = new TextDecoder();
  let buf = '';
  return (chunk) => {
    buf += decoder.decode(chunk, { stream: true });
    let m;
    while ((m = /\r\n\r\n|\n\n|\r\r/.exec(buf))) {
      const event = buf.slice(0, m.index + m[0].length);
      buf = buf.slice(event.length);
      onEvent(event, /^(id|data)(:|$)/m.test(event));
    }
  };
}

/**
 * @param {{target: string, port?: number, restartUpstream?: () => Promise<void>}} opts target: base URL of the
 *   upstream server (its origin is used); restartUpstream: stops the upstream abruptly and starts it again on
 *   the same port (enables POST /_fault/restart)
 * @returns {Promise<{url: string, controlUrl: string, close(): Promise<void>}>}
 *   url: proxy base http://127.0.0.1:P (append the upstream path, e.g. /mcp); controlUrl: http://127.0.0.1:P/_fault
 */
export async function startFaultProxy({ target, port = 0, restartUpstream }) {
  const upstream = new URL(target);
  // Our own pool, dropped on restart: a pooled socket to the old process would answer "socket hang up".
  let agent = new http.Agent({ keepAlive: true });
  let rules = [];
  const log = [];

  const take = (action, entry, methods) => {
    const rule = rules.find(
      (r) =>
        r[action] !== undefined &&
        (!r.match?.httpMethod || r.match.httpMethod.toUpperCase() === entry.method) &&
        (!r.match?.path || r.match.path === entry.path.split('?')[0]) &&
        (!r.match?.jsonrpcMethod || methods.includes(r.match.jsonrpcMethod)),
    );
    if (!rule) return undefined;
    if (!rule.persistent && --rule.times <= 0) rules = rules.filter((r) => r !== rule);
    entry.faults.push(action);
    return rule;
  };

  async function control(req, res, path) {
    if (path === '/_fault/restart') {
      if (!restartUpstream) return json(res, 501, { error: 'this proxy was started without restartUpstream' });
      agent.destroy();
      await restartUpstream();
      agent = new http.Agent({ keepAlive: true });
      return json(res, 200, { restarted: true });
    }
    if (path === '/_fault/log') {
      if (req.method === 'DELETE') log.length = 0;
      return json(res, 200, log);
    }
    if (req.method === 'DELETE') rules = [];
    if (req.method === 'POST') {
      let added;
      try {
        added = [JSON.parse((await readBody(req)).toString('utf8'))].flat();
      } catch {
        return json(res, 400, { error: 'body must be JSON' });
      }
      for (const r of added) {
        if (ACTIONS.filter((a) => r[a] !== undefined).length !== 1) {
          return json(res, 400, { error: `each rule needs exactly one of ${ACTIONS.join(', ')}`, rule: r });
        }
      }
      rules.push(...added.map((r) => ({ ...r, times: r.times ?? 1 })));
    }
    return json(res, 200, { rules });
  }

  async function proxy(req, res) {
    const body = req.method === 'GET' || req.method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    const methods = jsonRpcMethods(body);
    const headers = Object.fromEntries(
      LOGGED_HEADERS.filter((h) => req.headers[h] !== undefined).map((h) => [h, req.headers[h]]),
    );
    const entry = {
      method: req.method,
      path: req.url,
      headers,
      status: null,
      bodyJsonRpcMethod: methods.length ? methods.join(',') : null,
      faults: [],
      at: Date.now(),
      answeredAt: null,
    };
    log.push(entry);

    const fixed = take('status', entry, methods);
    if (fixed) {
      entry.status = fixed.status;
      entry.answeredAt = Date.now();
      const body = Buffer.from(fixed.body ?? '');
      if (fixed.truncate) {
        res.writeHead(fixed.status, {
          'content-type': fixed.contentType ?? 'text/plain',
          'content-length': body.length + 64,
          ...fixed.headers,
        });
        return res.write(body, () => setTimeout(() => res.socket?.end(() => res.destroy()), 30));
      }
      res.writeHead(fixed.status, { 'content-type': fixed.contentType ?? 'text/plain', ...fixed.headers });
      return res.end(body);
    }

    const up = http.request({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      agent,
      headers: { ...req.headers, host: upstream.host },
    });
    res.on('close', () => up.destroy()); // client went away: let the server see it too
    up.end(body);
    const upRes = await new Promise((resolve, reject) => up.once('response', resolve).once('error', reject));
    up.on('error', () => res.destroy());
    upRes.on('error', () => res.destroy()).on('aborted', () => res.destroy());
    entry.status = upRes.statusCode;

    const delay = take('delayMs', entry, methods);
    if (delay) await sleep(delay.delayMs);

    const isSse = /text\/event-stream/i.test(upRes.headers['content-type'] ?? '');
    const sse = Object.fromEntries(SSE_ACTIONS.map((a) => [a, isSse ? take(a, entry, methods) : undefined]));
    const outHeaders = { ...upRes.headers };
    for (const h of Object.keys(outHeaders)) {
      if (/^(access-control-|connection$|keep-alive$|transfer-encoding$)/.test(h)) delete outHeaders[h];
    }
    if (isSse) delete outHeaders['content-length'];
    entry.answeredAt = Date.now();
    res.writeHead(upRes.statusCode, outHeaders);
    res.flushHeaders();

    if (!sse.cutAfterEvents && !sse.injectFrame && !sse.duplicateEvents && !sse.reorderEvents) return upRes.pipe(res);

    if (sse.injectFrame) res.write(sse.injectFrame.injectFrame);
    const limit = sse.cutAfterEvents?.cutAfterEvents;
    let forwarded = 0;
    let cutting = false;
    // Cut only once the last forwarded bytes are flushed, so the client really sees them.
    const writeThenCut = (text) => {
      cutting = true;
      // Stop listening upstream first: its teardown must not reset the client connection early.
      upRes
        .removeAllListeners('data')
        .removeAllListeners('error')
        .removeAllListeners('aborted')
        .on('error', () => {});
      up.removeAllListeners('error').on('error', () => {});
      res.write(text, () => {
        if (sse.cutAfterEvents.graceful) {
          res.end();
          return up.destroy();
        }
        // FIN without the final chunk, after a pause: the client reads every byte sent, then sees a
        // broken body. (An immediate RST lets Chromium drop bytes it has not handed to the page yet.)
        setTimeout(() => {
          res.socket?.end(() => res.destroy());
          up.destroy();
        }, CUT_PAUSE_MS);
      });
    };
    if (limit === 0) return writeThenCut(':\n\n');
    // Last stage: write, counting events for the cut.
    const forward = (event, counted) => {
      if (cutting || res.destroyed) return;
      if (counted && limit !== undefined && ++forwarded >= limit) writeThenCut(event);
      else res.write(event);
    };
    // Middle stage: hold the first N counted events, then let them go in reverse order.
    const held = [];
    let toHold = sse.reorderEvents?.reorderEvents ?? 0;
    const release = () =>
      held
        .splice(0)
        .reverse()
        .forEach((e) => forward(e, true));
    const reorder = (event, counted) => {
      if (!counted || toHold === 0) return forward(event, counted);
      held.push(event);
      if (--toHold === 0) release();
    };
    const split = sseSplitter((event, counted) =>
      reorder(counted && sse.duplicateEvents ? event + event : event, counted),
    );
    upRes.on('data', split);
    upRes.on('end', () => {
      release();
      if (!cutting) res.end();
    });
  }

  const { server, base } = await listen(async (req, res) => {
    if (applyCors(req, res)) return;
    const path = req.url.split('?')[0];
    try {
      if (path === '/_fault' || path === '/_fault/log' || path === '/_fault/restart')
        return await control(req, res, path);
      await proxy(req, res);
    } catch (e) {
      if (!res.headersSent) json(res, 502, { error: String(e) });
      else res.destroy();
    }
  }, port);

  return {
    url: base,
    controlUrl: `${base}/_fault`,
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
