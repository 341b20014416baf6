import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {PyWebSocketElement} from '../src/index.js';
import {FaultServer, oneEvent, openSocket, pause} from './helpers.js';

const readyNames = ['connecting', 'open', 'closing', 'closed'];
/** The CSS custom states the element matches, in a fixed order. */
const states = (element: Element) => [...readyNames, 'reconnecting'].filter((name) => element.matches(`:state(${name})`));

/** Checks at every event that exactly one ready state holds and that it is readyState's. */
function watchStates(element: PyWebSocketElement): string[] {
  const seen: string[] = [];
  for (const type of ['open', 'close', 'reconnecting', 'giveup', 'error']) {
    element.addEventListener(type, (event) => {
      const now = states(element);
      expect(now.filter((name) => readyNames.includes(name)), `at ${type}`).to.deep.equal([readyNames[element.readyState]]);
      seen.push(`${type}: ${now.join(' ')}${type === 'error' ? ` (${(event as unknown as {message: string}).message})` : ''}`);
    });
  }
  return seen;
}

describe('<py-websocket> CSS custom states', () => {
  it('is :state(closed) before it has a socket', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket></py-websocket>`);
    expect(states(element)).to.deep.equal(['closed']);
    expect(states(document.createElement('py-websocket'))).to.deep.equal(['closed']);
  });

  it('goes connecting, open, closing, closed through a connection and close()', async () => {
    const element = document.createElement('py-websocket');
    const seen = watchStates(element);
    element.host = '/ws/echo';
    document.body.append(element);
    try {
      expect(states(element)).to.deep.equal(['connecting']);
      await oneEvent(element, 'open');
      expect(states(element)).to.deep.equal(['open']);
      element.close();
      expect(states(element)).to.deep.equal(['closing']);
      await oneEvent(element, 'close');
      expect(states(element)).to.deep.equal(['closed']);
      expect(seen).to.deep.equal(['open: open', 'close: closed']);
    } finally {
      element.remove();
    }
  });

  it('holds reconnecting beside connecting from a retried end until the next open', async () => {
    const server = await FaultServer.start();
    const element = await openSocket(server.host, {'reconnect-delay': '50', 'reconnect-max-delay': '50'});
    const seen = watchStates(element);
    await server.act('close', {code: '1012'});
    await oneEvent(element, 'open');
    // An error event sometimes comes first here (seen in Chromium under the test runner, not with a
    // raw socket); the states match readyState at it too, which watchStates checked.
    expect(seen.filter((entry) => !entry.startsWith('error:'))).to.deep.equal([
      'close: connecting reconnecting',
      'reconnecting: connecting reconnecting',
      'open: open',
    ]);
    expect(states(element)).to.deep.equal(['open']);
    await server.stop();
  });

  it('drops reconnecting when it gives up', async () => {
    const server = await FaultServer.start();
    const element = await openSocket(server.host, {'reconnect-delay': '20', 'max-retries': '1'});
    // Listening first: the one retry can be refused before stop() resolves.
    const gaveUp = oneEvent(element, 'giveup');
    await server.stop();
    await gaveUp;
    expect(states(element)).to.deep.equal(['closed']);
  });

  it('goes closing, then closed, for close() while connecting', async () => {
    const server = await FaultServer.start();
    await server.setMode('hang');
    const element = await fixture<PyWebSocketElement>(html`<py-websocket host=${server.host}></py-websocket>`);
    await pause(20);
    expect(states(element)).to.deep.equal(['connecting']);
    element.close();
    expect(states(element)).to.deep.equal(['closing']);
    await oneEvent(element, 'close');
    expect(states(element)).to.deep.equal(['closed']);
    await server.stop();
  });

  it('is closed once removed, and closed for a manual element until connect()', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket manual host="/ws/echo"></py-websocket>`);
    expect(states(element)).to.deep.equal(['closed']);
    element.connect();
    expect(states(element)).to.deep.equal(['connecting']);
    await oneEvent(element, 'open');
    element.remove();
    await waitUntil(() => states(element).includes('closed'), 'closed after removal');
    expect(states(element)).to.deep.equal(['closed']);
  });

  it('styles with :state() in CSS', async () => {
    await fixture(html`
      <style>
        py-websocket { display: block; color: rgb(255, 0, 0); }
        py-websocket:state(open) { color: rgb(0, 128, 0); }
      </style>
    `);
    const element = await openSocket('/ws/echo');
    expect(getComputedStyle(element).color).to.equal('rgb(0, 128, 0)');
  });
});
