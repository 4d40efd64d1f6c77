// For tsc: a .vue file is a component (Vite's plugin compiles it).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
