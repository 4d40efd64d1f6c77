import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: var(--_gap);
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  [part='list'] {
    max-height: var(--mcp-log-max-height, 20rem);
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-family: var(--_mono);
    font-size: 0.8125em;
  }
  [part~='entry'] {
    display: grid;
    grid-template-columns: auto auto 1fr;
    gap: 0 var(--_gap);
    padding: 0.2em 0.5em;
    border-bottom: 1px solid var(--_border);
  }
  [part~='entry']:last-child {
    border-bottom: 0;
  }
  time,
  .logger {
    color: var(--_muted);
  }
  .level {
    font-weight: 600;
    text-transform: uppercase;
  }
  [part~='warning'] .level,
  [part~='notice'] .level {
    color: var(--mcp-log-warning-color, #9a6700);
  }
  [part~='error'] .level,
  [part~='critical'] .level,
  [part~='alert'] .level,
  [part~='emergency'] .level {
    color: var(--_danger);
  }
  pre {
    grid-column: 1 / -1;
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  p {
    margin: 0;
  }
`;
