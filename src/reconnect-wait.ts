import {timerDelay} from './timer-delay.js';

/**
 * The wait before a reconnect attempt. While the browser is offline no attempt is due:
 * the timer stops at an `offline` event (or does not start), and the `online` event that
 * ends it makes the attempt due at once. Both events are checked against `navigator.onLine`,
 * so that a script dispatching them can neither stop reconnecting nor skip the backoff.
 */
export class ReconnectWait {
  readonly #lifetime = new AbortController();
  #timer?: ReturnType<typeof setTimeout>;

  constructor(delay: number, onDue: (cause: 'timer' | 'online') => void) {
    const signal = this.#lifetime.signal;
    const due = (cause: 'timer' | 'online') => {
      this.cancel();
      onDue(cause);
    };
    let heldBack = !navigator.onLine;
    addEventListener('online', () => heldBack && navigator.onLine && due('online'), {signal});
    addEventListener(
      'offline',
      () => {
        if (navigator.onLine) return;
        heldBack = true;
        clearTimeout(this.#timer);
      },
      {signal}
    );
    signal.addEventListener('abort', () => clearTimeout(this.#timer));
    if (!heldBack) this.#timer = setTimeout(() => due('timer'), timerDelay(delay));
  }

  cancel(): void {
    this.#lifetime.abort();
  }
}
