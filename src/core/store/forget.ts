// Forgetting a server: the one function that finds and deletes every key kept for a server URL,
// the client's (keys.ts), the elements' records (records.ts) and its sign-in's (auth/keys.ts), so no
// caller re-derives any of them.
import {
  BINDING_PREFIX,
  FLOW_PREFIX,
  bindingKey,
  dpopKey,
  registrationKey,
  tokenKey,
  type Binding,
} from '../auth/keys.js';
import type { PendingFlow } from '../auth/flow.js';
import { catalogueKey, eraKey, serverKey, tasksKey } from './keys.js';
import { headerKey } from './header.js';
import { DRAFT_PREFIX, historyKey } from './records.js';
import type { KeyValueStore } from '../kv/store.js';

/**
 * The sign-in keys of a server: its binding, its tokens, the registration and DPoP key at its
 * authorization server, and sign-ins under way. Tokens and a registration another server's binding also uses stay.
 */
async function authKeysOfServer(store: KeyValueStore, url: string): Promise<string[]> {
  const own = bindingKey(url);
  const keys: string[] = [];
  const others: Binding[] = [];
  let mine: Binding | undefined;
  for (const key of await store.keys(BINDING_PREFIX)) {
    const b = await store.get<Binding>(key);
    if (key === own) {
      mine = b;
      keys.push(key);
    } else if (b) others.push(b);
  }
  if (mine) {
    if (!others.some((b) => tokenKey(b) === tokenKey(mine))) keys.push(tokenKey(mine));
    if (!others.some((b) => b.as.issuer === mine.as.issuer))
      keys.push(registrationKey(mine.as.issuer), dpopKey(mine.as.issuer));
  }
  for (const key of await store.keys(FLOW_PREFIX))
    if ((await store.get<PendingFlow>(key))?.serverUrl === url) keys.push(key);
  return keys;
}

/**
 * Every key of the client and the elements holding data of this server URL: session, era, catalogue, tasks, history,
 * a header value and drafts (keysToForget adds the sign-in's).
 */
export async function keysOfServer(store: KeyValueStore, url: string): Promise<string[]> {
  const exact = [serverKey(url), eraKey(url), catalogueKey(url), historyKey(url), tasksKey(url), headerKey(url)];
  const present = (
    await Promise.all(exact.map(async (k) => ((await store.get(k)) === undefined ? undefined : k)))
  ).filter((k): k is string => !!k);
  return [...present, ...(await store.keys(`${DRAFT_PREFIX}${url} `))];
}

/** Every key holding data of this server URL: session, era, catalogue, history, drafts, and its sign-in. */
export async function keysToForget(store: KeyValueStore, url: string): Promise<string[]> {
  return [...(await keysOfServer(store, url)), ...(await authKeysOfServer(store, url))];
}

/**
 * Deletes everything kept for a server URL. It tells the server nothing: McpClient.forget() ends the
 * session and revokes tokens first, then calls this.
 */
export async function forgetServer(store: KeyValueStore, url: string): Promise<void> {
  for (const key of await keysToForget(store, url)) await store.del(key);
}
