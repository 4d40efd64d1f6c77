// Shared look of the modal dialogs (sampling, elicitation).
import { css } from 'lit';

export const dialogStyles = css`
  dialog {
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.5);
    padding: calc(var(--_gap) * 2);
    width: min(40rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    overflow: auto;
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.3);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .heading {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin: 0 0 0.25em;
  }
  h2 {
    margin: 0;
    font-size: 1.1em;
  }
  slot[name='footer'] {
    display: block;
    margin-top: var(--_gap);
    color: var(--_muted);
    font-size: 0.875em;
  }
  .server {
    color: var(--_muted);
    margin: 0 0 var(--_gap);
  }
  label {
    display: block;
    font-weight: 600;
    font-size: 0.875em;
    margin: var(--_gap) 0 0.2em;
  }
  textarea {
    width: 100%;
    min-height: 4em;
    resize: vertical;
  }
  .actions {
    display: flex;
    gap: var(--_gap);
    justify-content: flex-end;
    margin-top: calc(var(--_gap) * 2);
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.2em var(--_gap);
    font-size: 0.875em;
    margin: var(--_gap) 0;
  }
  .facts dt {
    color: var(--_muted);
  }
  .facts dd {
    margin: 0;
  }
  .warning {
    border-inline-start: 3px solid var(--_danger);
    padding: 0.25em 0.6em;
    background: var(--_surface);
  }
`;
