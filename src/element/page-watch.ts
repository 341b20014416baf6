import type {HubSocket} from '../socket/reconnecting-socket.js';

/** What the page's coming and going acts on: the element's socket, while it has one. */
type Suspendable = Pick<HubSocket, 'suspend' | 'resume'>;

/**
 * Listens to the element's window while it has a socket; abort the returned controller to stop.
 * An element moved into another realm's document is not removed when that document goes
 * away (its frame removed), so it `leave`s when that page is hidden for good.
 */
export function watchPage(element: HTMLElement, socket: () => Suspendable | undefined, leave: () => void): AbortController | undefined {
  const view = element.ownerDocument.defaultView;
  if (!view) return undefined;
  const watch = new AbortController();
  const foreign = view !== (globalThis as unknown);
  view.addEventListener('pagehide', (event) => (event.persisted ? socket()?.suspend?.() : foreign && leave()), {signal: watch.signal});
  view.addEventListener('pageshow', (event) => event.persisted && socket()?.resume?.(), {signal: watch.signal});
  return watch;
}
