// The full-page redirect user agent, for contexts where popups fail (embedded webviews, strict
// blockers). The page leaves; the callback page stores the result in sessionStorage and comes back;
// the flow record waits in the store, keyed by state, until the client resumes it.
import type { UserAgentFunction } from './types.js';

const RETURN = 'mcp-auth-return:';
const RESULT = 'mcp-auth-result:';

/** Navigates this page to the authorization server; the promise never settles (the page unloads). */
export const redirectUserAgent: UserAgentFunction = (url) => {
  sessionStorage.setItem(RETURN + url.searchParams.get('state'), location.href);
  location.assign(url.href);
  return new Promise(() => {});
};

/** Callback URLs the callback page left for this tab, by state; `take` removes one once it is handled. */
export function redirectResults(): { state: string; url: URL; take(): void }[] {
  if (typeof sessionStorage === 'undefined') return [];
  const found = [];
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i)!;
    const value = sessionStorage.getItem(key);
    if (key.startsWith(RESULT) && value && URL.canParse(value))
      found.push({ state: key.slice(RESULT.length), url: new URL(value), take: () => sessionStorage.removeItem(key) });
  }
  return found;
}
