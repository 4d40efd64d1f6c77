import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  [part='header'] h3 {
    margin: 0;
    font-size: 1.05em;
  }
  [part='header'] code {
    color: var(--_muted);
  }
  [part='description'] {
    color: var(--_muted);
    margin: 0.25em 0 var(--_gap);
    white-space: pre-wrap;
  }
  [part='actions'] {
    display: flex;
    gap: var(--_gap);
    align-items: center;
    margin-top: var(--_gap);
    flex-wrap: wrap;
  }
  [part='progress'] {
    flex: 1;
    min-width: 8em;
    display: flex;
    gap: var(--_gap);
    align-items: center;
    color: var(--_muted);
    font-size: 0.875em;
  }
  progress {
    flex: 1;
    accent-color: var(--_accent);
  }
  [part='confirm'] {
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    padding: var(--_gap);
    margin-top: var(--_gap);
  }
  [part='confirm'] p {
    margin: 0 0 var(--_gap);
  }
  [part='error'] {
    margin-top: var(--_gap);
    white-space: pre-wrap;
  }
  [part='result'] {
    margin-top: var(--_gap);
  }
`;
