// Which message table an element speaks: the one of its nearest `lang` (the element, an ancestor,
// across shadow roots, up to <html>), from the locales a host registered (`registerLocale`, public
// API; the tables ship in dist/locales/). While an element renders, `msg()` answers in its language.
import type { ReactiveControllerHost, ReactiveElement } from 'lit';
import { onTablesChanged, setScope } from '../messages.js';

const live = new Set<ReactiveControllerHost & Element>();
let watcher: MutationObserver | undefined;

/** The language of the nearest `lang` attribute around `el` ('' when none says). */
export function langOf(el: Element): string {
  for (let n: Element | undefined = el; n;) {
    const found = n.closest<HTMLElement>('[lang]');
    if (found) return found.lang;
    // Only a shadow root leads further up: the root of a detached tree may be any node (a <form>'s `host` is its
    // control of that name).
    const root = n.getRootNode();
    n = root instanceof ShadowRoot ? root.host : undefined;
  }
  return '';
}

/** Re-renders every element, after a locale arrived or a `lang` changed. */
export function refreshAll(): void {
  for (const el of live) el.requestUpdate();
}

onTablesChanged(refreshAll);

/** Makes every instance of an element class render in its nearest `lang` (called by defineElement). */
export function localize(ctor: CustomElementConstructor): void {
  (ctor as unknown as typeof ReactiveElement).addInitializer?.((host) => {
    host.addController({
      hostConnected: () => {
        live.add(host);
        (watcher ??= new MutationObserver(refreshAll)).observe(document.documentElement, {
          attributeFilter: ['lang'],
          subtree: true,
        });
      },
      hostDisconnected: () => live.delete(host),
      hostUpdate: () => setScope(langOf(host)),
      hostUpdated: () => setScope(''),
    });
  });
}
