// The default theme, the live examples' components, and the web components themselves (client side only).
import DefaultTheme from 'vitepress/theme';
import { useRoute, type Theme } from 'vitepress';
import { nextTick, onMounted, watch } from 'vue';
import LiveExample from './components/LiveExample.vue';
import './custom.css';

export default {
  extends: DefaultTheme,
  async enhanceApp({ app }) {
    app.component('LiveExample', LiveExample);
    if (!import.meta.env.SSR) await import('mcp-web-components');
  },
  setup() {
    // VitePress's home layout has no <main> (axe: landmark-one-main, region): its content is the page's main part.
    const route = useRoute();
    const mark = () => nextTick(() => document.querySelector('.VPHome:not([role])')?.setAttribute('role', 'main'));
    onMounted(mark);
    watch(() => route.path, mark);
  },
} satisfies Theme;
