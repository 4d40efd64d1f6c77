// The elements of custom-elements.json with their summaries (HTML: escaped text, `code` spans), for the table on
// the Elements page.
import { elements } from './[tag].paths.mjs';

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export default {
  watch: ['../../custom-elements.json'],
  load() {
    return elements().map((d) => ({
      tag: d.tagName,
      summary: escape((d.summary ?? '').replace(/\s*\n\s*/g, ' ')).replace(/`([^`]+)`/g, '<code>$1</code>'),
    }));
  },
};
