import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {PyWebSocketElement, type PyWebSocketMessageEvent} from '../src/index.js';
import {FaultServer, oneEvent, pause, recordEvents, serverLog, uniqueId, waitForServer} from './helpers.js';

/** `count` elements with share="page" (and `attributes`) on one host, in one container. */
async function sharing(host: string, count: number, attributes: Record<string, string> = {}): Promise<PyWebSocketElement[]> {
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  return Array.from({length: count}, () => {
    const element = document.createElement('py-websocket');
    element.setAttribute('share', '');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.setAttribute('host', host);
    return container.appendChild(element);
  });
}
/** Resolves once every element is open (some may have opened before this was called). */
const opened = (elements: PyWebSocketElement[]) =>
  waitUntil(() => elements.every((element) => element.readyState === PyWebSocketElement.OPEN), 'all open');
const texts = (events: Event[]) => events.map((event) => (event as PyWebSocketMessageEvent).data);

describe('<py-websocket share="page">', () => {
  it('reads share from the attribute: bare or "page" shares in the page, "tabs" across tabs, absent not at all', () => {
    const element = document.createElement('py-websocket');
    expect(element.share).to.equal('');
    for (const [value, share] of [['', 'page'], ['page', 'page'], ['tabs', 'tabs'], ['nonsense', 'page']]) {
      element.setAttribute('share', value);
      expect(element.share, value).to.equal(share);
    }
    element.removeAttribute('share');
    expect(element.share).to.equal('');
  });

  it('opens one server connection for every element with the same URL and protocols', async () => {
    const id = uniqueId();
    const elements = await sharing(`/ws/echo?id=${id}`, 4);
    await opened(elements);
    expect(elements.map((element) => element.readyState)).to.deep.equal([1, 1, 1, 1]);
    expect(await serverLog(id)).to.include({opened: 1, open: 1});
  });

  it('gives an element that joins an open socket its own open event', async () => {
    const id = uniqueId();
    const [first] = await sharing(`/ws/echo?id=${id}`, 1);
    await oneEvent(first, 'open');
    const late = document.createElement('py-websocket');
    late.share = 'page';
    late.host = `/ws/echo?id=${id}`;
    first.after(late);
    await oneEvent(late, 'open');
    expect((await serverLog(id)).opened).to.equal(1);
  });

  it('keeps sockets apart for other protocols, other hosts and unshared elements', async () => {
    const id = uniqueId();
    const [a] = await sharing(`/ws/echo?id=${id}`, 1);
    const [b] = await sharing(`/ws/echo?id=${id}`, 1, {protocols: 'chat'});
    const c = await fixture<PyWebSocketElement>(html`<py-websocket host=${`/ws/echo?id=${id}`}></py-websocket>`);
    await opened([a, b, c]);
    expect((await serverLog(id)).opened).to.equal(3);
  });

  it('delivers every message to every element, once and in order', async () => {
    const elements = await sharing('/ws/echo', 3);
    await opened(elements);
    const heard = elements.map((element) => recordEvents(element, ['message']));
    for (let i = 0; i < 20; i++) elements[0].send(`m${i}`);
    await waitUntil(() => heard.every((events) => events.length === 20), 'every element heard all 20');
    const expected = Array.from({length: 20}, (_, i) => `m${i}`);
    for (const events of heard) expect(texts(events)).to.deep.equal(expected);
  });

  it("sends each element's messages once, in that element's order, also those queued before the open", async () => {
    const id = uniqueId();
    const [a, b] = await sharing(`/ws/echo?id=${id}`, 2);
    for (let i = 0; i < 30; i++) {
      a.send(`a${i}`);
      b.send(`b${i}`);
    }
    await opened([a, b]);
    for (let i = 30; i < 60; i++) {
      b.send(`b${i}`);
      a.send(`a${i}`);
    }
    const log = await waitForServer(id, (log) => log.messages.length === 120, 'all 120 at the server');
    for (const sender of ['a', 'b']) {
      const own = log.messages.filter((message) => message.startsWith(sender));
      expect(own, sender).to.deep.equal(Array.from({length: 60}, (_, i) => `${sender}${i}`));
    }
  });

  it("detaches an element alone on its close(): its own clean close event, and its queue handed back", async () => {
    const id = uniqueId();
    const [a, b] = await sharing(`/ws/echo?id=${id}`, 2);
    a.send('from a, queued');
    b.send('from b, queued');
    const [giveup, close] = [oneEvent(a, 'giveup'), oneEvent(a, 'close')];
    a.close(4000, 'leaving');
    expect(a.readyState).to.equal(PyWebSocketElement.CLOSING);
    expect((await giveup).unsent).to.deep.equal(['from a, queued']);
    expect(await close).to.include({code: 4000, reason: 'leaving', wasClean: true});
    expect(a.readyState).to.equal(PyWebSocketElement.CLOSED);
    await opened([b]);
    const log = await waitForServer(id, (log) => log.messages.length === 1, 'b’s message');
    expect(log.messages).to.deep.equal(['from b, queued']);
    expect(log).to.include({opened: 1, open: 1});
    expect(() => a.send('x')).to.throw(DOMException).with.property('name', 'InvalidStateError');
  });

  it('detaches an element alone, without events, on removal and on a host change; the last one closes the socket with 1000', async () => {
    const id = uniqueId();
    const [a, b, c] = await sharing(`/ws/echo?id=${id}`, 3);
    await opened([a, b, c]);
    const events = recordEvents(a, ['close', 'giveup', 'error']);
    a.remove();
    b.host = '/ws/echo';
    await pause(100);
    expect(events).to.deep.equal([]);
    expect(c.readyState).to.equal(PyWebSocketElement.OPEN);
    expect(await serverLog(id)).to.include({opened: 1, open: 1});
    c.remove();
    const log = await waitForServer(id, (log) => log.open === 0, 'the socket closed');
    expect(log.closes).to.deep.equal([{code: 1000, reason: ''}]);
  });

  it('closes the socket itself when the last element calls close()', async () => {
    const id = uniqueId();
    const [a, b] = await sharing(`/ws/echo?id=${id}`, 2);
    await opened([a, b]);
    a.close();
    await oneEvent(a, 'close');
    b.close(4001, 'last');
    expect(await oneEvent(b, 'close')).to.include({code: 4001, wasClean: true});
    const log = await waitForServer(id, (log) => log.open === 0, 'the socket closed');
    expect(log.closes).to.deep.equal([{code: 4001, reason: 'last'}]);
  });

  it('reconnects once for all after a 1012, each element hearing close, reconnecting and open', async () => {
    const server = await FaultServer.start();
    const elements = await sharing(server.host, 3, {'reconnect-delay': '20', 'reconnect-max-delay': '50'});
    await opened(elements);
    const heard = elements.map((element) => recordEvents(element, ['close', 'reconnecting', 'open']));
    await server.act('close', {code: '1012', reason: 'restart'});
    await waitUntil(() => heard.every((events) => events.length === 3), 'each element reconnected', {timeout: 3000});
    for (const events of heard) expect(events.map((event) => event.type)).to.deep.equal(['close', 'reconnecting', 'open']);
    expect((await server.status()).connections).to.equal(2);
    await server.stop();
  });

  it("uses the options of the element that opened the socket", async () => {
    const server = await FaultServer.start();
    const [first] = await sharing(server.host, 1, {'reconnect-delay': '20', 'max-retries': '0'});
    const [second] = await sharing(server.host, 1, {'max-retries': '5'});
    await opened([first, second]);
    const giveups = [oneEvent(first, 'giveup'), oneEvent(second, 'giveup')];
    await server.stop();
    for (const giveup of await Promise.all(giveups)) expect(giveup).to.include({attempts: 0});
  });

  it('lets one element stop reconnecting with preventDefault() while the others go on', async () => {
    const server = await FaultServer.start();
    const [a, b] = await sharing(server.host, 2, {'reconnect-delay': '20', 'reconnect-max-delay': '50'});
    await opened([a, b]);
    a.addEventListener('reconnecting', (event) => event.preventDefault());
    await server.act('close', {code: '1012'});
    await oneEvent(b, 'open');
    expect(a.readyState).to.equal(PyWebSocketElement.CLOSED);
    expect(b.readyState).to.equal(PyWebSocketElement.OPEN);
    await server.stop();
  });
});
