// Typed errors that carry what a person needs to act on them. Local failures (timeouts, aborts,
// HTTP and format problems) never share a class with errors a peer sent (McpProtocolError).

/** Base class of every error this library throws. */
export class McpError extends Error {
  override name = 'McpError';
}

/** What kind of HTTP-level failure happened, so a UI can say the right thing. */
export type HttpErrorKind = 'cors' | 'network' | 'status' | 'html';

/** An HTTP or network failure: a bad status, an HTML error page, CORS, or an unreachable server. */
export class McpHttpError extends McpError {
  override name = 'McpHttpError';
  constructor(
    message: string,
    readonly kind: HttpErrorKind,
    readonly status = 0,
    readonly bodyExcerpt = '',
    readonly url = '',
  ) {
    super(message);
  }
}

/** A JSON-RPC error object the server sent. */
export class McpProtocolError extends McpError {
  override name = 'McpProtocolError';
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

/** A response that is not valid JSON or not a JSON-RPC message (malformed frame, truncated body). */
export class McpFormatError extends McpError {
  override name = 'McpFormatError';
  constructor(
    message: string,
    readonly excerpt = '',
  ) {
    super(message);
  }
}

/** A request that got no answer in time. */
export class McpTimeoutError extends McpError {
  override name = 'McpTimeoutError';
  constructor(
    readonly method: string,
    readonly ms: number,
  ) {
    super(`${method} timed out after ${ms} ms`);
  }
}

/** A request cancelled through its AbortSignal or because the client closed. */
export class McpAbortError extends McpError {
  override name = 'McpAbortError';
  constructor(reason = 'The request was cancelled') {
    super(reason);
  }
}

/**
 * The server needs authorization (401/403) that the client cannot supply by itself; or, with `needsAuthorization`
 * false, refused this page (a 403 without a challenge: the server does not accept the page's Origin).
 */
export class McpAuthError extends McpError {
  override name = 'McpAuthError';
  constructor(
    message: string,
    readonly status: number,
    readonly wwwAuthenticate = '',
    readonly needsAuthorization = true,
  ) {
    super(message);
  }
}

/**
 * The response stream ended before the answer: a modern request must be re-issued with a new id (HM-16);
 * a legacy one lost its session mid-request. Either way the client repeats it only if that is safe.
 */
export class McpStreamLostError extends McpHttpError {
  override name = 'McpStreamLostError';
}

/** The server ended the legacy session (HTTP 404 on a request that carried Mcp-Session-Id). */
export class McpSessionExpiredError extends McpError {
  override name = 'McpSessionExpiredError';
  constructor() {
    super('The MCP session has expired on the server');
  }
}

/**
 * A sampling handler that could not get the page's model to answer: content it cannot take, or a provider's failure.
 */
export class McpSamplingError extends McpError {
  override name = 'McpSamplingError';
}

/** Why a skill file failed verification (SEP-2640): unlisted, wrong length, wrong sha256, SKILL.md's frontmatter. */
export type SkillVerificationReason = 'unlisted' | 'size' | 'digest' | 'frontmatter';

/** A skill file that does not match its skill's entry; its content is never returned. */
export class McpSkillVerificationError extends McpError {
  override name = 'McpSkillVerificationError';
  constructor(
    readonly reason: SkillVerificationReason,
    readonly uri: string,
    message: string,
    /** For `frontmatter`: the fields that differ. */
    readonly differences?: string[],
  ) {
    super(message);
  }
}

/** Shortens untrusted text for an error message. */
export const excerpt = (text: string, max = 200): string => (text.length > max ? text.slice(0, max) + '…' : text);
