import {useTabRelay} from './share.js';
import {canShareAcrossTabs, TabSocket} from './tab-socket.js';

/*
 * share="tabs": the tab relay, on top of sharing within the page. It loads only when an
 * element first asks for it, so a page that shares only within itself never fetches it.
 */
export * from './share.js';

useTabRelay({
  available: canShareAcrossTabs,
  socket: (options, listener, key, returned) => new TabSocket(options, listener, key, returned),
});
