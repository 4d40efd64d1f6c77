// The client's side of OAuth: the auth session (src/core/auth, loaded on first use) that supplies the
// Authorization header and turns a 401/403 into a refresh, a step-up or a sign-in.
import { McpAuthError, McpError } from '../jsonrpc/errors.js';
import type { AuthSession, AuthSessionDeps } from '../auth/session.js';
import type { AuthOptions } from '../auth/types.js';
import type { FetchLike } from '../transport/http.js';

/** One server URL's authorization, as the client uses it. */
export class Authorization {
  private session?: AuthSession;
  private loading?: Promise<AuthSession>;

  constructor(
    private readonly url: string,
    private readonly options: AuthOptions | undefined,
    private readonly deps: AuthSessionDeps,
  ) {}

  /**
   * Wraps the transports' fetch: once a token is held, each request carries it (and its DPoP proof, auth/dpop.ts). The
   * relay's URL stays on it, for the error wording (transport/diagnose.ts).
   */
  fetch(base: FetchLike): FetchLike {
    return Object.assign(
      (url: RequestInfo | URL, init?: RequestInit) => (this.session?.fetch(base) ?? base)(url, init),
      {
        relay: (base as { relay?: string }).relay,
      },
    );
  }

  /** Loads the session (stored tokens, a redirect that came back) when the client has the auth option. */
  load(): Promise<AuthSession> {
    this.loading ??= import('../auth/session.js').then(async ({ AuthSession }) => {
      const session = new AuthSession(this.url, this.options!, this.deps);
      await session.load();
      return (this.session = session);
    });
    return this.loading;
  }

  /** Runs an HTTP exchange; a 401/403 lets the session refresh, step up or sign in, then it runs again. */
  async retrying<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof McpAuthError) || !this.options || !error.status) throw error;
        if (!(await (await this.load()).recover(error, attempt))) throw error;
      }
    }
  }

  /**
   * Signs in through `auth.userAgent`; the popup opens before anything is awaited, in the click's own task (the rest is
   * in auth/popup.ts, loaded now).
   */
  async signIn(signal?: AbortSignal): Promise<void> {
    const auth = this.options;
    if (!auth) throw new McpError('authorize() needs the auth option');
    const popup =
      (auth.userAgent ?? 'popup') === 'popup'
        ? window.open('about:blank', '_blank', 'popup,width=520,height=720')
        : undefined;
    try {
      await (await import('../auth/popup.js')).signIn(popup, auth, () => this.load(), signal);
    } finally {
      popup?.close();
    }
  }

  /** Forgets the tokens, revoking them where the server offers it; false without the auth option. */
  async signOut(): Promise<boolean> {
    if (!this.options) return false;
    await (await this.load()).signOut();
    return true;
  }
}
