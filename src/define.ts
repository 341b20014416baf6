import {PyWebSocketElement} from './element/py-websocket-element.js';

// A page may load the element twice (a bundle and the npm build): the first definition wins.
// On a server (no registry) importing the element defines nothing and throws nothing.
if (typeof customElements !== 'undefined' && !customElements.get('py-websocket')) {
  customElements.define('py-websocket', PyWebSocketElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'py-websocket': PyWebSocketElement;
  }
}
