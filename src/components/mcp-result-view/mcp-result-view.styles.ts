import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  [part~='content'],
  [part~='message'],
  [part~='resource'] {
    display: grid;
    gap: calc(var(--_gap) / 2);
  }
  [part~='content'] {
    gap: var(--_gap);
  }
  pre {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .block {
    display: block;
    content-visibility: auto;
    contain-intrinsic-size: auto 40em;
  }
  [part~='text'] {
    font-family: var(--mcp-result-font-family, var(--_mono));
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: 0.5em 0.75em;
  }
  [part~='error'] {
    border-inline-start: 3px solid var(--_danger);
    padding-inline-start: var(--_gap);
    display: grid;
    gap: calc(var(--_gap) / 2);
  }
  [part~='image'] {
    max-width: 100%;
    max-height: var(--mcp-result-image-max-height, 24rem);
    object-fit: contain;
    justify-self: start;
  }
  [part~='link'],
  [part~='resource'],
  [part~='structured'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em 0.75em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_gap) / 2) var(--_gap);
  }
  .name {
    font-weight: 600;
  }
  .uri {
    overflow-wrap: anywhere;
  }
  [part~='role'] {
    font-weight: 600;
    font-size: 0.875em;
    color: var(--_muted);
  }
  [part~='tree'],
  [part~='tree'] dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.15em var(--_gap);
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  summary {
    cursor: pointer;
    color: var(--_muted);
  }
  .string {
    white-space: pre-wrap;
  }
  .literal {
    font-family: var(--_mono);
    color: var(--_accent);
  }
  h3 {
    font-size: 1em;
    margin: 0;
  }
  a {
    color: var(--_accent);
  }
`;
