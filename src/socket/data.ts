/** What a WebSocket sends: text, or binary data. */
export type SocketData = string | Blob | ArrayBuffer | ArrayBufferView;

// Brand checks through the platform's own getters: unlike `instanceof`, they accept objects
// made in another realm (a same-origin iframe), as the native send() does, and refuse look-alikes.
const getter = (prototype: object, name: string) => Object.getOwnPropertyDescriptor(prototype, name)!.get!;
const arrayBufferLength = getter(ArrayBuffer.prototype, 'byteLength');
const typedArrayBuffer = getter(Object.getPrototypeOf(Uint8Array.prototype), 'buffer');
const dataViewBuffer = getter(DataView.prototype, 'buffer');
const blobSize = typeof Blob === 'function' ? getter(Blob.prototype, 'size') : undefined;

const passes = (check: (() => unknown) | undefined, value: unknown) => {
  // Text, the common case, is no object: answered without the throw and catch, which cost a send three times over.
  if (typeof value !== 'object' || value === null) return false;
  try {
    check!.call(value);
    return true;
  } catch {
    return false;
  }
};

/** An ArrayBuffer of any realm (not a SharedArrayBuffer). */
export const isArrayBuffer = (value: unknown): value is ArrayBuffer => passes(arrayBufferLength, value);

export const isBlob = (value: unknown): value is Blob => passes(blobSize, value);

/** Binary data a WebSocket sends as it is: an ArrayBuffer, a view on one, or a Blob, of any realm. */
export const isBinary = (value: unknown): value is Blob | ArrayBuffer | ArrayBufferView =>
  isArrayBuffer(value) || isBlob(value) || ArrayBuffer.isView(value);

/** The buffer under a typed array or DataView, read without trusting the view's own properties. */
export function bufferOf(view: ArrayBufferView): ArrayBufferLike {
  return (passes(dataViewBuffer, view) ? dataViewBuffer : typedArrayBuffer).call(view);
}

/**
 * A copy of `data` in this realm, taken now: a buffer the caller reuses, or a frame that goes
 * away, cannot change what is sent later (the native send() copies too). Text and Blobs do not change.
 */
export function snapshot(data: SocketData): SocketData {
  if (typeof data === 'string' || isBlob(data)) return data;
  if (!ArrayBuffer.isView(data)) return new Uint8Array(data).slice().buffer;
  return new Uint8Array(bufferOf(data), data.byteOffset, data.byteLength).slice();
}

/** The bytes `data` takes on the wire, as `bufferedAmount` counts them (text as UTF-8). */
export function byteLength(data: SocketData): number {
  if (typeof data !== 'string') return isBlob(data) ? data.size : data.byteLength;
  // Text that is all ASCII (most of it) is one byte a character: the regular expression finds out natively.
  if (!/[^\x00-\x7f]/.test(data)) return data.length;
  let bytes = data.length;
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      bytes += 1;
    } else if ((code & 0xfc00) === 0xd800 && (data.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: four bytes for two code units
      i++;
    } else {
      bytes += 2; // three bytes; a lone surrogate goes as U+FFFD, three bytes too
    }
  }
  return bytes;
}
