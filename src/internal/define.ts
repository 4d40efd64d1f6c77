// Registers a custom element unless the tag is taken, so loading the bundle twice is harmless.

/** Defines `tag` as `ctor` if no element with that tag exists yet. */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
