/** An `onopen`-style event handler: called with the target as `this` and the event. */
export type EventHandler<T extends EventTarget = EventTarget, E extends Event = Event> = ((this: T, event: E) => unknown) | null;

export class EventHandlers<T extends EventTarget> {
  readonly #target: T;
  readonly #handlers = new Map<string, EventHandler<T>>();

  constructor(target: T) {
    this.#target = target;
  }

  get(type: string): EventHandler<T> {
    return this.#handlers.get(type) ?? null;
  }

  set(type: string, handler: EventHandler<T>): void {
    // As on the platform: one listener, added when a handler is first set, calls whatever is set now.
    const callable = typeof handler === 'function' ? handler : null;
    if (callable && !this.#handlers.has(type)) {
      this.#target.addEventListener(type, (event) => {
        if (this.get(type)?.call(this.#target, event) === false) event.preventDefault();
      });
    }
    if (callable || this.#handlers.has(type)) this.#handlers.set(type, callable);
  }

  /**
   * Sets the handler from an attribute's code. As for `onclick="…"`, `this` is the target,
   * `event` the event, and names resolve on the target, then on its document, then globally.
   */
  setFromAttribute(type: string, code: string | null): void {
    if (code === null) {
      this.set(type, null);
      return;
    }
    try {
      const scoped = `with (this.ownerDocument ?? document) with (this) {\n${code}\n}`;
      this.set(type, new Function('event', scoped) as EventHandler<T>);
    } catch (error) {
      this.set(type, null);
      if (error instanceof EvalError) {
        // A Content-Security-Policy without 'unsafe-eval' forbids turning text into code.
        const tag = (this.#target as unknown as Element).localName;
        console.error(
          `<${tag}> did not run its on${type} attribute: the page's Content-Security-Policy does not allow code ` +
            `from text ('unsafe-eval'). Listen with addEventListener('${type}', …) or set the on${type} property instead.`
        );
      } else {
        // Reported like any handler attribute that does not compile; the handler stays unset.
        reportError(error);
      }
    }
  }
}
