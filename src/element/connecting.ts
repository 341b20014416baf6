import {PyWebSocketConnectingEvent} from './events.js';
import type {ConnectingEvent} from '../socket/events.js';

/**
 * Runs the element's `connecting` event for the core's `event`. Listeners may change the
 * element's `host` and `protocols`, now or before the promises they pass to `waitUntil()`
 * settle; `apply` then reads what they set into `event` (throwing for an unusable host,
 * which fails the attempt), and `done` is called when the listeners' time is over.
 */
export function dispatchConnecting(element: HTMLElement, event: ConnectingEvent, apply: () => void, done: () => void): void {
  const pending: Promise<unknown>[] = [];
  let settled = false;
  const waitUntil = (promise: unknown) => {
    if (settled) throw new DOMException("Failed to execute 'waitUntil': the attempt already went ahead.", 'InvalidStateError');
    pending.push(Promise.resolve(promise));
  };
  const finish = () => {
    settled = true;
    done();
    apply();
  };
  try {
    element.dispatchEvent(new PyWebSocketConnectingEvent({attempt: event.attempt, url: event.url}, waitUntil));
  } finally {
    if (pending.length === 0) {
      try {
        finish();
      } catch (error) {
        event.waitUntil(Promise.reject(error));
      }
    }
  }
  if (pending.length === 0) return;
  // A listener may pass more promises while the first ones are pending: wait for all of them.
  const allOf = (count: number): Promise<unknown> => Promise.all(pending).then(() => (pending.length > count ? allOf(pending.length) : undefined));
  event.waitUntil(
    allOf(pending.length).then(finish, (reason) => {
      settled = true;
      done();
      throw reason;
    })
  );
}
