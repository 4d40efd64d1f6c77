import { css } from 'lit';

// One column in a sidebar (320 px up), two side by side once the element itself is 40em wide.
export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  [part='layout'] {
    display: grid;
    gap: calc(var(--_gap) * 2);
  }
  @container (min-width: 40em) {
    [part='layout'] {
      grid-template-columns: minmax(16em, 1fr) minmax(0, 2fr);
      align-items: start;
    }
  }
  h2 {
    font-size: 1.1em;
    margin: 0 0 var(--_gap);
  }
  h3 {
    font-size: 1em;
  }
  [part='add'] {
    display: grid;
    gap: var(--_gap);
    margin-bottom: var(--_gap);
  }
  [part='add'] > span {
    display: grid;
    gap: 0.2em;
  }
  [part='list'],
  [part='tools'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_gap) / 2);
  }
  [part='server'] {
    display: grid;
    gap: 0.25em;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  [part='server'][data-status='connected'] {
    box-shadow: inset 3px 0 0 var(--_ok);
  }
  [part='server'][data-status='down'],
  [part='server'][data-status='refused'],
  [part='server'][data-status='needs-auth'] {
    box-shadow: inset 3px 0 0 var(--_danger);
  }
  .who {
    display: grid;
  }
  .url {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
  }
  [part='search'] {
    width: 100%;
    box-sizing: border-box;
    margin-bottom: var(--_gap);
  }
  [part~='tool'] {
    grid-template-columns: 1fr;
  }
  [part='tool-server'] {
    font-size: 0.875em;
  }
  [part='lists'] {
    margin-top: var(--_gap);
  }
  .danger {
    color: var(--_danger);
  }
`;
