import {clients} from './clients.js';

/**
 * The workloads, run inside the page and driven from Node one call at a time.
 * Every client has its own connection, opened one after another; each call
 * works on one of them and listens the way an application would: one
 * `message` listener that reads `event.data`.
 */
const connections = {};

const bench = {
  async connect(client, url, binaryType) {
    connections[client] = await clients[client](url, binaryType);
  },

  dropAll() {
    for (const [client, connection] of Object.entries(connections)) {
      connection.drop();
      delete connections[client];
    }
  },

  /** Asks the server for `n` messages; times them from first to last receipt. */
  push(client, n) {
    return receive(connections[client], n, (data) => data.length);
  },

  binary(client, n) {
    return receive(connections[client], n, (data) => data.byteLength);
  },

  /** Sends `n` messages in one go; done when the server says it has them all. */
  sendMany(client, n, bytes) {
    const {target, send} = connections[client];
    const message = 'x'.repeat(bytes);
    return new Promise((resolve) => {
      let start = 0;
      const onMessage = (event) => {
        if (event.data !== 'done') return;
        const end = performance.now();
        target.removeEventListener('message', onMessage);
        resolve({start, end});
      };
      target.addEventListener('message', onMessage);
      start = performance.now();
      for (let i = 0; i < n; i++) send(message);
    });
  },

  /** `n` sequential round trips after `warm` untimed ones; returns each latency in µs. */
  roundTrips(client, n, warm) {
    const {target, send} = connections[client];
    const samples = [];
    return new Promise((resolve, reject) => {
      let i = -warm;
      let sentAt = 0;
      const onMessage = (event) => {
        const now = performance.now();
        if (event.data !== 'p') reject(new Error(`unexpected echo ${event.data}`));
        if (i >= 0) samples.push((now - sentAt) * 1000);
        if (++i < n) {
          sentAt = performance.now();
          send('p');
          return;
        }
        target.removeEventListener('message', onMessage);
        resolve({samples});
      };
      target.addEventListener('message', onMessage);
      sentAt = performance.now();
      send('p');
    });
  },

  /** `n` times: create, wait for open, let go. One connection at a time. */
  async cycles(client, url, n) {
    const start = performance.now();
    for (let i = 0; i < n; i++) (await clients[client](url, 'blob')).drop();
    return performance.now() - start;
  },

  /** Keeps the main thread busy, so Node can tell which process is this page's renderer. */
  spin(ms) {
    const end = performance.now() + ms;
    while (performance.now() < end);
  },
};

function receive({target, send}, n, size) {
  return new Promise((resolve) => {
    let count = 0;
    let bytes = 0;
    let first = 0;
    const onMessage = (event) => {
      bytes += size(event.data);
      if (++count === 1) first = performance.now();
      if (count < n) return;
      const last = performance.now();
      target.removeEventListener('message', onMessage);
      resolve({count, bytes, first, last});
    };
    target.addEventListener('message', onMessage);
    send('go');
  });
}

window.bench = bench;
window.benchReady = customElements.whenDefined('py-websocket').then(() => crossOriginIsolated);
