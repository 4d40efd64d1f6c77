import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: var(--_gap);
  }
  .hint {
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
