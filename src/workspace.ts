// Headless entry for several servers and shared clients (issue 30), without any element or lit:
// `sharedClient` (one client per server per page, released when done) and `McpWorkspace` (several
// servers, one merged tool list, each call routed to its server).
export { sharedClient, poolKey, GRACE_MS } from './core/client/pool.js';
export type { ClientLease } from './core/client/pool.js';
export { McpWorkspace } from './core/client/workspace.js';
export type {
  WorkspaceOptions,
  WorkspaceServer,
  WorkspaceServerOptions,
  WorkspaceTool,
} from './core/client/workspace.js';
