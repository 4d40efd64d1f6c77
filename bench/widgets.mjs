// ┌──────────────────────────────────────────────────────────────────────────────────────────┐
// │ WIDGET RENDER TIMINGS — placeholder, to be filled in once the elements exist.          │
// │ Measure here, in the bench page (`page`, puppeteer) and over `rounds` rounds:             │
// │   render1000Tools: ms from setting 1,000 tools on <mcp-tool-list> to the list painted;    │
// │   schemaForm300:   ms from giving <mcp-tool-form> a 300-field inputSchema to the form     │
// │                    painted.                                                               │
// │ Return medians in ms (numbers); `null` prints as "n/a (elements not built yet)".          │
// └──────────────────────────────────────────────────────────────────────────────────────────┘

/** Render timings of the elements; null while the elements are not built. */
// eslint-disable-next-line no-unused-vars
export async function measureWidgets({ page, rounds }) {
  return { render1000Tools: null, schemaForm300: null };
}

export const WIDGETS_NOT_BUILT = 'n/a (elements not built yet)';
