// Small helpers both dialogs share: how a server is named to a person, and where focus goes back.
import type { Implementation } from '../core/protocol/types.js';
import { msg } from '../messages.js';

/** The person-facing name of a server. */
export const serverName = (server?: Implementation) => server?.title || server?.name || msg().unknownServer;

/** The focused element, looking inside shadow roots. */
export function deepActiveElement(): HTMLElement | undefined {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return (el as HTMLElement) ?? undefined;
}
