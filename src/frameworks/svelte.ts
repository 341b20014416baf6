/**
 * `<py-websocket>` in Svelte 5 markup, for svelte-check and editors: `import type {} from
 * 'py-websocket/svelte'` once. Events are the lowercase attributes: `onmessage={…}`.
 */
import type {HTMLAttributes} from 'svelte/elements';
import type {PyWebSocketElement} from '../element/py-websocket-element.js';
import type {LowercaseHandlerNames, PyWebSocketEventProps, PyWebSocketProps} from './props.js';

export type PyWebSocketSvelteProps = Omit<HTMLAttributes<PyWebSocketElement>, LowercaseHandlerNames | keyof PyWebSocketProps> &
  PyWebSocketProps &
  PyWebSocketEventProps;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'py-websocket': PyWebSocketSvelteProps;
  }
}
