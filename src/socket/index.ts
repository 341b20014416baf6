/**
 * py-websocket/socket: the reconnecting socket without the element, the DOM or lit, for
 * workers, service code and tests. It takes its environment (browser.ts's by default).
 */
export {ReconnectingSocket, defaultSocketOptions, defaultPreparationTimeout, type SocketOptions} from './reconnecting-socket.js';
export {browserEnvironment} from './browser.js';
export type {SocketEnvironment, SocketLike, TimerHandle} from './environment.js';
export type {CloseDetail, ConnectingDetail, ConnectingEvent, ReconnectingDetail, SocketEvent, SocketEventOf, SocketEventType, SocketListener, StoppedDetail} from './events.js';
export {SendQueue, type Sender} from './send-queue.js';
export type {SocketData} from './data.js';
export {CLOSED, CLOSING, CONNECTING, OPEN, type SocketState} from './state.js';
export {isRetriedClose} from './close-policy.js';
export {reconnectDelay} from './backoff.js';
export {hintedDelay, parseRetryHint, type RetryWindow} from './retry-hint.js';
