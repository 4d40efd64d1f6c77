import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: var(--_gap);
  }
  p {
    margin: 0;
  }
  pre {
    margin: 0;
    padding: 0.75em;
    overflow: auto;
    max-height: 24em;
    white-space: pre-wrap;
    font-family: var(--_mono);
    font-size: 0.875em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  [part~='file'] summary {
    cursor: pointer;
  }
  .ok {
    color: var(--_ok);
  }
`;
