import {PyWebSocketElement} from './py-websocket-element.js';

// A page may load the element twice (a bundle and the npm build): the first definition wins.
if (!customElements.get('py-websocket')) {
  customElements.define('py-websocket', PyWebSocketElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'py-websocket': PyWebSocketElement;
  }
}
