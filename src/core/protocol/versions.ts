// Protocol versions this client speaks, newest first, per era.

/** The stateless, per-request-metadata protocol. */
export const MODERN_VERSION = '2026-07-28';
/** Handshake-era versions, newest first; the first is offered in initialize. */
export const LEGACY_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];

/** Reserved _meta keys of the modern protocol (checklist B-09). */
export const META = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  serverInfo: 'io.modelcontextprotocol/serverInfo',
  subscriptionId: 'io.modelcontextprotocol/subscriptionId',
  logLevel: 'io.modelcontextprotocol/logLevel',
} as const;

/** The tasks extension of 2026-07-28 (SEP-2663), declared in every request's client capabilities. */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';
/** The Skills extension (SEP-2640): servers publish agent skills; `skills: true` makes the client declare it. */
export const SKILLS_EXTENSION = 'io.modelcontextprotocol/skills';

/** Modern error codes (checklist §2.14). */
export const ERROR = {
  headerMismatch: -32020,
  missingCapability: -32021,
  unsupportedVersion: -32022,
  methodNotFound: -32601,
  invalidParams: -32602,
  userRejected: -1,
  urlElicitationRequired: -32042,
} as const;
