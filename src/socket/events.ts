import type {SocketData} from './data.js';

/** How a connection ended: the socket's close event, or one made up when it was given up as dead. */
export interface CloseDetail {
  code: number;
  reason: string;
  wasClean: boolean;
}

export interface ReconnectingDetail {
  /** The attempt about to be made: 1 for the first after a connection ended. */
  attempt: number;
  /** Milliseconds to wait before it: the backoff's, or what the server's retry hint asked for (0 back from the back/forward cache). */
  delay: number;
  /** The close code and reason of the end that is retried. */
  code: number;
  reason: string;
}

export interface ConnectingDetail {
  /** 0 for a first connect (connect()), then 1, 2, … as in `reconnecting`. */
  attempt: number;
  /** The URL the attempt will use, unless a listener changes it. */
  url: string;
}

/**
 * Before every attempt to open a socket. A listener may set `url` and `protocols` (they
 * are read once every promise passed to `waitUntil()` has fulfilled, and kept for later
 * attempts), or pass `waitUntil()` a promise to wait for (fresh credentials). A rejected
 * promise, or promises still pending after `connect-timeout` (30 s without one), fail the
 * attempt: an `error`, then an end retried like a refused connect.
 */
export interface ConnectingEvent extends ConnectingDetail {
  type: 'connecting';
  protocols: string[];
  /** Makes the attempt wait for `promise`; callable during dispatch or while earlier promises are pending. */
  waitUntil(promise: unknown): void;
}

export interface StoppedDetail {
  /** Reconnect attempts made since the connection was last open. */
  attempts: number;
  /** Whether it stopped because retries ran out (rather than a final end, close(), or a prevented reconnect). */
  retriesRanOut: boolean;
  /**
   * The messages that were still queued, in order: never sent, handed back. A socket hands
   * back what was queued without a sender; a hub hands each of its members its own.
   */
  unsent: SocketData[];
}

/**
 * Everything a reconnecting socket tells whoever listens, as one value: the hub, the tab
 * relay and the element each forward it as it is. It knows nothing of the DOM.
 *
 *   connecting    before each attempt: a listener may change the URL or wait for a promise
 *   open          the socket opened; the queue has just been sent
 *   message       a message arrived; `origin` is the server's
 *   error         the connection failed, or (`unusable`) the socket could not even be made
 *   close         the socket ended; the socket's `state` already says what comes next
 *   reconnecting  before each wait for a reconnect: set `prevented` to stop reconnecting
 *   stopped       it stopped for good (not after stop()): retries ran out, a final end,
 *                 the user's close(), a prevented reconnect, or an unusable URL
 */
export type SocketEvent =
  | ConnectingEvent
  | {type: 'open'}
  | {type: 'message'; data: string | Blob | ArrayBuffer; origin: string}
  | {type: 'error'; message: string; error?: Error; unusable?: boolean}
  | ({type: 'close'} & CloseDetail)
  | ({type: 'reconnecting'; prevented?: boolean} & ReconnectingDetail)
  | ({type: 'stopped'} & StoppedDetail);

export type SocketEventType = SocketEvent['type'];

/** The event of type `type`. */
export type SocketEventOf<Type extends SocketEventType> = Extract<SocketEvent, {type: Type}>;

/** Whoever hears a socket: one function for every event. */
export type SocketListener = (event: SocketEvent) => void;
