// py-websocket/socket in Node with `ws` as its socket, against a real `ws` server: the
// package's export, the browser's environment with only the socket factory replaced.
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {after, before, it} from 'node:test';
import WebSocket, {WebSocketServer} from 'ws';
import {browserEnvironment, ReconnectingSocket} from 'py-websocket/socket';

let server;
let url;
const connections = [];
/** The request URL of each handshake, as the server saw it. */
const paths = [];

before(async () => {
  server = new WebSocketServer({host: '127.0.0.1', port: 0});
  server.on('connection', (socket, request) => {
    connections.push(socket);
    paths.push(request.url);
    // The first connection is closed as a server restarting would; later ones echo.
    if (connections.length === 1) socket.close(1012, 'restarting');
    else socket.on('message', (data, isBinary) => socket.send(data, {binary: isBinary}));
  });
  await once(server, 'listening');
  url = `ws://127.0.0.1:${server.address().port}/`;
});

after(() => server.close());

it('reconnects after a 1012 and sends what was queued, in order, then closes for good', async () => {
  const environment = {...browserEnvironment, createSocket: (address, protocols) => new WebSocket(address, protocols)};
  const events = [];
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const socket = new ReconnectingSocket(
    {url, reconnectDelay: 10, reconnectMaxDelay: 10, binaryType: 'arraybuffer'},
    (event) => {
      events.push(event.type === 'message' ? {type: 'message', data: event.data} : {type: event.type, code: event.code});
      // Sent while the socket waits to reconnect: queued, then sent at the next open.
      if (event.type === 'close' && event.code === 1012) ['first', 'second'].forEach((data) => socket.send(data));
      if (event.type === 'message' && event.data === 'second') socket.close(1000, 'done');
      if (event.type === 'stopped') done();
      // A fresh token for every attempt, fetched asynchronously as a real one would be.
      if (event.type === 'connecting') event.waitUntil(Promise.resolve().then(() => (event.url = `${url}?token=t${event.attempt}`)));
    },
    {environment}
  );
  socket.connect();
  await finished;
  assert.deepEqual(
    events.map((event) => event.type),
    ['connecting', 'open', 'close', 'reconnecting', 'connecting', 'open', 'message', 'message', 'close', 'stopped']
  );
  assert.deepEqual(paths, ['/?token=t0', '/?token=t1']);
  assert.equal(events[2].code, 1012);
  assert.deepEqual(events.filter((event) => event.type === 'message').map((event) => event.data), ['first', 'second']);
  assert.equal(events.at(-2).code, 1000);
  assert.equal(socket.state, 'closed');
});
