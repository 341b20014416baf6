import {isArrayBuffer, isBinary, snapshot} from '../socket/data.js';
import {pageHiddenClose, ReconnectingSocket} from '../socket/reconnecting-socket.js';
import {SendQueue} from '../socket/send-queue.js';
import {CLOSED, CLOSING, readyStateOf} from '../socket/state.js';

/*
 * Sharing (share="page" and "tabs") loads on first use: a page that never shares never
 * fetches it. Bundlers make the `import()` a chunk of its own; the one-file build has it in
 * a file beside dist/py-websocket.js.
 */

/**
 * What sharing uses of the socket core, which every page has loaded already: handed to it
 * when it loads rather than imported by it, so that bundlers keep the whole core in the
 * page's own file instead of moving it into a chunk that both would fetch.
 */
const core = {ReconnectingSocket, SendQueue, isArrayBuffer, isBinary, snapshot, readyStateOf, pageHiddenClose, CLOSED, CLOSING};
export type SharingCore = typeof core;

/** Whether loading sharing has been tried, and the module once it loaded. */
export const sharing: {loaded: boolean; module?: typeof import('./share.js')} = {loaded: false};

let loading: Promise<unknown> | undefined;

/** Loads sharing once. Where it cannot load, an element with `share` has a socket of its own, as where the browser cannot share. */
export function loadSharing(): Promise<unknown> {
  loading ??= import('./share.js')
    .then((module) => {
      module.useCore(core);
      sharing.module = module;
    })
    .catch(() => {})
    .finally(() => (sharing.loaded = true));
  return loading;
}
