/**
 * `<py-websocket>` in React 19 JSX: `import type {} from 'py-websocket/react'` once (or list
 * `py-websocket/react` in tsconfig's `types`). Events are the lowercase props, as React 19
 * adds them to custom elements: `onmessage`, not `onMessage` (which React would add as a
 * listener of an event named "Message", which never comes).
 */
import type {DetailedHTMLProps, HTMLAttributes} from 'react';
import type {PyWebSocketElement} from '../element/py-websocket-element.js';
import type {PyWebSocketEventProps, PyWebSocketProps} from './props.js';

export type PyWebSocketReactProps = DetailedHTMLProps<HTMLAttributes<PyWebSocketElement>, PyWebSocketElement> &
  PyWebSocketProps &
  PyWebSocketEventProps;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'py-websocket': PyWebSocketReactProps;
    }
  }
}
