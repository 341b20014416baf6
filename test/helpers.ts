import './setup/page-errors.js';
import {fixture, html, waitUntil} from '@open-wc/testing';
import '../src/index.js';
import type {PyWebSocketElement} from '../src/index.js';
import {oneEvent} from './one-event.js';

export {oneEvent};

/** What the test server saw of the connections opened with `?id=…`. */
export interface ServerLog {
  opened: number;
  open: number;
  messages: string[];
  closes: {code: number; reason: string}[];
  /** Each handshake: its URL's path and query, the sub-protocol agreed, and the server's time (ms). */
  handshakes: {url: string; protocol: string; at: number}[];
}

export function uniqueId(): string {
  return crypto.randomUUID();
}

export async function serverLog(id: string): Promise<ServerLog> {
  const response = await fetch(`/__ws/log?id=${id}`);
  return response.json();
}

export async function waitForServer(id: string, condition: (log: ServerLog) => boolean, message: string): Promise<ServerLog> {
  let log = await serverLog(id);
  await waitUntil(async () => condition((log = await serverLog(id))), message, {timeout: 3000});
  return log;
}

export async function closedPortHost(): Promise<string> {
  const {port} = await (await fetch('/__ws/closed-port')).json();
  return `ws://127.0.0.1:${port}/`;
}

/** A connected `<py-websocket>` in the document, created without waiting for it to open. */
export async function socketElement(host: string, attributes: Record<string, string> = {}): Promise<PyWebSocketElement> {
  const element = document.createElement('py-websocket');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.setAttribute('host', host);
  return fixture(html`${element}`);
}

/** A `<py-websocket>` in the document that has opened. */
export async function openSocket(host: string, attributes: Record<string, string> = {}): Promise<PyWebSocketElement> {
  const element = document.createElement('py-websocket');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.setAttribute('host', host);
  const opened = oneEvent(element, 'open');
  await fixture(html`${element}`);
  await opened;
  return element;
}

/** Collects the events of the given types dispatched on an element, in order. */
export function recordEvents(element: EventTarget, types: string[]): Event[] {
  const events: Event[] = [];
  for (const type of types) element.addEventListener(type, (event) => events.push(event));
  return events;
}

/**
 * The close code this browser's own WebSocket reports when the test server closes with `code`
 * (WebKitGTK reports 1012, 1013 and 1014 as 1006, after an error, with no reason).
 */
export async function nativeCloseCode(code: number): Promise<number> {
  const socket = new WebSocket(new URL(`/ws/close?code=${code}`, location.href.replace(/^http/, 'ws')));
  const close = await oneEvent(socket, 'close');
  return (close as CloseEvent).code;
}

export const nextTask = () => new Promise((resolve) => setTimeout(resolve));
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FaultStatus {
  port: number;
  running: boolean;
  mode: 'echo' | 'silent' | 'refuse' | 'hang';
  open: number;
  /** TCP connections still up, unanswered handshakes included. */
  tcp: number;
  connections: number;
  received: string[];
}

/** A fault server of this test's own (see test/servers/fault-server.js), on a port of its own. */
export class FaultServer {
  readonly id = uniqueId();
  port = 0;

  static async start(): Promise<FaultServer> {
    const server = new FaultServer();
    server.port = (await server.act('start')).port;
    return server;
  }

  get host(): string {
    return `ws://127.0.0.1:${this.port}/`;
  }

  async act(action: 'start' | 'stop' | 'drop' | 'status' | 'mode' | 'close', query: Record<string, string> = {}): Promise<FaultStatus> {
    const search = new URLSearchParams(query).toString();
    const response = await fetch(`/__faults/${this.id}/${action}${search ? `?${search}` : ''}`);
    return response.json();
  }

  status = () => this.act('status');
  stop = () => this.act('stop');
  drop = () => this.act('drop');
  setMode = (to: FaultStatus['mode']) => this.act('mode', {to});
}
