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

  /** Sets the handler from an attribute's code (see `compileHandler`); `null` removes it. */
  setFromAttribute(type: string, code: string | null): void {
    this.set(type, code === null ? null : (compileHandler(this.#target as unknown as Element, type, code) as EventHandler<T>));
  }
}

/**
 * Compiles an `on…` attribute's code the way the browser compiles a native inline handler,
 * so that the page's Content-Security-Policy and Trusted Types decide for it exactly as for
 * `onclick="…"`: the code becomes a probe element's onclick attribute and is read back. As
 * for `onclick`, `this` is the element, `event` the event, and names resolve on the element,
 * then on its document, then globally. Where such handlers are blocked, it says why, once.
 */
function compileHandler(element: Element, type: string, code: string): EventHandler | null {
  // A document without a window (document.implementation) compiles no handler at all.
  const {ownerDocument} = element;
  const probe = (ownerDocument.defaultView ? ownerDocument : document).createElement('div');
  const compiled = (text: string) => {
    probe.setAttribute('onclick', text);
    return probe.onclick as EventHandler | null;
  };
  const blocked = (cause: string) => {
    console.error(
      `<${element.localName}> did not run its on${type} attribute: ${cause}. ` +
        `Listen with addEventListener('${type}', …) or set the on${type} property instead.`
    );
    return null;
  };
  try {
    // Whether the policy allows inline handlers at all, asked first: where it does not, the
    // browser reports each refused compile, and the page's console shows one report fewer.
    if (compiled(';')) {
      // Allowed: where the code does not compile, the browser reported it, as for onclick.
      return compiled(`with (this.ownerDocument) with (this) {\n${code}\n}`);
    }
    // A policy may allow this handler by the hash of its text, which is that of the code alone
    // (names then resolve on the document and globally, not on the element).
    return compiled(code) ?? blocked("the page's Content-Security-Policy (script-src) does not allow inline event handlers");
  } catch {
    // Trusted Types: setting a handler attribute from a plain string is refused, as for setAttribute('onclick', …).
    return blocked("the page's Trusted Types policy (require-trusted-types-for 'script') does not allow handler code from a string");
  }
}
