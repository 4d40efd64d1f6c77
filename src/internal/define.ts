// Registers a custom element unless the tag is taken, so loading the bundle twice is harmless,
// and makes it speak the language of its nearest `lang`.
import { localize } from './locale.js';

/** Defines `tag` as `ctor` if no element with that tag exists yet. */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (customElements.get(tag)) return;
  localize(ctor);
  customElements.define(tag, ctor);
}
