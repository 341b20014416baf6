/**
 * The element's CSS custom states (`py-websocket:state(open)`), through ElementInternals:
 * exactly one of `connecting`, `open`, `closing`, `closed` holds, matching readyState, and
 * `reconnecting` holds beside it from a retried end until the next open or a final stop.
 */
const readyStateNames = ['connecting', 'open', 'closing', 'closed'] as const;

export class SocketStates {
  readonly #states?: CustomStateSet;
  /** What is shown: only a change touches the set. */
  #readyState = -1;
  #reconnecting = false;

  constructor(element: HTMLElement) {
    // Where there is no CustomStateSet (an older browser, a server), the states are left out.
    this.#states = typeof element.attachInternals === 'function' ? element.attachInternals().states : undefined;
  }

  show(readyState: number, reconnecting: boolean): void {
    const states = this.#states;
    if (!states) return;
    if (readyState !== this.#readyState) {
      if (this.#readyState >= 0) states.delete(readyStateNames[this.#readyState]);
      states.add(readyStateNames[readyState]);
      this.#readyState = readyState;
    }
    if (reconnecting !== this.#reconnecting) {
      if (reconnecting) states.add('reconnecting');
      else states.delete('reconnecting');
      this.#reconnecting = reconnecting;
    }
  }
}
