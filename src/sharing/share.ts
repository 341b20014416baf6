import type {SocketListener} from '../socket/events.js';
import type {HubSocket, SocketOptions} from '../socket/reconnecting-socket.js';
import {SocketHub, type Returned} from './hub.js';

export {useCore} from './core.js';

/** How widely an element shares its socket: `""` not at all, `"page"`, or `"tabs"`. */
export type ShareScope = '' | 'page' | 'tabs';

/** The tab relay: whether this browser can share across tabs, and the socket of a hub that does, for the key (URL and protocols) all tabs agree on. */
export interface TabRelay {
  available(): boolean;
  socket(options: SocketOptions, listener: SocketListener, key: string, returned: Returned): HubSocket;
}

/** This page's shared hubs, by scope, URL and protocols; a hub goes when it empties or stops. */
const hubs = new Map<string, SocketHub>();

/** The tab relay, once tabs.ts has loaded. */
let tabRelay: TabRelay | undefined;

export function useTabRelay(relay: TabRelay): void {
  tabRelay = relay;
}

/**
 * The hub an element with `share` joins: the page's one for this URL and protocols, or a
 * new one with these options. With "tabs", its socket is a TabSocket (where the tab relay
 * loaded and the browser has Web Locks and BroadcastChannel; otherwise the page's socket, silently).
 */
export function sharedHub(scope: Exclude<ShareScope, ''>, options: SocketOptions): SocketHub {
  const relay = scope === 'tabs' && tabRelay?.available() ? tabRelay : undefined;
  const key = JSON.stringify([options.url, options.protocols]);
  const entry = `${relay ? 'tabs' : 'page'} ${key}`;
  let hub = hubs.get(entry);
  if (!hub) {
    const created = new SocketHub(
      options,
      () => hubs.get(entry) === created && hubs.delete(entry),
      relay && ((listener, returned) => relay.socket(options, listener, key, returned))
    );
    hubs.set(entry, (hub = created));
  }
  return hub;
}
