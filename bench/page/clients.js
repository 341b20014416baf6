import {WebSocket as PartyWebSocket} from '/peers/partysocket.js';
import ReconnectingWebSocket from '/peers/reconnecting-websocket.js';
import {floorSocket} from './floor.js';

/**
 * Every client behind one shape, each used through its own public API:
 * `connect(url, binaryType)` resolves, once open, to
 *   target  where `message` listeners go (what an application would listen on)
 *   send    the client's own send
 *   drop    how an application lets go of it: close() for sockets, removal for elements
 */
export const clients = {
  raw(url, binaryType) {
    const socket = new WebSocket(url);
    socket.binaryType = binaryType;
    return opened(socket, {target: socket, send: (data) => socket.send(data), drop: () => socket.close()});
  },

  floor(url, binaryType) {
    const {element, socket} = floorSocket(url, binaryType);
    return opened(element, {
      target: element,
      send: (data) => socket.send(data),
      drop: () => {
        element.remove();
        socket.close();
      },
    });
  },

  ours(url, binaryType) {
    const element = document.createElement('py-websocket');
    element.binaryType = binaryType;
    element.host = url;
    const connection = opened(element, {target: element, send: (data) => element.send(data), drop: () => element.remove()});
    document.body.append(element);
    return connection;
  },

  partysocket(url, binaryType) {
    const socket = new PartyWebSocket(url);
    socket.binaryType = binaryType;
    return opened(socket, {target: socket, send: (data) => socket.send(data), drop: () => socket.close()});
  },

  'reconnecting-websocket'(url, binaryType) {
    const socket = new ReconnectingWebSocket(url);
    socket.binaryType = binaryType;
    return opened(socket, {target: socket, send: (data) => socket.send(data), drop: () => socket.close()});
  },
};

/** Resolves with `connection` at the target's first `open`; rejects after 10 s. */
function opened(target, connection) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.drop();
      reject(new Error('no open event within 10 s'));
    }, 10000);
    target.addEventListener(
      'open',
      () => {
        clearTimeout(timer);
        resolve(connection);
      },
      {once: true}
    );
  });
}
