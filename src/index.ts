import './define.js';

export {PyWebSocketElement} from './element/py-websocket-element.js';
export {
  PyWebSocketEvent,
  PyWebSocketOpenEvent,
  PyWebSocketMessageEvent,
  PyWebSocketErrorEvent,
  PyWebSocketCloseEvent,
  PyWebSocketConnectingEvent,
  PyWebSocketReconnectingEvent,
  PyWebSocketGiveupEvent,
  type PyWebSocketEventMap,
  type MessageDetail,
  type ErrorDetail,
  type CloseDetail,
  type ConnectingDetail,
  type ReconnectingDetail,
  type GiveupDetail,
} from './element/events.js';
export type {SocketData} from './socket/data.js';
