// The default theme, the live examples' components, and the web components themselves (client side only).
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';

export default {
  extends: DefaultTheme,
  async enhanceApp() {
    if (!import.meta.env.SSR) await import('mcp-web-components');
  },
} satisfies Theme;
