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
    font-weight: 500;
    margin-inline-start: 0.4em;
  }
  .badge.destructive {
    color: var(--_danger);
    border-color: currentColor;
  }
`;
