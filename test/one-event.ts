import {oneEvent as anyEvent} from '@open-wc/testing';
import type {PyWebSocketElement, PyWebSocketEventMap} from '../src/index.js';

/** The events a target dispatches, by name: the element's own, or a native WebSocket's. */
type EventsOf<T> = T extends PyWebSocketElement ? PyWebSocketEventMap : T extends WebSocket ? WebSocketEventMap : Record<string, Event>;

/**
 * @open-wc's `oneEvent`, typed with the target's events: `(await oneEvent(element, 'message')).data`.
 * A module of its own, without side effects, so the bundle's test can use it without loading src/.
 */
export function oneEvent<T extends EventTarget, K extends keyof EventsOf<T> & string>(target: T, type: K): Promise<EventsOf<T>[K]> {
  return anyEvent(target, type) as Promise<EventsOf<T>[K]>;
}
