// Stands in for @lit-labs/ssr-dom-shim in dist/py-websocket.js, which is built from lit's
// server build: there the element's base class is `globalThis.HTMLElement ?? HTMLElement`
// from this module, so the bundle also loads where there is no DOM (a server, a test
// runner) without a ReferenceError, and without a DOM shim in the browser bundle.
export const HTMLElement = class {};
export const customElements = undefined;
