import './define.js';

export {PyWebSocketElement} from './py-websocket-element.js';
export {
  PyWebSocketOpenEvent,
  PyWebSocketMessageEvent,
  PyWebSocketErrorEvent,
  PyWebSocketCloseEvent,
  type PyWebSocketEventMap,
  type MessageDetail,
  type ErrorDetail,
  type CloseDetail,
} from './events.js';
export type {SocketData} from './send-queue.js';
