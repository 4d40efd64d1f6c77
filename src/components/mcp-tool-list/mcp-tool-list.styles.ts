import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  [part='search'] {
    width: 100%;
    margin-bottom: var(--_gap);
  }
  /* Block flow, not the shared grid: a grid of 10,000 rows is laid out again as every chunk arrives.
     Chunks off screen skip layout and paint until scrolled to; their padding, given back by the
     margin, keeps the entries' focus rings inside the paint containment. */
  [part='list'] {
    display: block;
  }
  .chunk {
    content-visibility: auto;
    padding: 4px;
    margin: -4px;
  }
  .chunk + .chunk {
    margin-top: calc(var(--_gap) / 2 - 4px);
  }
  [role='listitem'] + [role='listitem'] {
    margin-top: calc(var(--_gap) / 2);
  }
  [part='tool-name'] {
    font-family: var(--_mono);
    font-size: 0.85em;
    color: var(--_muted);
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
