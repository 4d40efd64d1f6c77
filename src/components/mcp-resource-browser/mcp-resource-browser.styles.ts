import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: var(--_gap);
  }
  h3 {
    font-size: 1em;
    margin: 0 0 calc(var(--_gap) / 2);
  }
  [part~='resource'],
  [part~='template'] {
    display: grid;
    gap: 0.25em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em 0.75em;
  }
  [part~='resource'][aria-current='true'] {
    border-color: var(--_accent);
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_gap) / 2) var(--_gap);
  }
  [part='icon'] {
    width: 1.25em;
    height: 1.25em;
    object-fit: contain;
  }
  .name {
    font-weight: 600;
  }
  .badge.updated {
    color: var(--_ok);
    border-color: currentColor;
  }
  code {
    overflow-wrap: anywhere;
  }
  [part='description'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_gap);
  }
  label {
    display: grid;
    gap: 0.2em;
    font-size: 0.875em;
  }
  [part='viewer'] {
    border-top: 1px solid var(--_border);
    padding-top: var(--_gap);
  }
  p {
    margin: 0;
  }
`;
