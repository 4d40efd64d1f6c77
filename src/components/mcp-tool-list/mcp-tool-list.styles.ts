import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  [part='search'] {
    width: 100%;
    margin-bottom: var(--_gap);
  }
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_gap) / 2);
  }
  [part~='tool'] {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 var(--_gap);
    width: 100%;
    text-align: start;
    padding: 0.5em 0.75em;
    background: var(--_bg);
  }
  [part~='tool'][aria-pressed='true'] {
    border-color: var(--_accent);
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  [part='icon'] {
    grid-row: span 2;
    width: 1.5em;
    height: 1.5em;
    object-fit: contain;
    align-self: start;
  }
  .title {
    grid-column: 2;
  }
  .name {
    font-weight: 600;
  }
  [part='description'] {
    grid-column: 2;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .badge {
    font-size: 0.75em;
    font-weight: 500;
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0 0.5em;
    margin-inline-start: 0.4em;
    color: var(--_muted);
  }
  .badge.destructive {
    color: var(--_danger);
    border-color: currentColor;
  }
`;
