import type {SocketOptions} from '../socket/reconnecting-socket.js';
import {SocketHub} from './hub.js';
import {canShareAcrossTabs, TabSocket} from './tab-socket.js';

export {useCore} from './core.js';

/** How widely an element shares its socket: `""` not at all, `"page"`, or `"tabs"`. */
export type ShareScope = '' | 'page' | 'tabs';

/** This page's shared hubs, by scope, URL and protocols; a hub goes when it empties or stops. */
const hubs = new Map<string, SocketHub>();

/**
 * The hub an element with `share` joins: the page's one for this URL and protocols, or a
 * new one with these options. With "tabs", its socket is a TabSocket (where the browser
 * has Web Locks and BroadcastChannel; otherwise the page's socket, silently).
 */
export function sharedHub(scope: Exclude<ShareScope, ''>, options: SocketOptions): SocketHub {
  const acrossTabs = scope === 'tabs' && canShareAcrossTabs();
  const key = JSON.stringify([options.url, options.protocols]);
  const entry = `${acrossTabs ? 'tabs' : 'page'} ${key}`;
  let hub = hubs.get(entry);
  if (!hub) {
    const created = new SocketHub(
      options,
      () => hubs.get(entry) === created && hubs.delete(entry),
      acrossTabs ? (listener, returned) => new TabSocket(options, listener, key, returned) : undefined
    );
    hubs.set(entry, (hub = created));
  }
  return hub;
}
