import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.5);
    padding: calc(var(--_gap) * 2);
  }
  [part='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    margin-bottom: var(--_gap);
  }
  [part='server'] {
    font-weight: 600;
    font-size: 1.05em;
    margin: 0;
  }
  [part='status'] {
    font-size: 0.8em;
    border-radius: 999px;
    padding: 0.1em 0.6em;
    border: 1px solid var(--_border);
    color: var(--_muted);
  }
  [part='status'][data-state='ready'] {
    color: var(--_ok);
    border-color: currentColor;
  }
  [part='status'][data-state='idle'] {
    color: var(--_danger);
  }
  .spacer {
    flex: 1;
  }
  [part='tabs'] {
    display: flex;
    gap: 2px;
    border-bottom: 1px solid var(--_border);
    margin: var(--_gap) 0;
  }
  [part~='tab'] {
    border: none;
    border-bottom: 2px solid transparent;
    border-radius: 0;
    background: none;
    color: var(--_muted);
  }
  [part~='tab'][aria-selected='true'] {
    color: var(--_fg);
    border-bottom-color: var(--_accent);
    font-weight: 600;
  }
  [part='tools'] {
    display: grid;
    grid-template-columns: minmax(12em, 1fr) minmax(0, 2fr);
    gap: calc(var(--_gap) * 2);
    align-items: start;
  }
  @container (max-width: 40em) {
    [part='tools'] {
      grid-template-columns: 1fr;
    }
  }
  :host {
    container-type: inline-size;
  }
  [part='auth'],
  [part='error'] {
    display: flex;
    gap: var(--_gap);
    align-items: center;
  }
  [part='instructions'] {
    white-space: pre-wrap;
    color: var(--_muted);
    font-size: 0.875em;
    max-height: 8em;
    overflow: auto;
  }
`;
