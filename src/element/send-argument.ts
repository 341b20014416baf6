import {bufferOf, isArrayBuffer, isBinary, type SocketData} from '../socket/data.js';

const sendError = (message: string) => new TypeError(`Failed to execute 'send' on 'PyWebSocket': ${message}`);

/**
 * `send()`'s argument as the native send() takes it (https://websockets.spec.whatwg.org/#dom-websocket-send):
 * binary data of any realm as binary, anything else as its string. Throws the TypeError the
 * native one throws for no argument, a Symbol, or a view on a SharedArrayBuffer.
 */
export function socketData(args: ArrayLike<unknown>): SocketData {
  if (args.length === 0) throw sendError('1 argument required, but only 0 present.');
  const data = args[0];
  if (ArrayBuffer.isView(data) && !isArrayBuffer(bufferOf(data))) throw sendError('The provided ArrayBufferView value must not be shared.');
  // A template literal converts as WebIDL's DOMString does: a Symbol throws a TypeError.
  return isBinary(data) ? data : `${data as string}`;
}
