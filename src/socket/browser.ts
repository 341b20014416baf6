import type {SocketEnvironment, SocketLike} from './environment.js';

/**
 * The browser's environment (a page's or a worker's): its WebSocket, timers, clock,
 * Math.random and the online signal. The one file of the core that touches a global.
 */
export const browserEnvironment: SocketEnvironment = {
  createSocket(url, protocols) {
    if (typeof WebSocket === 'undefined') throw new DOMException('WebSocket is not supported in this browser.', 'NotSupportedError');
    // No protocols, no list: converting even an empty one costs the constructor a third more.
    return (protocols.length > 0 ? new WebSocket(url, protocols) : new WebSocket(url)) as unknown as SocketLike;
  },
  now: () => Date.now(),
  setTimeout: (callback, milliseconds) => setTimeout(callback, milliseconds),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
  // Where there is no navigator (Node), the device counts as online.
  isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  watchOnline(changed) {
    if (typeof addEventListener !== 'function') return () => {};
    // Both events are checked against navigator.onLine, so that a script dispatching them
    // can neither stop reconnecting nor skip the backoff.
    const online = () => navigator.onLine && changed(true);
    const offline = () => !navigator.onLine && changed(false);
    addEventListener('online', online);
    addEventListener('offline', offline);
    return () => {
      removeEventListener('online', online);
      removeEventListener('offline', offline);
    };
  },
};
