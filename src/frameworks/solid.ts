/**
 * `<py-websocket>` in Solid's JSX: `import type {} from 'py-websocket/solid'` once. Listen
 * with `on:message={…}` (Solid adds `on:` props as plain listeners).
 */
import type {JSX} from 'solid-js';
import type {PyWebSocketEventMap} from '../element/events.js';
import type {PyWebSocketElement} from '../element/py-websocket-element.js';
import type {LowercaseHandlerNames, PyWebSocketEventName, PyWebSocketProps} from './props.js';

export type PyWebSocketSolidProps = Omit<JSX.HTMLAttributes<PyWebSocketElement>, LowercaseHandlerNames | keyof PyWebSocketProps> &
  PyWebSocketProps & {
    [K in PyWebSocketEventName as `on:${K}`]?: (event: PyWebSocketEventMap[K]) => void;
  };

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements {
      'py-websocket': PyWebSocketSolidProps;
    }
  }
}
