import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  [part='add'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: end;
    margin-bottom: var(--_gap);
  }
  [part='add'] > span {
    display: grid;
    gap: 0.2em;
    flex: 1 1 10em;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
    align-items: center;
  }
  [part~='server'] {
    flex: 1 1 12em;
    display: grid;
    text-align: start;
    padding: 0.4em 0.75em;
    background: var(--_bg);
  }
  [part~='server'][aria-pressed='true'] {
    border-color: var(--_accent);
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  .url {
    color: var(--_muted);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  [part='confirm'] {
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
    align-items: center;
  }
  .danger {
    color: var(--_danger);
  }
`;
