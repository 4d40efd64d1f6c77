import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: var(--_gap);
  }
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_gap) / 2);
  }
  [part~='prompt'] {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 var(--_gap);
    width: 100%;
    text-align: start;
    padding: 0.5em 0.75em;
    background: var(--_bg);
  }
  [part~='prompt'][aria-pressed='true'] {
    border-color: var(--_accent);
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  [part='icon'] {
    grid-row: span 2;
    width: 1.5em;
    height: 1.5em;
    object-fit: contain;
  }
  .name {
    font-weight: 600;
  }
  [part='description'],
  .hint {
    grid-column: 2;
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part='form'] {
    display: grid;
    gap: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75em;
  }
  label {
    display: grid;
    gap: 0.2em;
    font-weight: 500;
  }
  .req {
    color: var(--_danger);
  }
  [part='form'] button {
    justify-self: start;
  }
  p {
    margin: 0;
  }
`;
