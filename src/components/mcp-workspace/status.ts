// What a workspace shows of each server: its status from its client's state, sign-in state and last
// error, and how a kept header value is shown. Pure functions, tested without a fixture.
import type { AuthState } from '../../core/auth/types.js';
import type { ClientState } from '../../core/client/client.js';
import { McpAuthError } from '../../core/jsonrpc/errors.js';

/** A server's status in a workspace; `refused` is a 403 refusal of the page's origin, never a sign-in. */
export type ServerStatus = 'idle' | 'connecting' | 'connected' | 'needs-auth' | 'refused' | 'down';

/** The status of one server, from its client's state, its sign-in state and the error its last step ended with. */
export function statusOf(state: ClientState, auth: AuthState, error?: Error): ServerStatus {
  if (state === 'ready') return 'connected';
  if (state === 'connecting' || state === 'reconnecting' || auth === 'signing-in') return 'connecting';
  if (error instanceof McpAuthError && !error.needsAuthorization) return 'refused';
  if (error instanceof McpAuthError || ['needed', 'expired', 'denied'].includes(auth)) return 'needs-auth';
  return error ? 'down' : 'idle';
}

/** The part of a secret shown again: its last four characters, and none of one shorter than twelve. */
export const tailOf = (secret: string) => (secret.length >= 12 ? secret.slice(-4) : '');

/** Whether `name` may be an HTTP header name (RFC 9110 token) the person can set: not one the browser owns. */
export const isHeaderName = (name: string) =>
  /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) &&
  !/^(host|origin|cookie|content-(type|length)|accept|connection|mcp-.*|last-event-id)$/i.test(name);
