// What is kept per MCP server URL, and under which keys (DESIGN §4). Every key starts with `mcp-`
// and ends with the server URL (drafts add ` <tool>`), so one server's data can be found and forgotten.
import type { Implementation, Prompt, Resource, ResourceTemplate, ServerCapabilities, Tool } from '../protocol/types.js';
import type { KeyValueStore } from './store.js';

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

/** A server the person saved in <mcp-server-list>. */
export interface SavedServer {
  url: string;
  name: string;
}

/** How many calls the history keeps per server. */
export const HISTORY_LIMIT = 50;

export const serverKey = (url: string) => `mcp-server:${url}`;
export const eraKey = (url: string) => `mcp-era:${url}`;
export const catalogueKey = (url: string) => `mcp-catalogue:${url}`;
export const historyKey = (url: string) => `mcp-history:${url}`;
export const tasksKey = (url: string) => `mcp-tasks:${url}`;
export const draftKey = (url: string, tool: string) => `mcp-draft:${url} ${tool}`;
export const SAVED_SERVERS_KEY = 'mcp-saved-servers';

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
export const readDraft = (store: KeyValueStore, url: string, tool: string) => store.get<Record<string, unknown>>(draftKey(url, tool));

/** Keeps what is typed into a tool's form (pass undefined to drop it). */
export const saveDraft = (store: KeyValueStore, url: string, tool: string, values?: Record<string, unknown>) =>
  values ? store.set(draftKey(url, tool), values) : store.del(draftKey(url, tool));

/** Task ids still running on the server (tasks/get polls them after a reload, TK-12). */
export async function readTasks(store: KeyValueStore, url: string): Promise<string[]> {
  return (await store.get<string[]>(tasksKey(url))) ?? [];
}

/** Records (or, with done, forgets) a pending task id. */
export async function trackTask(store: KeyValueStore, url: string, taskId: string, done = false): Promise<void> {
  const ids = (await readTasks(store, url)).filter((id) => id !== taskId);
  await (done && !ids.length ? store.del(tasksKey(url)) : store.set(tasksKey(url), done ? ids : [...ids, taskId]));
}

/** The saved servers, in the order they were added. */
export async function readSavedServers(store: KeyValueStore): Promise<SavedServer[]> {
  return (await store.get<SavedServer[]>(SAVED_SERVERS_KEY)) ?? [];
}

/** Replaces the saved server list. */
export const writeSavedServers = (store: KeyValueStore, servers: SavedServer[]) => store.set(SAVED_SERVERS_KEY, servers);

/** Every key holding data of this server URL: session, era, catalogue, history, tasks and drafts (tokens are the auth module's). */
export async function keysOfServer(store: KeyValueStore, url: string): Promise<string[]> {
  const exact = [serverKey(url), eraKey(url), catalogueKey(url), historyKey(url), tasksKey(url)];
  const present = (await Promise.all(exact.map(async (k) => ((await store.get(k)) === undefined ? undefined : k)))).filter((k): k is string => !!k);
  return [...present, ...(await store.keys(`mcp-draft:${url} `))];
}
