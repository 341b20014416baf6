import type {CloseDetail, ConnectingEvent, ReconnectingDetail, SocketEvent} from '../socket/events.js';
import type {SocketData} from '../socket/data.js';
import {core} from './core.js';
import type {SocketState} from '../socket/state.js';

/** An event of the held socket, relayed to the other tabs as the holder's socket listener heard it. */
export type RelayedEvent =
  | {name: 'opened'; args: []}
  | {name: 'received'; args: [string | Blob | ArrayBuffer, string]}
  | {name: 'failed'; args: [string]}
  | {name: 'closed'; args: [CloseDetail]}
  | {name: 'reconnecting'; args: [ReconnectingDetail]}
  | {name: 'stopped'; args: [{attempts: number; retriesRanOut: boolean}]};

/** The events other tabs hear: `connecting` is the holder's own (its elements decide each attempt). */
export type RelayableEvent = Exclude<SocketEvent, ConnectingEvent>;

/** A socket event as it goes between tabs (an error's exception and a stop's unsent messages stay in the holder's tab). */
export function relayedEvent(event: RelayableEvent): RelayedEvent {
  switch (event.type) {
    case 'open':
      return {name: 'opened', args: []};
    case 'message':
      return {name: 'received', args: [event.data, event.origin]};
    case 'error':
      return {name: 'failed', args: [event.message]};
    case 'close':
      return {name: 'closed', args: [{code: event.code, reason: event.reason, wasClean: event.wasClean}]};
    case 'reconnecting':
      return {name: 'reconnecting', args: [{attempt: event.attempt, delay: event.delay, code: event.code, reason: event.reason}]};
    case 'stopped':
      return {name: 'stopped', args: [{attempts: event.attempts, retriesRanOut: event.retriesRanOut}]};
  }
}

/** The socket event a relayed one (already checked by `tabMessage`) stands for. */
export function socketEvent(relayed: RelayedEvent): SocketEvent {
  switch (relayed.name) {
    case 'opened':
      return {type: 'open'};
    case 'received':
      return {type: 'message', data: relayed.args[0], origin: relayed.args[1]};
    case 'failed':
      return {type: 'error', message: relayed.args[0]};
    case 'closed':
      return {type: 'close', ...relayed.args[0]};
    case 'reconnecting':
      return {type: 'reconnecting', ...relayed.args[0], prevented: false};
    case 'stopped':
      return {type: 'stopped', ...relayed.args[0], unsent: []};
  }
}

/** The messages of the relay between tabs (see tab-socket.ts for who sends what, and when). */
export type TabMessage =
  // A follower: it has just joined, or sends through the holder, or wants back what the holder has not sent yet.
  | {type: 'hello'; from: string}
  | {type: 'send'; from: string; to: string; seq: number; data: SocketData}
  | {type: 'takeback'; from: string; to: string}
  // Any tab, to itself: see TabSocket#heardAllBefore.
  | {type: 'sync'; from: string; nonce: number}
  // The holder: it took the socket, what state the socket is in, its events, and its answers.
  | {type: 'holder'; from: string}
  | {type: 'state'; from: string; state: SocketState; readyState: number; protocol: string; extensions: string}
  | ({type: 'event'; from: string; to?: string} & RelayedEvent)
  | {type: 'ack'; from: string; to: string; seq: number}
  | {type: 'returned'; from: string; to: string; seqs: number[]};

/** Messages only the holder of the socket may send: a follower checks who sent them. */
export const holderOnly = new Set<TabMessage['type']>(['holder', 'state', 'event', 'ack', 'returned']);

type Check = (value: unknown) => boolean;
const text: Check = (value) => typeof value === 'string';
const bool: Check = (value) => typeof value === 'boolean';
const count: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
const finite: Check = (value) => Number.isFinite(value);
const sendable: Check = (data) => typeof data === 'string' || core.isBinary(data);
const shape =
  (fields: Record<string, Check>): Check =>
  (value) =>
    typeof value === 'object' && value !== null && Object.entries(fields).every(([name, check]) => check((value as Record<string, unknown>)[name]));
const states = ['closed', 'connecting', 'open', 'closing', 'waiting'];

const eventArgs: Record<RelayedEvent['name'], Check[]> = {
  opened: [],
  received: [sendable, text],
  failed: [text],
  closed: [shape({code: count, reason: text, wasClean: bool})],
  reconnecting: [shape({attempt: count, delay: finite, code: count, reason: text})],
  stopped: [shape({attempts: count, retriesRanOut: bool})],
};

const messageFields: Record<TabMessage['type'], Check> = {
  hello: shape({}),
  send: shape({to: text, seq: count, data: sendable}),
  takeback: shape({to: text}),
  sync: shape({nonce: finite}),
  holder: shape({}),
  state: shape({state: (state) => states.includes(state as string), readyState: count, protocol: text, extensions: text}),
  event: (value) => {
    const {name, args, to} = value as {name: RelayedEvent['name']; args: unknown; to?: unknown};
    const checks = Object.hasOwn(eventArgs, name) ? eventArgs[name] : undefined;
    return (to === undefined || text(to)) && checks !== undefined && Array.isArray(args) && args.length === checks.length && checks.every((check, i) => check(args[i]));
  },
  ack: shape({to: text, seq: count}),
  returned: shape({to: text, seqs: (seqs) => Array.isArray(seqs) && seqs.every(count)}),
};

/** The message, if `value` is one of the relay's, well formed; anything else (a forged or broken post) is not. */
export function tabMessage(value: unknown): TabMessage | undefined {
  if (!shape({type: text, from: text})(value)) return undefined;
  const {type} = value as {type: TabMessage['type']};
  return Object.hasOwn(messageFields, type) && messageFields[type](value) ? (value as TabMessage) : undefined;
}
