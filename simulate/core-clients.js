/**
 * <py-websocket>'s row: the built socket core itself (lib/socket/, unchanged), one
 * ReconnectingSocket per simulated socket, driven on the storm's virtual clock. Its
 * environment is the simulation: `createSocket` hands out a stand-in the storm opens and
 * fails, the timers are the storm's events, `random` is the storm's seeded PRNG and the
 * device stays online. The core's own reconnect wait is read off the one timer it sets
 * after an end, and the storm fires it when that time comes.
 */
import {defaultSocketOptions, ReconnectingSocket} from '../lib/socket/index.js';

const url = 'ws://sim.invalid/';
/** Long enough ago that every socket is past min-uptime when the storm starts. */
const settledSince = -1e9;

/** A socket the storm drives: it only needs the handlers the core sets and a readyState. */
class StandIn {
  readyState = 0;
  protocol = '';
  extensions = '';
  bufferedAmount = 0;
  binaryType = 'blob';
  onopen = null;
  onmessage = null;
  onerror = null;
  onclose = null;
  send() {}
  close() {
    this.readyState = 3;
  }
}

export function pyWebSocketCore(overrides = {}) {
  const options = {...defaultSocketOptions, url, ...overrides};
  return {
    name: 'py-websocket',
    connectTimeoutMs: options.connectTimeout,
    create(count, random) {
      // The client being driven now: everything below runs synchronously inside one client's call.
      let current = 0;
      let now = settledSince;
      let nextTimer = 1;
      const socketOf = new Array(count);
      const timerOf = new Float64Array(count);
      const callbackOf = new Array(count);
      const delayOf = new Float64Array(count);
      const environment = {
        createSocket: () => (socketOf[current] = new StandIn()),
        now: () => now,
        setTimeout(callback, milliseconds) {
          if (timerOf[current] !== 0) throw new Error(`client ${current}: a second timer (${milliseconds} ms) while one is pending`);
          callbackOf[current] = callback;
          delayOf[current] = milliseconds;
          return (timerOf[current] = nextTimer++);
        },
        clearTimeout(handle) {
          if (handle !== undefined && timerOf[current] === handle) {
            timerOf[current] = 0;
            callbackOf[current] = undefined;
          }
        },
        random,
        isOnline: () => true,
        watchOnline: () => () => {},
      };
      const sockets = new Array(count);
      const listener = () => {};
      for (let i = 0; i < count; i++) {
        current = i;
        sockets[i] = new ReconnectingSocket(options, listener, {environment});
        sockets[i].connect();
        opened(i, settledSince);
      }

      function opened(i, at) {
        current = i;
        now = at;
        const socket = socketOf[i];
        socket.readyState = 1;
        socket.onopen({});
      }

      return {
        /** The storm's end of socket i at `at`; the wait the core chose, or -1 when it stopped. */
        closed(i, code, at, reason = '') {
          current = i;
          now = at;
          const socket = socketOf[i];
          socket.readyState = 3;
          if (code === 1006) socket.onerror?.({});
          socket.onclose?.({code, reason, wasClean: code !== 1006});
          if (sockets[i].state !== 'waiting') return -1;
          if (timerOf[i] === 0) throw new Error(`client ${i}: waiting without a timer`);
          return delayOf[i];
        },
        /** The wait is over: the core makes its attempt (a new socket). */
        attempt(i, at) {
          current = i;
          now = at;
          const callback = callbackOf[i];
          timerOf[i] = 0;
          callbackOf[i] = undefined;
          callback();
        },
        opened,
      };
    },
  };
}
