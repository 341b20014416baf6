import {isArrayBuffer, isBinary, snapshot} from '../socket/data.js';
import {pageHiddenClose, ReconnectingSocket} from '../socket/reconnecting-socket.js';
import {SendQueue} from '../socket/send-queue.js';
import {CLOSED, CLOSING, readyStateOf} from '../socket/state.js';

/*
 * Sharing loads on first use: a page that never shares never fetches it, and one that
 * shares only within the page (share="page") never fetches the tab relay (share="tabs").
 * Bundlers make each `import()` a chunk of its own; the one-file build has them in files
 * beside dist/py-websocket.js.
 */

/**
 * What sharing uses of the socket core, which every page has loaded already: handed to it
 * when it loads rather than imported by it, so that bundlers keep the whole core in the
 * page's own file instead of moving it into a chunk that both would fetch.
 */
const core = {ReconnectingSocket, SendQueue, isArrayBuffer, isBinary, snapshot, readyStateOf, pageHiddenClose, CLOSED, CLOSING};
export type SharingCore = typeof core;

type Scope = 'page' | 'tabs';

/** The sharing module once it loaded (the same one, whichever scope loaded it). */
export const sharing: {module?: typeof import('./share.js')} = {};

const loading: Partial<Record<Scope, Promise<unknown>>> = {};
const loaded: Partial<Record<Scope, true>> = {};

/** Whether loading what `scope` needs has been tried. */
export const sharingLoaded = (scope: Scope): boolean => loaded[scope] === true;

/**
 * Loads what `scope` needs once. Where it cannot load, an element with `share` has a socket
 * of its own, as where the browser cannot share (with "tabs", it shares within the page if
 * sharing within the page had loaded).
 */
export function loadSharing(scope: Scope): Promise<unknown> {
  return (loading[scope] ??= (scope === 'tabs' ? import('./tabs.js') : import('./share.js'))
    .then((module) => {
      module.useCore(core);
      sharing.module = module;
    })
    .catch(() => {})
    .finally(() => (loaded[scope] = true)));
}

