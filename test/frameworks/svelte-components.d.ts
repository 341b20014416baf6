// What the test bundler's Svelte plugin makes of a .svelte file.
declare module '*.svelte' {
  import type {Component} from 'svelte';
  const component: Component<Record<string, unknown>, Record<string, (...args: never[]) => unknown>>;
  export default component;
}
