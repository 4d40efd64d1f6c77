// The default theme, the live examples' components, and the web components themselves (client side only).
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import LiveExample from './components/LiveExample.vue';
import './custom.css';

export default {
  extends: DefaultTheme,
  async enhanceApp({ app }) {
    app.component('LiveExample', LiveExample);
    if (!import.meta.env.SSR) await import('mcp-web-components');
  },
} satisfies Theme;
