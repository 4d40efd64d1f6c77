// Small helpers the dialogs share: how a server is named to a person, where focus goes back, and
// the pause after a dialog appears during which a person's clicks do nothing.
import type { Implementation } from '../core/protocol/types.js';
import { msg } from '../messages.js';

/** Longest server name shown; a server's claimed name is not allowed to crowd out the rest. */
const NAME_MAX = 60;

/**
 * Server text for a one-line label: no control, format (bidi overrides, zero-width) or line-breaking characters, at
 * most `max` long.
 */
export function plainLabel(text: unknown, max = NAME_MAX): string {
  const clean = String(text ?? '')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...clean];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : clean;
}

/**
 * The person-facing name of a server: the name it claims, cleaned and capped (dialogs show its URL's host beside it).
 */
export const serverName = (server?: Implementation) => plainLabel(server?.title || server?.name) || msg().unknownServer;

/** The name with the host of the URL the page connected to, which the server cannot choose. */
export const serverNameAt = (server?: Implementation, host?: string) =>
  host ? `${serverName(server)} (${plainLabel(host, 100)})` : serverName(server);

/** The focused element, looking inside shadow roots. */
export function deepActiveElement(): HTMLElement | undefined {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return (el as HTMLElement) ?? undefined;
}

/** Ms after a dialog (or a new step of it) appears during which a person's clicks and Enter on it do nothing. */
export const ACTIVATION_DELAY_MS = 500;

/**
 * The click-race guard: a double-click on the previous dialog's Send, or a second Enter, cannot land
 * on the next dialog's Open or Submit. `waiting` (shown as aria-disabled) is true for the delay after
 * `arm()`. Clicks from script are not the person's and pass.
 */
export class ActivationGuard {
  waiting = false;
  private since = -Infinity;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: { requestUpdate(): void },
    private readonly delay: () => number = () => ACTIVATION_DELAY_MS,
  ) {}

  arm(): void {
    this.since = performance.now();
    this.waiting = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => ((this.waiting = false), this.host.requestUpdate()), this.delay());
    this.host.requestUpdate();
  }

  /** Whether `e` may act: a person's activation only once the delay has passed. */
  allows(e: Event): boolean {
    return !e.isTrusted || performance.now() - this.since >= this.delay();
  }
}
