import type {PyWebSocketEventMap} from '../element/events.js';
import type {PyWebSocketElement} from '../element/py-websocket-element.js';

/**
 * What a template may set on `<py-websocket>`. React 19, Preact, Vue and Svelte set a
 * name the element has as a property (`host`, `reconnectDelay`, `manual`) and any
 * other as an attribute (`reconnect-delay="500"`), so both spellings are listed: the
 * property with the property's type, the attribute as text or a number.
 */
export interface PyWebSocketProps {
  host?: string;
  /** A space- or comma-separated list, or the property's array. */
  protocols?: string | string[];
  binaryType?: BinaryType;
  'binary-type'?: BinaryType;
  manual?: boolean;
  reconnectDelay?: number;
  'reconnect-delay'?: number | string;
  reconnectMaxDelay?: number;
  'reconnect-max-delay'?: number | string;
  maxRetries?: number;
  'max-retries'?: number | string;
  queueLimit?: number;
  'queue-limit'?: number | string;
  connectTimeout?: number;
  'connect-timeout'?: number | string;
  heartbeat?: number;
  heartbeatTimeout?: number;
  'heartbeat-timeout'?: number | string;
  heartbeatMessage?: string;
  'heartbeat-message'?: string;
}

/** The element's event names: `connecting`, `open`, `message`, `error`, `close`, `reconnecting`, `giveup`. */
export type PyWebSocketEventName = keyof PyWebSocketEventMap;

/**
 * Lowercase `on…` props (`onmessage={(event) => event.data}`), which React 19, Preact and
 * Svelte 5 add as listeners of the event of that name.
 */
export type PyWebSocketEventProps = {
  [K in PyWebSocketEventName as `on${K}`]?: (this: PyWebSocketElement, event: PyWebSocketEventMap[K]) => void;
};

/** Vue's `@message="…"` is the prop `onMessage`. */
export type PyWebSocketVueEventProps = {
  [K in PyWebSocketEventName as `on${Capitalize<K>}`]?: (event: PyWebSocketEventMap[K]) => void;
};

/** The lowercase handler names a framework's own attribute types may also declare, to be replaced. */
export type LowercaseHandlerNames = `on${PyWebSocketEventName}`;
