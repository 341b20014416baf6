/** `<py-websocket>` in Preact's JSX: `import type {} from 'py-websocket/preact'` once. */
import type {JSX} from 'preact';
import type {PyWebSocketElement} from '../element/py-websocket-element.js';
import type {LowercaseHandlerNames, PyWebSocketEventProps, PyWebSocketProps} from './props.js';

export type PyWebSocketPreactProps = Omit<JSX.HTMLAttributes<PyWebSocketElement>, LowercaseHandlerNames | keyof PyWebSocketProps> &
  PyWebSocketProps &
  PyWebSocketEventProps;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'py-websocket': PyWebSocketPreactProps;
    }
  }
}
