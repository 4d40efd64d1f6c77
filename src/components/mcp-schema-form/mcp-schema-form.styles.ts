import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  fieldset.plain {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
    display: grid;
    gap: var(--_gap);
  }
  .field {
    display: grid;
    gap: 0.2em;
    min-width: 0;
  }
  fieldset.field {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_gap) calc(var(--_gap) * 1.5);
    margin: 0;
    gap: var(--_gap);
  }
  legend,
  label[part='label'] {
    font-weight: 600;
  }
  .required {
    color: var(--_danger);
    margin-inline-start: 0.15em;
  }
  .help {
    font-size: 0.875em;
  }
  .error {
    font-size: 0.875em;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  textarea {
    font-family: var(--_mono);
    resize: vertical;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.4em;
  }
  .check .help,
  .check .error {
    flex-basis: 100%;
  }
  .field.check {
    flex-wrap: wrap;
  }
  .items {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_gap);
  }
  .item,
  .entry {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: var(--_gap);
    align-items: end;
    padding-block-end: var(--_gap);
    border-block-end: 1px dashed var(--_border);
  }
  .entry {
    grid-template-columns: 1fr 1fr auto;
  }
  .actions {
    display: flex;
    gap: 0.25em;
  }
  .entries,
  .shape {
    display: grid;
    gap: var(--_gap);
  }
  .shape {
    border-inline-start: 3px solid var(--_border);
    padding-inline-start: var(--_gap);
  }
  button {
    justify-self: start;
  }
`;
