// Reading a 401/403 `WWW-Authenticate: Bearer …` (or `DPoP …`) challenge.
import { processRevocationResponse, WWWAuthenticateChallengeError } from 'oauth4webapi';

/** The parts of a Bearer challenge the client acts on. */
export interface BearerChallenge {
  error?: string;
  scope?: string;
  resourceMetadata?: string;
}

/** Parses a WWW-Authenticate header value; undefined when it holds no Bearer challenge. */
export async function parseBearerChallenge(header: string): Promise<BearerChallenge | undefined> {
  if (!header) return undefined;
  // oauth4webapi parses challenges (quoted strings, escapes, several schemes) only while it
  // processes a response, so it gets a synthetic one; what it throws carries the parsed challenges.
  try {
    await processRevocationResponse(new Response(null, { status: 401, headers: { 'www-authenticate': header } }));
  } catch (error) {
    if (!(error instanceof WWWAuthenticateChallengeError)) return undefined;
    // A DPoP resource server challenges with the DPoP scheme (RFC 9449 §7.1); its parameters are read alike.
    const bearer = error.cause.find((c) => c.scheme === 'bearer' || c.scheme === 'dpop');
    if (!bearer) return undefined;
    const p = bearer.parameters;
    return { error: p.error, scope: p.scope, resourceMetadata: p.resource_metadata };
  }
  return undefined;
}
