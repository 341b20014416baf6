import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {PyWebSocketElement, PyWebSocketMessageEvent} from '../src/index.js';
import {oneEvent, openSocket, recordEvents, socketElement, uniqueId, waitForServer} from './helpers.js';

describe('<py-websocket> messages', () => {
  it('sends text and dispatches what comes back as a message event', async () => {
    const element = await openSocket('/ws/echo');
    element.send('hello');
    const message = await oneEvent(element, 'message');
    expect(message).to.be.instanceOf(PyWebSocketMessageEvent);
    expect(message).to.be.instanceOf(CustomEvent);
    expect(message.data).to.equal('hello');
    expect(message.detail.data).to.equal('hello');
    expect(message.origin).to.equal(`ws://${location.host}`);
    expect(message.detail.origin).to.equal(message.origin);
  });

  it('queues sends made before open and flushes them in order, each once', async () => {
    const id = uniqueId();
    const element = await socketElement(`/ws/echo?id=${id}`);
    const received = recordEvents(element, ['message']) as PyWebSocketMessageEvent[];
    expect(element.readyState).to.equal(PyWebSocketElement.CONNECTING);
    for (let n = 1; n <= 20; n++) element.send(`m${n}`);
    const expected = Array.from({length: 20}, (_, n) => `m${n + 1}`);
    await waitUntil(() => received.length === 20, 'all echoes arrived');
    expect(received.map((event) => event.data)).to.deep.equal(expected);
    expect((await waitForServer(id, (log) => log.messages.length >= 20, 'server got all')).messages).to.deep.equal(expected);
  });

  it('queues sends made right after insertion, before the first update', async () => {
    const element = document.createElement('py-websocket');
    element.host = '/ws/echo';
    document.body.append(element);
    try {
      expect(element.readyState).to.equal(PyWebSocketElement.CONNECTING);
      element.send('early');
      expect((await oneEvent(element, 'message')).data).to.equal('early');
    } finally {
      element.remove();
    }
  });

  it('sends queued messages before the open event, so sends from an open handler come after them', async () => {
    const id = uniqueId();
    const element = document.createElement('py-websocket');
    element.host = `/ws/echo?id=${id}`;
    element.addEventListener('open', () => element.send('from open handler'));
    document.body.append(element);
    try {
      element.send('queued');
      const log = await waitForServer(id, (log) => log.messages.length === 2, 'both arrived');
      expect(log.messages).to.deep.equal(['queued', 'from open handler']);
    } finally {
      element.remove();
    }
  });

  it('receives binary as a Blob by default', async () => {
    const element = await openSocket('/ws/echo');
    element.send(new Uint8Array([1, 2, 3]));
    const message = await oneEvent(element, 'message');
    expect(message.data).to.be.instanceOf(Blob);
    expect([...new Uint8Array(await (message.data as Blob).arrayBuffer())]).to.deep.equal([1, 2, 3]);
  });

  it('receives binary as an ArrayBuffer with binary-type="arraybuffer", and sends every binary kind', async () => {
    const element = await openSocket('/ws/echo', {'binary-type': 'arraybuffer'});
    expect(element.binaryType).to.equal('arraybuffer');
    const received = recordEvents(element, ['message']) as PyWebSocketMessageEvent[];
    const bytes = new Uint8Array([7, 8, 9, 10]);
    element.send(bytes.buffer);
    element.send(bytes);
    element.send(new DataView(bytes.buffer, 1, 2));
    element.send(new Blob([new Uint8Array([5])]));
    await waitUntil(() => received.length === 4, 'all four echoed');
    const payloads = received.map((event) => [...new Uint8Array(event.data as ArrayBuffer)]);
    expect(payloads).to.deep.equal([[7, 8, 9, 10], [7, 8, 9, 10], [8, 9], [5]]);
    expect(received.every((event) => event.data instanceof ArrayBuffer)).to.equal(true);
  });

  it('never renders a message as HTML', async () => {
    const markup = '<img src=x onerror="window.__injected = true"><b>bold</b>';
    const element = await fixture<PyWebSocketElement>(
      html`<py-websocket host="/ws/send?text=${encodeURIComponent(markup)}"></py-websocket>`
    );
    const message = await oneEvent(element, 'message');
    expect(message.data).to.equal(markup);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(element.childNodes.length).to.equal(0);
    expect(element.shadowRoot).to.equal(null);
    expect(document.querySelector('img[src=x]')).to.equal(null);
    expect((window as {__injected?: boolean}).__injected).to.equal(undefined);
  });

  it('dispatches events that do not bubble', async () => {
    const parent = await fixture(html`<div></div>`);
    const bubbled: string[] = [];
    for (const type of ['open', 'message', 'close']) parent.addEventListener(type, () => bubbled.push(type));
    const element = document.createElement('py-websocket');
    element.host = '/ws/echo';
    parent.append(element);
    await oneEvent(element, 'open');
    element.send('x');
    await oneEvent(element, 'message');
    element.close();
    await oneEvent(element, 'close');
    expect(bubbled).to.deep.equal([]);
  });
});

describe('<py-websocket> handlers', () => {
  it('runs onopen and onmessage attributes with this and event, like onclick', async () => {
    const element = await fixture<PyWebSocketElement>(html`
      <py-websocket
        host="/ws/send?text=hi"
        onopen="this.dataset.opened = event.type"
        onmessage="this.dataset.received = event.data"
      ></py-websocket>
    `);
    await waitUntil(() => element.dataset.received === 'hi', 'the message handler ran');
    expect(element.dataset.opened).to.equal('open');
    expect(element.onmessage).to.be.a('function');
  });

  it('runs onopen and onmessage properties, and stops when set to null', async () => {
    const element = document.createElement('py-websocket');
    const calls: string[] = [];
    element.onopen = () => calls.push('open');
    element.onmessage = (event) => calls.push(`message:${(event as PyWebSocketMessageEvent).data}`);
    element.host = '/ws/echo';
    document.body.append(element);
    try {
      await oneEvent(element, 'open');
      element.send('one');
      await oneEvent(element, 'message');
      element.onmessage = null;
      element.send('two');
      await oneEvent(element, 'message');
      expect(calls).to.deep.equal(['open', 'message:one']);
      expect(element.onmessage).to.equal(null);
    } finally {
      element.remove();
    }
  });

  it('runs the element’s own onerror and onclose handlers', async () => {
    const element = await fixture<PyWebSocketElement>(html`
      <py-websocket
        host="/ws/refuse"
        onerror="this.dataset.error = event.message"
        onclose="this.dataset.close = event.code"
      ></py-websocket>
    `);
    await waitUntil(() => element.dataset.close, 'the close handler ran');
    expect(element.dataset.close).to.equal('1006');
    expect(element.dataset.error).to.contain('Could not connect');
  });
});
