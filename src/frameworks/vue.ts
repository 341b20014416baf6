/**
 * `<py-websocket>` in Vue templates, for vue-tsc and editors: `import type {} from
 * 'py-websocket/vue'` once. `@message="…"` gets a `PyWebSocketMessageEvent`. Vue must be
 * told the tag is a custom element (`compilerOptions.isCustomElement`): see the README.
 */
import type {DefineComponent} from 'vue';
import type {PyWebSocketProps, PyWebSocketVueEventProps} from './props.js';

export type PyWebSocketVueProps = PyWebSocketProps & PyWebSocketVueEventProps;

declare module 'vue' {
  interface GlobalComponents {
    'py-websocket': DefineComponent<PyWebSocketVueProps>;
  }
}
