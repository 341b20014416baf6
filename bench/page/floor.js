/**
 * The floor: the raw WebSocket plus exactly what the element's contract adds,
 * one CustomEvent with a `data` getter per message, dispatched on a trivial
 * element in the document. No element keeping that contract can do better.
 */
class FloorMessageEvent extends CustomEvent {
  constructor(data) {
    super('message', {detail: {data}});
  }
  get data() {
    return this.detail.data;
  }
}

class FloorElement extends HTMLElement {}
customElements.define('bench-floor', FloorElement);

export function floorSocket(url, binaryType) {
  const element = document.createElement('bench-floor');
  document.body.append(element);
  const socket = new WebSocket(url);
  socket.binaryType = binaryType;
  socket.addEventListener('open', () => element.dispatchEvent(new CustomEvent('open')));
  socket.addEventListener('message', (message) => element.dispatchEvent(new FloorMessageEvent(message.data)));
  return {element, socket};
}
