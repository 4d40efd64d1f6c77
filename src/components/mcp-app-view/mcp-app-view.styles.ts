import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  dialog {
    position: static;
    display: block;
    width: 100%;
    max-width: 100%;
    margin: 0;
    padding: 0;
    border: 0;
    background: transparent;
    color: inherit;
  }
  dialog:modal {
    position: fixed;
    width: 100vw;
    height: 100vh;
    max-height: 100vh;
    background: var(--_bg);
  }
  iframe {
    display: block;
    width: 100%;
    max-width: 100%;
    border: 0;
    background: transparent;
  }
  iframe.border {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  dialog:modal iframe {
    width: 100% !important;
    height: 100% !important;
  }
  [part='ask'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: center;
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin-bottom: var(--_gap);
  }
  [part='ask'] p {
    margin: 0;
    flex: 1 1 100%;
  }
  .error {
    color: var(--_danger);
  }
`;
