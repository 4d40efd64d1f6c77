// How a link recovers (link.ts): a session the server ended is renewed (HL-14), a transport that was
// lost is reconnected with backoff. Loaded once a connection is up, so it is here when the network is not.
import { McpAuthError, McpSessionExpiredError } from '../jsonrpc/errors.js';
import { sleep } from '../util/sleep.js';
import type { Era } from './eras/era.js';
import type { Link } from './link.js';

/** A connection opened: a declared protocol version the server does not speak is logged, for the host to fix. */
export function opened(link: Link, declared?: Era): void {
  const { host, conn } = link;
  const v = host.options.protocolVersion;
  if (v && conn?.era !== declared)
    host.emit('log', {
      level: 'warning',
      logger: 'mcp-web-components',
      data: `protocolVersion ${v} is not what ${host.url} speaks: it speaks ${conn?.facts?.protocolVersion}`,
    });
}

/**
 * The transport's connection is gone for good: renew an expired session, or fail what waits and reconnect with backoff.
 */
export async function closed(link: Link, error: Error): Promise<void> {
  const host = link.host;
  if (host.state === 'closed') return;
  if (error instanceof McpSessionExpiredError) return void link.renew().catch(() => {});
  const era = link.conn!.era;
  host.engine.pending.rejectAll(error);
  host.setState('reconnecting');
  for (let attempt = 0; host.state === 'reconnecting'; attempt++) {
    await sleep(Math.min(500 * 2 ** attempt, 30_000));
    if (host.state !== 'reconnecting') return;
    try {
      await link.reopen(era);
      host.setState('ready');
    } catch (e) {
      host.setState(e instanceof McpAuthError ? 'idle' : 'reconnecting', e as Error);
    }
  }
}

/**
 * Starts a new session for one the server ended; another tab may have started it already, and then it is joined rather
 * than a third started.
 */
export async function renew(link: Link): Promise<void> {
  const host = link.host;
  host.setState('reconnecting');
  const old = link.conn!;
  const expired = old.sessionId;
  await old.expire?.();
  try {
    await link.oneTabAtATime(async () => void ((await link.resume(expired)) || (await link.reopen(old.era))));
    host.setState('ready');
  } catch (error) {
    host.setState('idle', error as Error);
    throw error;
  }
}
