// One MCP server's authorization, loaded on demand by McpClient: it holds the access token for the
// Authorization header, turns 401/403 answers into a refresh, a step-up or a sign-in, and keeps
// tokens per (issuer, resource) and registrations per issuer in the store. Tokens go nowhere but
// the Authorization header of requests to this server and the store; never into URLs or messages.
import { AuthorizationResponseError, ResponseBodyError } from 'oauth4webapi';
import { McpAuthError, McpError } from '../jsonrpc/errors.js';
import type { FetchLike } from '../transport/http.js';
import { idbStore } from '../kv/idb.js';
import type { KeyValueStore } from '../kv/store.js';
import { parseBearerChallenge, type BearerChallenge } from './challenge.js';
import { discover, type Discovery } from './discovery.js';
import { finishFlow, refreshTokens, revokeToken, startFlow, type PendingFlow, type TokenSet } from './flow.js';
import { BINDING_PREFIX, bindingKey, dpopKey, flowKey, tokenKey, type Binding } from './keys.js';
import type { Dpop } from './dpop.js';
import { authHttp } from './net.js';
import { registrationFor } from './registration.js';
import { redirectResults, redirectUserAgent } from './redirect.js';
import type { AuthOptions, AuthState, UserAgentFunction } from './types.js';
import type { AuthorizationServer } from 'oauth4webapi';

/** Re-authorizations for more scope allowed per operation before it counts as a permanent failure. */
const MAX_STEP_UPS = 2;
/** A flow not finished within this time is abandoned. */
const FLOW_TTL_MS = 15 * 60_000;

export interface AuthSessionDeps {
  store?: KeyValueStore;
  fetch?: FetchLike;
  onState(state: AuthState): void;
  /** The authorization server signing in goes to, once discovery has found it. */
  onIssuer?(issuer: string): void;
}

/** The authorization state and tokens of one MCP server URL. */
export class AuthSession {
  state: AuthState = 'none';
  private tokens?: TokenSet;
  private binding?: Binding;
  private discovery?: Discovery;
  private challenge?: BearerChallenge;
  /** Scopes for the next authorization when a step-up widened them. */
  private stepUpScope?: string;
  private denied = false;
  private recovering?: Promise<boolean>;
  /** The proof signer of the authorization server, when its metadata offers DPoP with ES256. */
  dpop?: Dpop;
  private readonly store: KeyValueStore;
  private readonly fetchFn: FetchLike;

  constructor(
    private readonly serverUrl: string,
    private readonly options: AuthOptions,
    private readonly deps: AuthSessionDeps,
  ) {
    this.store = deps.store ?? idbStore();
    this.fetchFn = deps.fetch ?? ((...args) => fetch(...args));
  }

