import type {PyWebSocketProperties} from './element-properties.js';
import {PyWebSocketCloseEvent, PyWebSocketMessageEvent, PyWebSocketOpenEvent, PyWebSocketReconnectingEvent} from './events.js';
import {parsedMessage} from './json-format.js';
import type {SocketEvent} from '../socket/events.js';

/** An `error` event on the element, from a message and the exception if any. */
export type Report = (message: string, error?: Error) => void;

/**
 * The element's DOM event for what its socket says: `open`, `message` (its text parsed with
 * format="json"), `error`, `close` and `reconnecting`, whose `preventDefault()` the socket
 * hears. (`connecting` and `stopped` change the element itself: it handles them.)
 */
export function dispatchSocketEvent(element: PyWebSocketProperties, event: SocketEvent, report: Report): void {
  switch (event.type) {
    case 'open':
      element.dispatchEvent(new PyWebSocketOpenEvent());
      return;
    case 'message': {
      const {data, origin} = event;
      element.dispatchEvent(new PyWebSocketMessageEvent(element.format === 'json' ? parsedMessage(data, origin, report) : {data, origin}));
      return;
    }
    case 'error':
      report(event.message, event.error);
      return;
    case 'close':
      element.dispatchEvent(new PyWebSocketCloseEvent({code: event.code, reason: event.reason, wasClean: event.wasClean}));
      return;
    case 'reconnecting': {
      const {attempt, delay, code, reason} = event;
      event.prevented = !element.dispatchEvent(new PyWebSocketReconnectingEvent({attempt, delay, code, reason}));
    }
  }
}
