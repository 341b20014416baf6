// Runs in a dedicated module worker: the socket core with the worker's own environment
// (its WebSocket, timers and online signal) echoes a message and reports what it heard.
import {ReconnectingSocket, type SocketEvent} from '../../src/socket/index.js';

const heard: string[] = [];
const url = new URL('/ws/echo', location.href.replace(/^http/, 'ws')).href;
const socket = new ReconnectingSocket({url}, (event: SocketEvent) => {
  heard.push(event.type === 'message' ? `message ${event.data as string}` : event.type);
  if (event.type === 'open') socket.send('from a worker');
  if (event.type === 'message') socket.close(1000, 'done');
  if (event.type === 'stopped') postMessage({heard, state: socket.state});
});
socket.connect();
