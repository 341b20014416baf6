import {expect, fixture, html} from '@open-wc/testing';
import {PyWebSocketElement, type PyWebSocketMessageEvent} from '../src/index.js';
import {decodeJson, encodeJson} from '../src/element/json-format.js';
import {oneEvent, recordEvents, uniqueId, waitForServer} from './helpers.js';

describe('JSON encoding', () => {
  it('encodes values as JSON text and leaves binary data as it is', () => {
    expect(encodeJson({a: [1, 'b']})).to.equal('{"a":[1,"b"]}');
    expect(encodeJson('text')).to.equal('"text"');
    expect(encodeJson(null)).to.equal('null');
    const bytes = new Uint8Array([1, 2]);
    expect(encodeJson(bytes)).to.equal(bytes);
  });

  it("throws JSON.stringify's TypeError for a cycle or a BigInt, and one of its own for what has no JSON", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => encodeJson(cycle)).to.throw(TypeError);
    expect(() => encodeJson(10n)).to.throw(TypeError);
    expect(() => encodeJson(undefined)).to.throw(TypeError, /cannot be sent as JSON/);
  });

  it('decodes JSON text, and names what is wrong with text that is not JSON', () => {
    expect(decodeJson('{"n":1}')).to.deep.equal({json: {n: 1}});
    const bad = decodeJson('{not json');
    expect(bad.problem).to.match(/^A message is not valid JSON: /);
  });
});

describe('<py-websocket format="json">', () => {
  it('sends values as JSON text and gives every message its parsed json', async () => {
    const id = uniqueId();
    const element = await fixture<PyWebSocketElement>(html`<py-websocket format="json" host=${`/ws/echo?id=${id}`}></py-websocket>`);
    element.send({tick: 1, values: [0.5, 'x']});
    const message = await oneEvent(element, 'message');
    expect(message.data).to.equal('{"tick":1,"values":[0.5,"x"]}');
    expect(message.json).to.deep.equal({tick: 1, values: [0.5, 'x']});
    expect(message.detail.json).to.deep.equal({tick: 1, values: [0.5, 'x']});
    expect((await waitForServer(id, (log) => log.messages.length === 1, 'sent')).messages).to.deep.equal(['{"tick":1,"values":[0.5,"x"]}']);
  });

  it('reports text that is not JSON with an error event, then delivers it as it came', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket format="json" host="/ws/send?text=%7Bnot%20json"></py-websocket>`);
    const events = recordEvents(element, ['error', 'message']);
    await oneEvent(element, 'message');
    expect(events.map((event) => event.type)).to.deep.equal(['error', 'message']);
    expect((events[0] as unknown as {message: string}).message).to.match(/not valid JSON/);
    expect(events[1]).to.include({data: '{not json', json: undefined});
    expect(element.readyState).to.equal(PyWebSocketElement.OPEN);
  });

  it('throws the TypeError JSON.stringify throws and leaves the queue as it was', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket format="json" manual host="/ws/echo"></py-websocket>`);
    element.connect();
    element.send({first: true});
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => element.send(cycle)).to.throw(TypeError);
    expect(() => element.send(1n)).to.throw(TypeError);
    expect(element.queued).to.equal(1);
    expect((await oneEvent(element, 'message')).json).to.deep.equal({first: true});
  });

  it('sends binary data as it is, and delivers binary messages without json', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket format="json" binary-type="arraybuffer" host="/ws/echo"></py-websocket>`);
    element.send(new Uint8Array([7, 8]));
    const message = await oneEvent(element, 'message');
    expect([...new Uint8Array(message.data as ArrayBuffer)]).to.deep.equal([7, 8]);
    expect(message.json).to.equal(undefined);
  });

  it('lets TypeScript name the message type', async () => {
    interface Tick {
      tick: number;
    }
    const element = await fixture<PyWebSocketElement>(html`<py-websocket format="json" host="/ws/echo"></py-websocket>`);
    const ticks: number[] = [];
    element.addEventListener('message', (event: PyWebSocketMessageEvent<Tick>) => ticks.push(event.json!.tick));
    element.send({tick: 42});
    await oneEvent(element, 'message');
    expect(ticks).to.deep.equal([42]);
  });
});
