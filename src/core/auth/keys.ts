// The store keys of src/core/auth, and the shape of a binding, in a module of their own: forgetting
// a server finds its sign-in data through them without loading the authorization code.
import type { AuthorizationServer } from 'oauth4webapi';
import type { Registration } from './registration.js';
import { canonicalResource } from './resource.js';

/** Which authorization server speaks for an MCP server, so a reload can use and refresh tokens without rediscovery. */
export interface Binding {
  resource: string;
  as: AuthorizationServer;
  registration: Registration;
}

export const BINDING_PREFIX = 'mcp-auth-binding:';
export const FLOW_PREFIX = 'mcp-auth-flow:';

/** Where the binding of the MCP server at `serverUrl` is kept. */
export const bindingKey = (serverUrl: string) => `${BINDING_PREFIX}${canonicalResource(serverUrl)}`;
/** Tokens are kept per (issuer, resource). */
export const tokenKey = (b: { as: { issuer: string }; resource: string }) =>
  `mcp-auth-token:${b.as.issuer} ${b.resource}`;
/** A sign-in under way, by its `state`, until the person comes back. */
export const flowKey = (state: string) => `${FLOW_PREFIX}${state}`;
/** The DPoP key pair of an authorization server (a non-extractable CryptoKey), kept beside its registration. */
export const dpopKey = (issuer: string) => `mcp-auth-dpop:${issuer}`;
/** Registrations are kept per issuer and never reused with another. */
export const registrationKey = (issuer: string) => `mcp-auth-client:${issuer}`;
