// A stand-in for an LLM provider: speaks the OpenAI chat completions wire format (JSON, or SSE
// chunks with `data: [DONE]`) on 127.0.0.1, answering what a test scripted and recording what it got.
// No real provider can run here (no network, no model), so the sampling handler's tests use this.
//   POST /<tag>/v1/chat/completions   the endpoint; the handler's baseUrl is `<url>/<tag>/v1`
//   POST /_script/<tag>              the next answers for <tag>: [{status?, json?, chunks?, hold?, cut?}]
//   POST /_release/<tag>              a held stream sends the rest of its chunks and [DONE]
//   GET  /_received/<tag>             {requests: [{headers, body}], closedEarly}: what came, and streams the client
//   left
import { applyCors, listen } from './util.mjs';

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const parts = [];
    req
      .on('data', (c) => parts.push(c))
      .on('end', () => resolve(Buffer.concat(parts).toString('utf8')))
      .on('error', reject);
  });

/** Starts the stand-in; resolves to {url, close}. */
export async function startChatCompletionsStandIn() {
  const tags = new Map();
  const of = (tag) =>
    tags.get(tag) ?? tags.set(tag, { script: [], requests: [], closedEarly: 0, release: undefined }).get(tag);
  const { server, base } = await listen(async (req, res) => {
    if (applyCors(req, res)) return;
    const [, first, second] = new URL(req.url, base).pathname.split('/');
    const json = (status, value) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (first === '_script' && req.method === 'POST')
      return ((of(second).script = JSON.parse(await readBody(req))), json(200, { ok: true }));
    if (first === '_release') return (of(second).release?.(), json(200, { ok: true }));
    if (first === '_received') {
      const t = of(second);
      return json(200, { requests: t.requests, closedEarly: t.closedEarly });
    }
    if (req.method !== 'POST' || !req.url.endsWith('/v1/chat/completions'))
      return json(404, { error: { message: 'not found' } });
    const t = of(first);
    const body = JSON.parse(await readBody(req));
    const { authorization, 'content-type': type, accept, 'x-proxy-token': proxyToken } = req.headers;
    t.requests.push({ headers: { authorization, 'content-type': type, accept, 'x-proxy-token': proxyToken }, body });
    const answer = t.script.shift() ?? {
      status: 500,
      json: { error: { message: `The stand-in has no answer scripted for ${first}` } },
    };
    if (!answer.chunks) return json(answer.status ?? 200, answer.json);
    let ended = false;
    res.on('close', () => ended || t.closedEarly++);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (chunks) => chunks.forEach((c) => res.write(`data: ${JSON.stringify(c)}\n\n`));
    const held = answer.hold ?? answer.chunks.length;
    send(answer.chunks.slice(0, held));
    if (held < answer.chunks.length || answer.hold !== undefined) {
      await new Promise((resolve) => {
        t.release = resolve;
        res.on('close', resolve);
      });
      t.release = undefined;
      if (res.destroyed) return;
      send(answer.chunks.slice(held));
    }
    ended = true;
    res.end(answer.cut ? undefined : 'data: [DONE]\n\n');
  });
  return { url: base, close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))) };
}
