/** What the element does when its page comes and goes. */
export interface PageHooks {
  /** The page went into the back/forward cache: the socket closes (1000 "page hidden"), the queue kept. */
  suspend(): void;
  /** It came back from there: the socket reconnects at once. */
  resume(): void;
  /** The element's document is another realm's (a frame's) and its page went for good: leave. */
  leave(): void;
}

/**
 * Listens to the element's window while it has a socket; abort the returned controller to stop.
 * An element moved into another realm's document is not removed when that document goes
 * away (its frame removed), so it leaves when that page is hidden for good.
 */
export function watchPage(element: HTMLElement, hooks: PageHooks): AbortController | undefined {
  const view = element.ownerDocument.defaultView;
  if (!view) return undefined;
  const watch = new AbortController();
  const foreign = view !== (globalThis as unknown);
  view.addEventListener('pagehide', (event) => (event.persisted ? hooks.suspend() : foreign && hooks.leave()), {signal: watch.signal});
  view.addEventListener('pageshow', (event) => event.persisted && hooks.resume(), {signal: watch.signal});
  return watch;
}
