import './setup/page-errors.js';
import {expect} from '@open-wc/testing';
import {oneEvent} from './one-event.js';

// The one-file bundle, as a page loads it with <script type="module" src="dist/py-websocket.js">.
describe('dist/py-websocket.js', () => {
  it('defines <py-websocket>, which connects, echoes and closes', async () => {
    const bundle = await import(new URL('/dist/py-websocket.js', location.href).href);
    expect(customElements.get('py-websocket')).to.equal(bundle.PyWebSocketElement);
    const element = document.createElement('py-websocket');
    element.setAttribute('host', '/ws/echo');
    document.body.append(element);
    try {
      await oneEvent(element, 'open');
      element.send('through the bundle');
      const message = await oneEvent(element, 'message');
      expect(message.data).to.equal('through the bundle');
      expect(message).to.be.instanceOf(bundle.PyWebSocketMessageEvent);
      element.close(4000, 'bye');
      expect(await oneEvent(element, 'close')).to.include({code: 4000, reason: 'bye'});
    } finally {
      element.remove();
    }
  });
});
