import {expect, fixture, html} from '@open-wc/testing';
import {PyWebSocketElement} from '../src/index.js';
import {nextTask, oneEvent, openSocket, pause, recordEvents, serverLog, socketElement, uniqueId, waitForServer} from './helpers.js';

describe('<py-websocket> connecting', () => {
  it('connects by itself once in the document with a host, and reports OPEN', async () => {
    const id = uniqueId();
    const element = await socketElement(`/ws/echo?id=${id}`);
    expect(element.readyState).to.equal(PyWebSocketElement.CONNECTING);
    await oneEvent(element, 'open');
    expect(element.readyState).to.equal(PyWebSocketElement.OPEN);
    expect((await serverLog(id)).open).to.equal(1);
  });

  it('resolves a path against the base URL and maps http: to ws:', async () => {
    const relative = await openSocket('/ws/echo');
    expect(relative.url).to.equal(`ws://${location.host}/ws/echo`);
    const http = await openSocket(`http://${location.host}/ws/echo?x=1`);
    expect(http.url).to.equal(`ws://${location.host}/ws/echo?x=1`);
  });

  it('has the native readyState constants on the class and on instances', async () => {
    const element = document.createElement('py-websocket');
    for (const name of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'] as const) {
      expect(PyWebSocketElement[name], name).to.equal(WebSocket[name]);
      expect(element[name], name).to.equal(WebSocket[name]);
    }
  });

  it('reads url, protocol, extensions and bufferedAmount like the native socket', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket manual host="/ws/echo"></py-websocket>`);
    expect(element.url).to.equal('');
    expect(element.protocol).to.equal('');
    expect(element.extensions).to.equal('');
    expect(element.bufferedAmount).to.equal(0);
    element.connect();
    await oneEvent(element, 'open');
    expect(element.url).to.equal(`ws://${location.host}/ws/echo`);
    expect(element.extensions).to.be.a('string');
    expect(element.bufferedAmount).to.equal(0);
  });

  it('offers the protocols attribute, space- or comma-separated, and reports the chosen one', async () => {
    const element = await socketElement('/ws/protocols', {protocols: 'chat, superchat v2'});
    expect(element.protocols).to.deep.equal(['chat', 'superchat', 'v2']);
    const message = await oneEvent(element, 'message');
    expect(message.data).to.equal('chat');
    expect(element.protocol).to.equal('chat');
  });

  it('takes protocols as an array property', async () => {
    const element = document.createElement('py-websocket');
    element.protocols = ['graphql-ws'];
    element.host = '/ws/protocols';
    const message = oneEvent(element, 'message');
    document.body.append(element);
    try {
      expect((await message).data).to.equal('graphql-ws');
    } finally {
      element.remove();
    }
  });

  it('with manual, waits for connect()', async () => {
    const id = uniqueId();
    const element = await fixture<PyWebSocketElement>(html`<py-websocket manual host="/ws/echo?id=${id}"></py-websocket>`);
    await pause(50);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    expect((await serverLog(id)).opened).to.equal(0);
    element.connect();
    expect(element.readyState).to.equal(PyWebSocketElement.CONNECTING);
    await oneEvent(element, 'open');
    expect((await serverLog(id)).opened).to.equal(1);
  });

  it('connect() on an open element re-opens: the old socket closes with 1000', async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    const events = recordEvents(element, ['close']);
    element.connect();
    await oneEvent(element, 'open');
    const log = await waitForServer(id, (log) => log.closes.length === 1, 'the first socket closed');
    expect(log.closes[0].code).to.equal(1000);
    expect(log.opened).to.equal(2);
    expect(events, 'the replaced socket makes no close event').to.have.length(0);
  });

  it('closes with 1000 when removed, and does not reconnect', async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    element.remove();
    const log = await waitForServer(id, (log) => log.closes.length === 1, 'the server saw the close');
    expect(log.closes[0].code).to.equal(1000);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    await pause(200);
    expect((await serverLog(id)).opened).to.equal(1);
  });

  it('reconnects when put back into the document later', async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    const parent = element.parentElement!;
    element.remove();
    await waitForServer(id, (log) => log.open === 0, 'the socket closed');
    parent.append(element);
    await oneEvent(element, 'open');
    expect((await serverLog(id)).opened).to.equal(2);
  });

  it('keeps its connection when removed and re-inserted in the same task', async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    const other = document.createElement('div');
    document.body.append(other);
    try {
      element.remove();
      other.append(element);
      await pause(100);
      expect(element.readyState).to.equal(PyWebSocketElement.OPEN);
      const log = await serverLog(id);
      expect(log).to.include({opened: 1, open: 1});
    } finally {
      other.remove();
    }
  });

  it('keeps its connection when moved with moveBefore()', async function () {
    const parent = document.createElement('div') as HTMLDivElement & {moveBefore?: (node: Node, child: Node | null) => void};
    if (!parent.moveBefore) this.skip();
    document.body.append(parent);
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    try {
      parent.moveBefore!(element, null);
      await pause(100);
      expect(element.parentElement).to.equal(parent);
      expect(element.readyState).to.equal(PyWebSocketElement.OPEN);
      expect(await serverLog(id)).to.include({opened: 1, open: 1});
    } finally {
      parent.remove();
    }
  });

  it('changing host closes the old socket with 1000 and connects to the new one', async () => {
    const first = uniqueId();
    const second = uniqueId();
    const element = await openSocket(`/ws/echo?id=${first}`);
    element.host = `/ws/echo?id=${second}`;
    await oneEvent(element, 'open');
    expect(element.url).to.contain(second);
    const log = await waitForServer(first, (log) => log.closes.length === 1, 'the old socket closed');
    expect(log.closes[0].code).to.equal(1000);
    expect((await serverLog(second)).open).to.equal(1);
  });

  it('setting host on a connected element without one connects it', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket></py-websocket>`);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    element.host = '/ws/echo';
    await oneEvent(element, 'open');
    expect(element.readyState).to.equal(PyWebSocketElement.OPEN);
  });

  it('applies binary-type to the open socket when it changes', async () => {
    const element = await openSocket('/ws/echo');
    element.binaryType = 'arraybuffer';
    await element.updateComplete;
    element.send(new Uint8Array([1, 2]));
    const message = await oneEvent(element, 'message');
    expect(message.data).to.be.instanceOf(ArrayBuffer);
  });

  it('leaves no socket behind when removed before it connected', async () => {
    const id = uniqueId();
    const element = await socketElement(`/ws/echo?id=${id}`);
    element.remove();
    await nextTask();
    await pause(200);
    const log = await serverLog(id);
    expect(log.open).to.equal(0);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
  });
});
