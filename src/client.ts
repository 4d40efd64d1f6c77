// Headless entry: the MCP client and its errors, without any element or lit.
export { McpClient } from './core/client/client.js';
export type {
  ClientState,
  Era,
  EraCache,
  ListOptions,
  LogEntry,
  McpClientEventMap,
  McpClientEventTarget,
  McpClientOptions,
  RequestOptions,
  TaskCallOptions,
  TaskControl,
} from './core/client/client.js';
export type { TaskRecord, TaskState, TaskStatus } from './core/client/tasks.js';
export type { DirectoryResource, Skill, SkillFile, SkillResourceEntry } from './core/skills/skills.js';
export { samplingRejected } from './core/client/input.js';
export type {
  ElicitationHandler,
  HandlerContext,
  InputHandlers,
  RootsHandler,
  SamplingContext,
  SamplingHandler,
} from './core/client/input.js';
export {
  McpAbortError,
  McpAuthError,
  McpError,
  McpFormatError,
  McpHttpError,
  McpProtocolError,
  McpSessionExpiredError,
  McpSkillVerificationError,
  McpStreamLostError,
  McpTimeoutError,
} from './core/jsonrpc/errors.js';
export type { SkillVerificationReason } from './core/jsonrpc/errors.js';
export { LEGACY_VERSIONS, MODERN_VERSION } from './core/protocol/versions.js';
export type * from './core/protocol/types.js';
export type { AuthOptions, AuthState, UserAgentFunction } from './core/auth/types.js';
// The stores (idbStore, memoryStore) and the records helpers are in mcp-web-components/store (src/store.ts).
export type { KeyValueStore } from './core/kv/store.js';
export type { Catalogue, HistoryEntry, SavedServer, ServerRecord } from './core/store/records.js';
export type { BatchedStore } from './core/kv/batched.js';
