// Design tokens and base rules every element shares. Everything is a --mcp-* custom property
// with a fallback, so a host can theme the widget from outside; dark mode follows the system
// unless the host sets theme="light" or theme="dark" on an element.
import { css } from 'lit';

/*
 * The shared custom properties (scripts/manifest.mjs lists them on every element that reads them):
 * @cssprop --mcp-color-background - Background of the widget and its fields.
 * @cssprop --mcp-color-surface - Background of raised parts: buttons, headers, code.
 * @cssprop --mcp-color-text - Text colour.
 * @cssprop --mcp-color-text-muted - Secondary text: descriptions, hints, protocol version.
 * @cssprop --mcp-color-border - Borders of fields, buttons and panels.
 * @cssprop --mcp-color-accent - Primary buttons, focus rings, links, the selected item.
 * @cssprop --mcp-color-on-accent - Text on the accent colour.
 * @cssprop --mcp-color-danger - Errors, destructive marks and buttons.
 * @cssprop --mcp-color-success - The connected state and other good news.
 * @cssprop --mcp-font-family - Font of the widget.
 * @cssprop --mcp-font-family-mono - Font of code, tool names and JSON.
 * @cssprop --mcp-font-size - Base font size.
 * @cssprop --mcp-radius - Corner radius of fields, buttons and panels.
 * @cssprop --mcp-spacing - The base gap between controls.
 */

/** The dark palette, used both for the system preference and for theme="dark". */
const dark = css`
  --_bg: var(--mcp-color-background, #0d1117);
  --_surface: var(--mcp-color-surface, #161b22);
  --_fg: var(--mcp-color-text, #e6edf3);
  --_muted: var(--mcp-color-text-muted, #9198a1);
  --_border: var(--mcp-color-border, #3d444d);
  --_accent: var(--mcp-color-accent, #7c93ff);
  --_on-accent: var(--mcp-color-on-accent, #0d1117);
  --_danger: var(--mcp-color-danger, #ff7b72);
  --_ok: var(--mcp-color-success, #3fb950);
`;

export const tokens = css`
  :host {
    --_bg: var(--mcp-color-background, #ffffff);
    --_surface: var(--mcp-color-surface, #f6f7f9);
    --_fg: var(--mcp-color-text, #1b1f24);
    --_muted: var(--mcp-color-text-muted, #57606a);
    --_border: var(--mcp-color-border, #d0d7de);
    --_accent: var(--mcp-color-accent, #3451d1);
    --_on-accent: var(--mcp-color-on-accent, #ffffff);
    --_danger: var(--mcp-color-danger, #b42318);
    --_ok: var(--mcp-color-success, #1a7f37);
    --_radius: var(--mcp-radius, 6px);
    --_gap: var(--mcp-spacing, 0.5rem);
    --_font: var(--mcp-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
    --_mono: var(--mcp-font-family-mono, ui-monospace, 'SFMono-Regular', Menlo, monospace);
    color: var(--_fg);
    font-family: var(--_font);
    font-size: var(--mcp-font-size, 0.9375rem);
    line-height: 1.45;
    box-sizing: border-box;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: inherit;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_fg);
    padding: 0.35em 0.9em;
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-accent);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  :is(button, input, select, textarea, summary, a, [tabindex]):focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.35em 0.5em;
  }
  code,
  pre {
    font-family: var(--_mono);
    font-size: 0.875em;
  }
  .muted {
    color: var(--_muted);
  }
  /* A small rounded label: MIME types, read-only, destructive, updated. */
  .badge {
    font-size: 0.75em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0 0.5em;
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/** Lists of tools, prompts and servers: each entry a button, chosen one marked, icon beside the text. */
export const catalogueStyles = css`
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_gap) / 2);
  }
  .entry {
    display: grid;
    grid-template-columns: auto 1fr;
    width: 100%;
    text-align: start;
    padding: 0.5em 0.75em;
    background: var(--_bg);
  }
  .entry[aria-pressed='true'] {
    border-color: var(--_accent);
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  .entry > :not([part='icon']) {
    grid-column: 2;
  }
  .entry [part='icon'] {
    grid-row: span 2;
    width: 1.5em;
    height: 1.5em;
    object-fit: contain;
    align-self: start;
    margin-inline-end: var(--_gap);
  }
  .entry .name {
    font-weight: 600;
  }
  .entry [part='description'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
`;
