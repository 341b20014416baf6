import {ReactiveElement, type PropertyDeclaration} from '@lit/reactive-element';
import {enumeratedAttribute, listAttribute, numberAttribute} from './attributes.js';
import {EventHandlers, type EventHandler} from './event-handlers.js';
import {
  PyWebSocketErrorEvent,
  type PyWebSocketCloseEvent,
  type PyWebSocketEventMap,
  type PyWebSocketMessageEvent,
  type PyWebSocketOpenEvent,
} from './events.js';
import type {PyWebSocketElement} from './py-websocket-element.js';
import type {ShareScope} from '../sharing/share.js';
import {CLOSED, CLOSING, CONNECTING, OPEN} from '../socket/state.js';

// Handlers run with the element itself as `this`.
type Handler<E extends Event> = EventHandler<PyWebSocketElement, E>;
const handlerAttributes: Record<string, string> = {onopen: 'open', onmessage: 'message'};

/** A property whose declaration (or converter) has `fromProperty` converts what it is given before storing it. */
type FromProperty = (this: PyWebSocketProperties, value: unknown) => unknown;
type Converted = {-readonly [K in keyof PropertyDeclaration]: PropertyDeclaration[K]} & {
  fromProperty?: FromProperty;
  converter?: {fromProperty?: FromProperty};
};

/**
 * `host` converts as a reflected DOMString attribute does (`el.host = new URL(…)` works); a value
 * that has no string (a Symbol, a throwing toString) is no host, reported by an `error` event.
 */
function hostText(this: PyWebSocketProperties, value: unknown): string {
  try {
    return `${value as string}`;
  } catch (error) {
    const message = `The host could not be read as text: ${(error as Error).message}`;
    setTimeout(() => this.dispatchEvent(new PyWebSocketErrorEvent({message, error: error as Error})));
    return '';
  }
}

/**
 * What `<py-websocket>` takes from its attributes and properties, with their defaults,
 * and its `on…` handlers; py-websocket-element.ts turns them into a socket's life.
 */
// ReactiveElement is LitElement without templates: the element renders nothing, so it needs none.
export class PyWebSocketProperties extends ReactiveElement {
  static readonly CONNECTING = CONNECTING;
  static readonly OPEN = OPEN;
  static readonly CLOSING = CLOSING;
  static readonly CLOSED = CLOSED;
  declare readonly CONNECTING: typeof CONNECTING;
  declare readonly OPEN: typeof OPEN;
  declare readonly CLOSING: typeof CLOSING;
  declare readonly CLOSED: typeof CLOSED;

  static override properties = {
    host: {attribute: true, fromProperty: hostText},
    protocols: {converter: listAttribute},
    binaryType: {attribute: 'binary-type', converter: enumeratedAttribute(['blob', 'arraybuffer']), noAccessor: true},
    manual: {type: Boolean},
    format: {converter: enumeratedAttribute(['text', 'json'])},
    // The bare attribute, and any value but "tabs", share in the page.
    share: {converter: {fromAttribute: (value: string | null) => (value === null ? '' : value === 'tabs' ? 'tabs' : 'page')}},
    reconnectDelay: {attribute: 'reconnect-delay', converter: numberAttribute(1000)},
    reconnectMaxDelay: {attribute: 'reconnect-max-delay', converter: numberAttribute(15000)},
    maxRetries: {attribute: 'max-retries', converter: numberAttribute(Infinity)},
    minUptime: {attribute: 'min-uptime', converter: numberAttribute(5000)},
    queueLimit: {attribute: 'queue-limit', converter: numberAttribute(1000)},
    connectTimeout: {attribute: 'connect-timeout', converter: numberAttribute(10000)},
    heartbeat: {converter: numberAttribute(0)},
    heartbeatTimeout: {attribute: 'heartbeat-timeout', converter: numberAttribute(0)},
    heartbeatMessage: {attribute: 'heartbeat-message'},
  };

