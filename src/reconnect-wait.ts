import {timerDelay} from './timer-delay.js';

/**
 * The wait before a reconnect attempt. While the browser is offline no attempt
 * is due: the timer stops at an `offline` event (or does not start), and an
 * `online` event makes the attempt due at once.
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
    addEventListener('online', () => due('online'), {signal});
    addEventListener('offline', () => clearTimeout(this.#timer), {signal});
    signal.addEventListener('abort', () => clearTimeout(this.#timer));
    if (navigator.onLine) this.#timer = setTimeout(() => due('timer'), timerDelay(delay));
  }

  cancel(): void {
    this.#lifetime.abort();
  }
}
