import type {SocketEnvironment, TimerHandle} from './environment.js';
import {timerDelay} from './timer-delay.js';

/**
 * The wait before a reconnect attempt. While the device is offline no attempt is due: the
 * timer stops when it goes offline (or does not start), and coming back online makes the
 * attempt due at once.
 */
export class ReconnectWait {
  readonly #environment: SocketEnvironment;
  #timer?: TimerHandle;
  #unwatch?: () => void;

  constructor(delay: number, environment: SocketEnvironment, onDue: (cause: 'timer' | 'online') => void) {
    this.#environment = environment;
    const due = (cause: 'timer' | 'online') => {
      this.cancel();
      onDue(cause);
    };
    let heldBack = !environment.isOnline();
    this.#unwatch = environment.watchOnline((online) => {
      if (online) {
        if (heldBack) due('online');
      } else {
        heldBack = true;
        environment.clearTimeout(this.#timer);
      }
    });
    if (!heldBack) this.#timer = environment.setTimeout(() => due('timer'), timerDelay(delay));
  }

  cancel(): void {
    this.#environment.clearTimeout(this.#timer);
    this.#unwatch?.();
    this.#unwatch = undefined;
  }
}
