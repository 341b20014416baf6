import './setup/page-errors.js';
import {expect, waitUntil} from '@open-wc/testing';
import type {PyWebSocketElement} from '../src/index.js';
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

describe('dist/py-websocket-share.js and dist/py-websocket-tabs.js', () => {
  it('are fetched only once an element uses share (the tab relay only for share="tabs"); until then sends wait, and an element removed meanwhile leaves nothing behind', async function () {
    this.timeout(15000); // a page of its own loads the bundle: slow on a busy machine
    const frame = document.createElement('iframe');
    frame.src = '/test/bundle/page.html';
    document.body.append(frame);
    try {
      type Page = Window & typeof globalThis;
      const page = () => frame.contentWindow as Page;
      const own = () => page()?.document.getElementById('own') as PyWebSocketElement | null;
      await waitUntil(() => own()?.readyState === WebSocket.OPEN, 'the element without share opened', {timeout: 10000});
      const fetched = () => page().performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
      expect(fetched()).to.include('/dist/py-websocket.js');
      expect(fetched()).not.to.include('/dist/py-websocket-share.js');

      // Every socket the page makes from now on.
      const sockets: string[] = [];
      page().WebSocket = new Proxy(page().WebSocket, {
        construct(target, args: ConstructorParameters<typeof WebSocket>) {
          sockets.push(String(args[0]));
          return new target(...args);
        },
      });
      const shared = (id: string) => {
        const element = page().document.createElement('py-websocket');
        element.id = id;
        element.setAttribute('share', 'page');
        element.setAttribute('host', '/ws/echo');
        page().document.body.append(element);
        return element;
      };

      // Before sharing has loaded, removed: it hands back what it queued, and never connects.
      const early = shared('early');
      early.addEventListener('open', () => expect.fail('the removed element opened'));
      early.send('never sent');
      const giveup = oneEvent(early, 'giveup');
      early.remove();
      // Closed after connect(): its close event, as an element leaving a shared socket gets, and its queue back.
      const closed = shared('closed');
      closed.manual = true;
      closed.connect();
      closed.send('sent, then closed');
      const heard: string[] = [];
      for (const type of ['open', 'close', 'giveup'] as const) closed.addEventListener(type, () => heard.push(type));
      closed.close(4000, 'changed my mind');
      // Never in the document: connect() waits for sharing, then connects, as it would with sharing loaded.
      const detached = page().document.createElement('py-websocket');
      detached.share = 'page';
      detached.host = '/ws/echo';
      const detachedHeard: unknown[] = [];
      detached.addEventListener('message', (event) => detachedHeard.push(event.data));
      detached.connect();
      detached.send('from an element not in the document');
      expect(detached.readyState).to.equal(WebSocket.CONNECTING);
      const close = oneEvent(closed, 'close');
      const closedGiveup = oneEvent(closed, 'giveup');
      expect((await giveup).unsent).to.deep.equal(['never sent']);
      expect(await close).to.include({code: 4000, reason: 'changed my mind', wasClean: true});
      expect((await closedGiveup).unsent).to.deep.equal(['sent, then closed']);
      expect(heard).to.deep.equal(['close', 'giveup']);
      closed.remove();

      // Sent while sharing loads: queued, and sent once the shared socket opens.
      const element = shared('shared');
      const elementHeard: unknown[] = [];
      element.addEventListener('message', (event) => elementHeard.push(event.data));
      element.send('queued while sharing loads');
      expect(element.readyState).to.equal(WebSocket.CONNECTING);
      expect(element.queued).to.equal(1);
      await waitUntil(() => elementHeard.includes('queued while sharing loads'), 'the echo of the queued send');
      expect(fetched()).to.include('/dist/py-websocket-share.js');
      expect(fetched(), 'a page that shares only within itself').not.to.include('/dist/py-websocket-tabs.js');
      await waitUntil(() => detachedHeard.includes('from an element not in the document'), 'the detached element heard its echo');
      expect(sockets, 'one socket, shared by the elements still there').to.have.length(1);
      detached.close();
      expect([early.readyState, closed.readyState]).to.deep.equal([WebSocket.CLOSED, WebSocket.CLOSED]);
      element.remove();

      // share="tabs" fetches the tab relay, and its sends before that go out once it opens.
      const acrossTabs = page().document.createElement('py-websocket');
      acrossTabs.share = 'tabs';
      acrossTabs.host = '/ws/echo';
      const tabsHeard: unknown[] = [];
      acrossTabs.addEventListener('message', (event) => tabsHeard.push(event.data));
      page().document.body.append(acrossTabs);
      acrossTabs.send('queued while the tab relay loads');
      await waitUntil(() => tabsHeard.includes('queued while the tab relay loads'), 'the echo through the socket shared across tabs');
      expect(fetched()).to.include('/dist/py-websocket-tabs.js');
      acrossTabs.remove();
    } finally {
      frame.remove();
    }
  });
});
