// Vue 3: the plain tags (docs/guide/frameworks.md's Vue section runs this; isCustomElement is set in
// scripts/build-apps.mjs as in any vite.config).
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#root');
