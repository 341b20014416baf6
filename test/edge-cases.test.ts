import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {PyWebSocketElement, type PyWebSocketMessageEvent} from '../src/index.js';
import {FaultServer, oneEvent, openSocket, pause, recordEvents, serverLog, uniqueId, waitForServer} from './helpers.js';

/** What users do in the moments around insertion, removal and failure, where timing is easy to get wrong. */
describe('<py-websocket> around its own updates', () => {
  it('close() right after insertion wins over the coming first update', async () => {
    const id = uniqueId();
    const element = document.createElement('py-websocket');
    element.host = `/ws/echo?id=${id}`;
    const events = recordEvents(element, ['open', 'giveup']);
    document.body.append(element);
    try {
      element.send('queued');
      element.close();
      await pause(200);
      expect(events.map((event) => event.type)).to.deep.equal(['giveup']);
      expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
      expect((await serverLog(id)).opened).to.equal(0);
    } finally {
      element.remove();
    }
  });

  it('manual set right after insertion keeps it from connecting', async () => {
    const id = uniqueId();
    const element = document.createElement('py-websocket');
    element.host = `/ws/echo?id=${id}`;
    document.body.append(element);
    try {
      element.manual = true;
      await pause(200);
      expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
      expect((await serverLog(id)).opened).to.equal(0);
      element.manual = false;
      await oneEvent(element, 'open');
    } finally {
      element.remove();
    }
  });

  it('a closed element moved by remove and re-insert in one task stays closed', async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    element.close();
    await oneEvent(element, 'close');
    const parent = element.parentElement!;
    element.remove();
    parent.append(element);
    await pause(200);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    expect((await serverLog(id)).opened).to.equal(1);
  });

  it('a send right after a host change goes to the new host', async () => {
    const first = uniqueId();
    const second = uniqueId();
    const element = await openSocket(`/ws/echo?id=${first}`);
    element.host = `/ws/echo?id=${second}`;
    element.send('for the new host');
    await waitForServer(second, (log) => log.messages.length === 1, 'the new host got it');
    expect((await serverLog(first)).messages).to.deep.equal([]);
  });

  it('keeps onmessage and binaryType set before the element was upgraded', async () => {
    // Elements made in a document without a window are upgraded only once adopted into this one.
    const inert = document.implementation.createHTMLDocument('');
    const element = inert.createElement('py-websocket') as PyWebSocketElement;
    const received: string[] = [];
    element.onmessage = (event) => received.push((event as PyWebSocketMessageEvent).data as string);
    element.binaryType = 'arraybuffer';
    element.setAttribute('host', '/ws/send?text=early');
    document.body.append(document.adoptNode(element));
    try {
      await waitUntil(() => received.length === 1, 'the handler ran');
      expect(received).to.deep.equal(['early']);
      expect(element.binaryType).to.equal('arraybuffer');
    } finally {
      element.remove();
    }
  });
});

describe('<py-websocket> handlers that act on the element', () => {
  it('connect() from an error handler at a connect timeout replaces the connection cleanly', async () => {
    const server = await FaultServer.start();
    await server.setMode('hang');
    const element = await fixture<PyWebSocketElement>(
      html`<py-websocket connect-timeout="300" reconnect-delay="5000" host=${server.host}></py-websocket>`
    );
    const events = recordEvents(element, ['error', 'close', 'reconnecting', 'open']);
    element.addEventListener('error', () => element.connect(), {once: true});
    await waitUntil(() => events.length > 0, 'the first connect timed out');
    await pause(100);
    expect(events.map((event) => event.type), 'nothing more from the replaced connection').to.deep.equal(['error']);
    expect(element.readyState).to.equal(PyWebSocketElement.CONNECTING);
    element.close();
    await oneEvent(element, 'close');
    await pause(400);
    expect(events.map((event) => event.type)).to.deep.equal(['error', 'close']);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
  });

  it('connect() from a giveup handler during removal leaves no socket', async () => {
    const id = uniqueId();
    const server = await FaultServer.start();
    await server.setMode('hang');
    const element = await fixture<PyWebSocketElement>(html`<py-websocket host=${server.host}></py-websocket>`);
    element.send('waiting');
    element.addEventListener('giveup', () => {
      element.host = `/ws/echo?id=${id}`;
      element.connect();
    });
    element.remove();
    await pause(300);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    expect((await serverLog(id)).open).to.equal(0);
  });

  it('handler attributes resolve names on the element, like onclick', async () => {
    const element = await fixture<PyWebSocketElement>(
      html`<py-websocket host="/ws/echo" onopen="send('from onopen')"></py-websocket>`
    );
    expect((await oneEvent(element, 'message')).data).to.equal('from onopen');
  });

  it('still reports the chosen protocol inside and after the close handler, as natively', async () => {
    const element = await openSocket('/ws/protocols', {protocols: 'chat'});
    let inHandler = '';
    element.addEventListener('close', () => (inHandler = element.protocol));
    element.close();
    await oneEvent(element, 'close');
    expect(inHandler).to.equal('chat');
    expect(element.protocol).to.equal('chat');
  });
});

describe('<py-websocket> values out of range', () => {
  it('ignores a binaryType the native socket would ignore', async () => {
    const element = document.createElement('py-websocket');
    element.binaryType = 'arraybuffer';
    (element as {binaryType: string}).binaryType = 'nonsense';
    expect(element.binaryType).to.equal('arraybuffer');
    element.setAttribute('binary-type', 'nonsense');
    expect(element.binaryType).to.equal('blob');
  });

  it('treats a connect-timeout beyond what timers hold as very long, not as zero', async () => {
    const server = await FaultServer.start();
    await server.setMode('hang');
    const element = document.createElement('py-websocket');
    element.setAttribute('connect-timeout', '3000000000');
    element.host = server.host;
    const events = recordEvents(element, ['error', 'close']);
    document.body.append(element);
    try {
      await pause(300);
      expect(events).to.have.length(0);
      expect(element.readyState).to.equal(PyWebSocketElement.CONNECTING);
    } finally {
      element.remove();
    }
  });
});