  /** The server: a ws:/wss: or http:/https: URL, or a path resolved against the document's base URL. */
  host = '';
  /** Sub-protocols offered in the handshake; the attribute is a space- or comma-separated list. */
  protocols: string[] = [];
  /** How binary messages arrive: `"blob"` or `"arraybuffer"`; other values are ignored, as natively. */
  get binaryType(): BinaryType {
    return this.#binaryType;
  }
  set binaryType(value: BinaryType) {
    if (value !== 'blob' && value !== 'arraybuffer') return;
    const old = this.#binaryType;
    this.#binaryType = value;
    this.requestUpdate('binaryType', old);
  }
  /** When set, the element does not connect by itself: call `connect()`. */
  manual = false;
  /** `"json"`: `send()` sends JSON text and every text message is parsed into the event's `json`. */
  format: 'text' | 'json' = 'text';
  /** `""`: a socket of its own; `"page"`: one socket for the page's elements with the same URL and protocols; `"tabs"`: one for every tab and frame of this origin. */
  share: ShareScope = '';
  /** Milliseconds: the backoff base; the wait before attempt n is uniform in [0, min(max, base·2^(n−1))]. */
  reconnectDelay = 1000;
  /** Milliseconds: the longest wait before a reconnect attempt. */
  reconnectMaxDelay = 15000;
  /** Reconnect attempts after an abnormal end before giving up; `0` turns reconnecting off. */
  maxRetries = Infinity;
  /** Milliseconds a connection must stay open before the attempt count starts afresh; an earlier abnormal end counts as a failed attempt. */
  minUptime = 5000;
  /** How many messages may wait for the socket to open; one more `send()` throws `QuotaExceededError`. */
  queueLimit = 1000;
  /** Milliseconds a handshake may take before it counts as a failed connect; `0` for no limit. */
  connectTimeout = 10000;
  /** Milliseconds between heartbeats while open; `0` (the default) sends none. */
  heartbeat = 0;
  /** Milliseconds after a heartbeat within which something must arrive; `0` means twice `heartbeat`. */
  heartbeatTimeout = 0;
  /** What a heartbeat sends. */
  heartbeatMessage = 'ping';

  #binaryType: BinaryType = 'blob';
  #handlers = new EventHandlers<PyWebSocketElement>(this as unknown as PyWebSocketElement);

  constructor() {
    super();
    // Handlers set on the element before it was upgraded are own properties hiding the accessors.
    for (const name of ['onopen', 'onmessage'] as const) {
      if (Object.hasOwn(this, name)) {
        const handler: unknown = this[name];
        delete this[name];
        Reflect.set(this, name, handler);
      }
    }
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...Object.keys(handlerAttributes)];
  }

  // No shadow root: the element shows nothing of its own, and its children as they are.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Called for each `open` event, like `onclick`; the `onopen` attribute sets it from code. */
  get onopen(): Handler<PyWebSocketOpenEvent> {
    return this.#handlers.get('open') as Handler<PyWebSocketOpenEvent>;
  }
  set onopen(handler: Handler<PyWebSocketOpenEvent>) {
    this.#handlers.set('open', handler as Handler<Event>);
  }

  /** Called for each `message` event, like `onclick`; the `onmessage` attribute sets it from code. */
  get onmessage(): Handler<PyWebSocketMessageEvent> {
    return this.#handlers.get('message') as Handler<PyWebSocketMessageEvent>;
  }
  set onmessage(handler: Handler<PyWebSocketMessageEvent>) {
    this.#handlers.set('message', handler as Handler<Event>);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    const type = handlerAttributes[name];
    if (type) this.#handlers.setFromAttribute(type, value);
    else super.attributeChangedCallback(name, old, value);
  }
}

for (const [name, value] of Object.entries({CONNECTING, OPEN, CLOSING, CLOSED})) {
  Object.defineProperty(PyWebSocketProperties.prototype, name, {value, enumerable: true});
}

// A property whose declaration (or converter) has `fromProperty` takes what its attribute
// takes: its setter converts the value first (`el.reconnectDelay = NaN` is the default).
for (const [name, declaration] of Object.entries(PyWebSocketProperties.properties as Record<string, Converted>)) {
  const fromProperty = declaration.fromProperty ?? declaration.converter?.fromProperty;
  if (!fromProperty) continue;
  declaration.noAccessor = true;
  const stored = Symbol(name);
  type Storing = PyWebSocketProperties & Record<symbol, unknown>;
  Object.defineProperty(PyWebSocketProperties.prototype, name, {
    get(this: Storing) {
      return this[stored];
    },
    set(this: Storing, value: unknown) {
      const old = this[stored];
      this[stored] = fromProperty.call(this, value);
      this.requestUpdate(name, old);
    },
    enumerable: true,
    configurable: true,
  });
}

export interface PyWebSocketProperties {
  // HTMLElement's own handlers: they take functions of this element's events. (Reading one
  // gives HTMLElement's type, which a subclass of HTMLElement cannot narrow.)
  get onerror(): HTMLElement['onerror'];
  set onerror(handler: Handler<PyWebSocketErrorEvent>);
  get onclose(): HTMLElement['onclose'];
  set onclose(handler: Handler<PyWebSocketCloseEvent>);
  // `E` lets a listener name its message type: (event: PyWebSocketMessageEvent<Tick>) => event.json.
  addEventListener<K extends keyof PyWebSocketEventMap, E extends PyWebSocketEventMap[K] = PyWebSocketEventMap[K]>(
    type: K,
    listener: (this: PyWebSocketElement, event: E) => unknown,
    options?: boolean | AddEventListenerOptions
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof PyWebSocketEventMap, E extends PyWebSocketEventMap[K] = PyWebSocketEventMap[K]>(
    type: K,
    listener: (this: PyWebSocketElement, event: E) => unknown,
    options?: boolean | EventListenerOptions
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
