import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  [part='search'] {
    width: 100%;
    margin-bottom: var(--_gap);
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
