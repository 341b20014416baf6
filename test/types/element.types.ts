// Type tests, checked by `tsc -p test/tsconfig.json` in `npm test` (never run): what a
// TypeScript user writes must compile, and each `@ts-expect-error` line must be refused.
import {PyWebSocketElement as BundledElement} from 'py-websocket/dist/py-websocket.js';
import {
  PyWebSocketElement,
  type PyWebSocketCloseEvent,
  type PyWebSocketErrorEvent,
  type PyWebSocketMessageEvent,
} from 'py-websocket';

const element = document.createElement('py-websocket');
const typed: PyWebSocketElement = element;
const bundled: BundledElement = document.querySelector('py-websocket')!;

// Handler properties take functions of the element's own events.
element.onmessage = (event) => event.data;
element.onopen = (event) => event.type;
element.onclose = (event) => event.code + event.reason.length;
element.onerror = (event) => event.message;
element.onmessage = function (event) {
  return this.send(String(event.data));
};
element.onclose = null;
// A handler for any Event still fits.
element.onerror = (event: Event) => event.type;

// @ts-expect-error a close handler is not a message handler
element.onmessage = (event: PyWebSocketCloseEvent) => event.code;
// @ts-expect-error a message event has no code
element.onmessage = (event) => event.code;
// @ts-expect-error an error event has no data
element.onerror = (event: PyWebSocketErrorEvent) => event.data;

// Listeners get the element's events by name.
element.addEventListener('message', (event) => event.data satisfies string | Blob | ArrayBuffer);
element.addEventListener('giveup', (event) => event.unsent.length + event.attempts);
element.addEventListener('reconnecting', (event) => event.delay);
// @ts-expect-error a reconnecting event has no data
element.addEventListener('reconnecting', (event) => event.data);
// A fresh token before each attempt.
element.addEventListener('connecting', (event) => event.waitUntil(Promise.resolve(`${event.url} ${event.attempt}`)));
// @ts-expect-error a connecting event has no delay
element.addEventListener('connecting', (event) => event.delay);

// Properties and methods.
element.host = '/ws/echo';
element.reconnectDelay = 500;
element.binaryType = 'arraybuffer';
element.send(new Uint8Array([1, 2]));
element.close(4000, 'done');
typed.readyState satisfies number;
bundled.url satisfies string;
// @ts-expect-error binaryType is "blob" or "arraybuffer"
element.binaryType = 'text';
// @ts-expect-error host is a string
element.host = 42;
// @ts-expect-error readyState is read only
element.readyState = 1;

export type Message = PyWebSocketMessageEvent['data'];

// An event's target is the element, so handlers reach it without a cast.
element.addEventListener('open', (event) => event.target.send('hello'));
element.onmessage = (event) => event.target.send(String(event.data));
