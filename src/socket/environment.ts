import type {SocketData} from './data.js';

/** What the core needs of a WebSocket: the browser's, `ws`'s in Node, or a fake one in tests. */
export interface SocketLike {
  readonly readyState: number;
  readonly protocol: string;
  readonly extensions: string;
  readonly bufferedAmount: number;
  binaryType: BinaryType | string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: {data: unknown}) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: {code: number; reason: string; wasClean: boolean}) => void) | null;
  send(data: SocketData): void;
  close(code?: number, reason?: string): void;
}

/** A timer's handle, as the environment's `setTimeout` returns it. */
export type TimerHandle = unknown;

/**
 * Everything the core takes from the world around it. The browser's (browser.ts) is the
 * default; Node passes `ws`'s socket, and tests a fake socket on a virtual clock.
 */
export interface SocketEnvironment {
  /** Makes a socket in its handshake; throws as the WebSocket constructor throws (a SyntaxError for bad protocols). */
  createSocket(url: string, protocols: string[]): SocketLike;
  /** Milliseconds since some fixed point. */
  now(): number;
  /** Calls `callback` after `milliseconds` (already clamped to what timers honour). */
  setTimeout(callback: () => void, milliseconds: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Uniform in [0, 1). */
  random(): number;
  /** Whether the device is online now. */
  isOnline(): boolean;
  /** Calls `changed` whenever the device goes online or offline; returns how to stop. */
  watchOnline(changed: (online: boolean) => void): () => void;
}
