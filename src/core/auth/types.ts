// Public shapes of the `auth` option and of the sign-in state a UI shows.

/** How the person reaches the authorization server: resolves with the URL it redirected back to. */
export type UserAgentFunction = (authorizationUrl: URL, options: { signal: AbortSignal }) => Promise<URL>;

/** A client registered with one authorization server beforehand. */
export interface PreRegisteredClient {
  clientId: string;
  /** Only for authorization servers that insist on one (a browser cannot keep it secret). */
  clientSecret?: string;
  /** The redirect URI registered for it; `redirectUri` when left out. */
  redirectUri?: string;
}

/** The `auth` option of McpClient (ARCHITECTURE.md#authorization). */
export interface AuthOptions {
  /** A page on the host's origin that serves the callback module (dist/auth-callback.js). */
  redirectUri: string;
  /**
   * Clients registered beforehand, by the issuer of their authorization server (its metadata's
   * `issuer`). Each is used with that issuer only; other issuers get a registration of their own.
   */
  clients?: Record<string, PreRegisteredClient>;
  /** The https URL of the host's Client ID Metadata Document, used when the server supports CIMD. */
  clientMetadataUrl?: string;
  /** Shown to the person at dynamic registration. */
  clientName?: string;
  /** Scopes to ask for when neither the challenge nor the resource metadata names any. */
  scopes?: string[];
  /** `popup` (default, from a click), `redirect` (full page), or a function for tests and custom UIs. */
  userAgent?: 'popup' | 'redirect' | UserAgentFunction;
  /**
   * How long the sign-in popup may read as closed before the sign-in ends (default 3 minutes). Not at
   * once: an authorization server's Cross-Origin-Opener-Policy makes an open popup read as closed.
   */
  popupClosedMs?: number;
}

/** Where signing in stands for one server. */
export type AuthState = 'none' | 'needed' | 'signing-in' | 'signed-in' | 'denied' | 'expired';