  /**
   * Requests to the MCP server through `base`, with the token held in their Authorization header: a DPoP-bound
   * token as `DPoP` with a proof of our key (never as Bearer), any other as `Bearer`.
   */
  fetch(base: FetchLike): FetchLike {
    const t = this.tokens;
    if (!t) return base;
    const dpop = t.token_type === 'dpop';
    const send = (dpop && this.dpop?.fetch(base, t.access_token)) || base;
    return (url, init = {}) =>
      send(url, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          authorization: `${dpop ? 'DPoP' : 'Bearer'} ${t.access_token}`,
        },
      });
  }

  /**
   * Loads DPoP (its chunk and this authorization server's key) when the metadata offers ES256 (RFC 9449 §5.1); a
   * server without it keeps Bearer tokens.
   */
  private async useDpop(as: AuthorizationServer): Promise<void> {
    if (this.dpop?.issuer === as.issuer) return;
    this.dpop = (as.dpop_signing_alg_values_supported as string[] | undefined)?.includes('ES256')
      ? await (await import('./dpop.js')).dpopFor(this.store, as)
      : undefined;
  }

  /** Requests to the authorization server: SSRF-guarded, and with proofs on the token endpoint under DPoP. */
  private http(signal?: AbortSignal) {
    return authHttp(this.serverUrl, this.dpop?.fetch(this.fetchFn) ?? this.fetchFn, signal);
  }

  /** Reads stored tokens, finishes a full-page redirect that came back, and refreshes an expired token. */
  async load(): Promise<void> {
    this.binding = await this.store.get<Binding>(bindingKey(this.serverUrl)).catch(() => undefined);
    if (this.binding) {
      this.tokens = await this.store.get<TokenSet>(tokenKey(this.binding)).catch(() => undefined);
      await this.useDpop(this.binding.as);
    }
    await this.resumeRedirect();
    if (this.tokens?.expires_at && this.tokens.expires_at < Date.now()) {
      if (!(await this.tryRefresh())) await this.forgetTokens();
    }
    if (this.tokens) this.setState('signed-in');
    else if (this.binding && this.state === 'none') this.setState('expired');
  }

  /**
   * Reacts to a 401/403 from the server: refresh, step up or (with a function user agent) sign in.
   * Resolves true when the request is worth repeating; `attempt` counts the repeats so far.
   */
  recover(error: McpAuthError, attempt: number): Promise<boolean> {
    this.recovering ??= this.recoverOnce(error, attempt).finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  private async recoverOnce(error: McpAuthError, attempt: number): Promise<boolean> {
    const challenge = await parseBearerChallenge(error.wwwAuthenticate);
    if (error.status === 403) {
      // A 403 without insufficient_scope is a refusal (or an Origin check, SEC-01), not a sign-in problem.
      if (challenge?.error !== 'insufficient_scope' || attempt >= MAX_STEP_UPS) return false;
      this.challenge = challenge;
      this.stepUpScope = union(this.tokens?.requested ?? this.stepUpScope, challenge.scope);
      return this.signInIfPossible(false);
    }
    if (error.status !== 401 || attempt >= 2) return false;
    if (challenge) this.challenge = challenge;
    if (attempt === 0 && (await this.tryRefresh())) return true;
    const hadToken = !!this.tokens;
    await this.forgetTokens();
    // A token that stopped working may mean the resource moved to another authorization server
    // (SEP-2352): discover again, so the next sign-in registers there instead of reusing the old one.
    this.discovery = undefined;
    return this.signInIfPossible(hadToken);
  }

  /** Signs in at once when the user agent needs no click; otherwise says a sign-in is needed. */
  private async signInIfPossible(expired: boolean): Promise<boolean> {
    if (typeof this.options.userAgent === 'function') {
      await this.signIn();
      return true;
    }
    this.setState(this.denied ? 'denied' : expired ? 'expired' : 'needed');
    return false;
  }

  /** Runs discovery, registration and the authorization-code flow through the given or configured user agent. */
  async signIn(userAgent?: UserAgentFunction, signal = new AbortController().signal): Promise<void> {
    const agent = userAgent ?? (this.options.userAgent === 'redirect' ? redirectUserAgent : this.options.userAgent);
    if (typeof agent !== 'function')
      throw new McpAuthError('The popup user agent must be opened in a click: call client.authorize()', 0);
    this.setState('signing-in');
    this.denied = false;
    const http = this.http(signal);
    let flow: PendingFlow | undefined;
    try {
      const d = (this.discovery ??= await discover(this.serverUrl, this.challenge, http));
      this.deps.onIssuer?.(d.as.issuer);
      await this.useDpop(d.as);
      const scope = this.chooseScope(d);
      const registration = await registrationFor(d.as, this.options, this.store, http, scope);
      const started = await startFlow(d.as, registration, d.resource, this.serverUrl, scope);
      flow = started.flow;
      await this.store.set(flowKey(flow.state), flow);
      const callback = await agent(started.url, { signal });
      await this.complete(flow, callback);
    } catch (error) {
      if (flow) await this.store.del(flowKey(flow.state)).catch(() => {});
      this.denied = error instanceof AuthorizationResponseError;
      this.setState(this.denied ? 'denied' : this.tokens ? 'signed-in' : 'needed');
      throw authError(error);
    }
  }

  /** Forgets this server's tokens and revokes them where the authorization server offers revocation. */
  async signOut(): Promise<void> {
    const [binding, tokens] = [this.binding, this.tokens];
    await this.forgetTokens();
    await this.store.del(bindingKey(this.serverUrl)).catch(() => {});
    this.binding = this.discovery = this.stepUpScope = undefined;
    this.setState('none');
    if (binding && !(await this.issuerInUse(binding.as.issuer))) {
      // The DPoP key goes with the last binding to its authorization server (and so with "Forget data").
      await this.store.del(dpopKey(binding.as.issuer)).catch(() => {});
      this.dpop = undefined;
    }
    if (!binding || !tokens) return;
    const http = this.http();
    if (tokens.refresh_token) await revokeToken(binding.as, binding.registration, tokens.refresh_token, http);
    await revokeToken(binding.as, binding.registration, tokens.access_token, http);
  }

  /** Whether another MCP server's binding still uses this authorization server. */
  private async issuerInUse(issuer: string): Promise<boolean> {
    for (const key of await this.store.keys(BINDING_PREFIX).catch(() => []))
      if ((await this.store.get<Binding>(key).catch(() => undefined))?.as.issuer === issuer) return true;
    return false;
  }

  /**
   * the challenge's scope, else PRM scopes_supported, else the host's; widened by step-up; offline_access when
   * offered.
   */
  private chooseScope(d: Discovery): string | undefined {
    const base =
      this.stepUpScope ?? this.challenge?.scope ?? d.scopesSupported?.join(' ') ?? this.options.scopes?.join(' ');
    return d.as.scopes_supported?.includes('offline_access') ? union(base, 'offline_access') : base || undefined;
  }

  /** Checks the redirect back, trades the code for tokens and binds this server to that authorization server. */
  private async complete(flow: PendingFlow, callback: URL): Promise<void> {
    try {
      if (Date.now() - flow.created > FLOW_TTL_MS)
        throw new McpAuthError('The sign-in took too long; please try again', 0);
      await this.useDpop(flow.as);
      const tokens = await finishFlow(flow, callback, this.http());
      this.binding = { resource: flow.resource, as: flow.as, registration: flow.registration };
      await this.store.set(bindingKey(this.serverUrl), this.binding).catch(() => {});
      await this.saveTokens(tokens);
      this.stepUpScope = undefined;
    } finally {
      await this.store.del(flowKey(flow.state)).catch(() => {});
    }
  }

  /** Finishes a full-page redirect flow of this server that the callback page handed back. */
  private async resumeRedirect(): Promise<void> {
    for (const result of redirectResults()) {
      const flow = await this.store.get<PendingFlow>(flowKey(result.state)).catch(() => undefined);
      if (!flow || flow.serverUrl !== this.serverUrl) continue;
      result.take();
      try {
        await this.complete(flow, result.url);
      } catch (error) {
        this.denied = error instanceof AuthorizationResponseError;
        this.setState(this.denied ? 'denied' : 'needed');
      }
    }
  }

  private async tryRefresh(): Promise<boolean> {
    if (!this.binding || !this.tokens?.refresh_token) return false;
    try {
      await this.saveTokens(
        await refreshTokens(
          this.binding.as,
          this.binding.registration,
          this.binding.resource,
          this.tokens,
          this.http(),
        ),
      );
      return true;
    } catch {
      return false;
    }
  }

  private async saveTokens(tokens: TokenSet): Promise<void> {
    this.tokens = tokens;
    if (this.binding) await this.store.set(tokenKey(this.binding), tokens).catch(() => {});
    this.setState('signed-in');
  }

  private async forgetTokens(): Promise<void> {
    this.tokens = undefined;
    if (this.binding) await this.store.del(tokenKey(this.binding)).catch(() => {});
  }

  private setState(state: AuthState): void {
    if (this.state === state) return;
    this.state = state;
    this.deps.onState(state);
  }
}

/** The union of two space-separated scope lists, in first-seen order. */
const union = (a?: string, b?: string) =>
  [...new Set(`${a ?? ''} ${b ?? ''}`.split(' ').filter(Boolean))].join(' ') || undefined;

/** Turns a library or protocol failure into an McpAuthError that says what happened (without tokens). */
function authError(error: unknown): McpError {
  if (error instanceof McpError) return error;
  if (error instanceof AuthorizationResponseError)
    return new McpAuthError(`The authorization server refused the sign-in (${error.error})`, 0);
  if (error instanceof ResponseBodyError)
    return new McpAuthError(`The authorization server answered ${error.error} (HTTP ${error.status})`, 0);
  return new McpAuthError(`Signing in failed: ${(error as Error)?.message ?? String(error)}`, 0);
}
