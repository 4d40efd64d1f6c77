// What is kept per MCP server URL, and under which keys (ARCHITECTURE.md#storage). Every key starts with `mcp-`
// and ends with the server URL (drafts add ` <tool>`), so one server's data can be found and
// forgotten (forget.ts adds the sign-in's keys, which auth/keys.ts owns).
import type {
  Implementation,
  Prompt,
  Resource,
  ResourceTemplate,
  ServerCapabilities,
  Tool,
} from '../protocol/types.js';
import type { KeyValueStore } from '../kv/store.js';

/** The connection facts a reload resumes from. */
export interface ServerRecord {
  era?: 'modern' | 'legacy' | 'sse';
  protocolVersion?: string;
  /** The legacy session (absent once it was ended or found expired). */
  sessionId?: string;
  /** Last SSE event id per stream (`get` = the standalone GET stream), for Last-Event-ID. */
  eventIds?: Record<string, string>;
  serverInfo?: Implementation;
  capabilities?: ServerCapabilities;
  instructions?: string;
  /** Modern: when server/discover answered, and for how long it said the answer stays fresh. */
  discoveredAt?: number;
  ttlMs?: number;
}

/** The lists last seen from the server, shown at once on reload and then revalidated. */
export interface Catalogue {
  tools?: Tool[];
  prompts?: Prompt[];
  resources?: Resource[];
  resourceTemplates?: ResourceTemplate[];
}

/** One tool call, as the history keeps it. */
export interface HistoryEntry {
  tool: string;
  arguments: Record<string, unknown>;
  at: number;
  ok: boolean;
  /** A short summary: the first text of the result, or the error message. */
  summary?: string;
}

/** A server the person saved in <mcp-server-list> or <mcp-workspace>. */
export interface SavedServer {
  url: string;
  name: string;
  /** The CORS relay to reach it through (<mcp-workspace>). */
  relay?: string;
  /** The name of the header the person gave a value for (the value is kept under headerKey). */
  header?: string;
}

/** A tool call the server runs as a task, kept until it ends so a reload can follow it again. */
export interface TaskRecord {
  taskId: string;
  tool: string;
  arguments: Record<string, unknown>;
  at: number;
  /** The status last seen, and the server's message with it. */
  status?: string;
  statusMessage?: string;
}

/** How many calls the history keeps per server. */
const HISTORY_LIMIT = 50;

// The client's own keys (session, era, catalogue, tasks) are in keys.ts, apart, so that the headless
// client does not import these helpers.
export const historyKey = (url: string) => `mcp-history:${url}`;
export const DRAFT_PREFIX = 'mcp-draft:';
const draftKey = (url: string, tool: string) => `${DRAFT_PREFIX}${url} ${tool}`;
const SAVED_SERVERS_KEY = 'mcp-saved-servers';

/** Adds a call to the server's history, newest first, keeping at most HISTORY_LIMIT. */
export async function appendHistory(store: KeyValueStore, url: string, entry: HistoryEntry): Promise<void> {
  const list = (await store.get<HistoryEntry[]>(historyKey(url))) ?? [];
  await store.set(historyKey(url), [entry, ...list].slice(0, HISTORY_LIMIT));
}

/** The server's tool-call history, newest first. */
export async function readHistory(store: KeyValueStore, url: string): Promise<HistoryEntry[]> {
  return (await store.get<HistoryEntry[]>(historyKey(url))) ?? [];
}

/** Empties the server's tool-call history. */
export const clearHistory = (store: KeyValueStore, url: string) => store.del(historyKey(url));

/** The arguments last typed into a tool's form, if any. */
export const readDraft = (store: KeyValueStore, url: string, tool: string) =>
  store.get<Record<string, unknown>>(draftKey(url, tool));

/** Keeps what is typed into a tool's form (pass undefined to drop it). */
export const saveDraft = (store: KeyValueStore, url: string, tool: string, values?: Record<string, unknown>) =>
  values ? store.set(draftKey(url, tool), values) : store.del(draftKey(url, tool));

/** The saved servers, in the order they were added. */
export async function readSavedServers(store: KeyValueStore): Promise<SavedServer[]> {
  return (await store.get<SavedServer[]>(SAVED_SERVERS_KEY)) ?? [];
}

/** Replaces the saved server list. */
export const writeSavedServers = (store: KeyValueStore, servers: SavedServer[]) =>
  store.set(SAVED_SERVERS_KEY, servers);
