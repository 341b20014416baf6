import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {PyWebSocketElement, type PyWebSocketGiveupEvent, type PyWebSocketMessageEvent} from '../../src/index.js';
import {oneEvent, openSocket, recordEvents, socketElement, uniqueId, waitForServer} from '../helpers.js';
import {watchFrame} from '../setup/page-errors.js';

type Realm = Window & typeof globalThis;

/** Another realm: a same-origin frame, whose ArrayBuffer, Blob and views are not this page's. */
async function otherRealm(): Promise<Realm> {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe></iframe>`);
  watchFrame(frame);
  return frame.contentWindow as Realm;
}

/** What the echo server logged for binary messages ("binary:<length>") and text. */
const logged = async (id: string, count: number) => (await waitForServer(id, (log) => log.messages.length >= count, `${count} at the server`)).messages;

function typeErrorOf(run: () => void): string {
  try {
    run();
  } catch (error) {
    return `${(error as Error).name}`;
  }
  return 'nothing thrown';
}

describe('send() with objects of another realm', () => {
  for (const when of ['while connecting (queued)', 'when open'] as const) {
    it(`sends an ArrayBuffer, a typed array, a DataView and a Blob from a frame as binary, ${when}`, async () => {
      const realm = await otherRealm();
      const id = uniqueId();
      const element = when === 'when open' ? await openSocket(`/ws/echo?id=${id}`) : await socketElement(`/ws/echo?id=${id}`);
      const bytes = new realm.Uint8Array([1, 2, 3, 4, 5]);
      element.send(bytes.buffer);
      element.send(new realm.Uint8Array([6, 7]));
      element.send(new realm.DataView(bytes.buffer, 1, 3));
      element.send(new realm.Blob([new realm.Uint8Array([8, 9, 10, 11])]));
      bytes.fill(0); // reused afterwards: what was sent does not change
      expect(await logged(id, 4)).to.deep.equal(['binary:5', 'binary:2', 'binary:3', 'binary:4']);
    });

    it(`sends another realm's binary data as it is with format="json", ${when}`, async () => {
      const realm = await otherRealm();
      const id = uniqueId();
      const element = await socketElement(`/ws/echo?id=${id}`, {format: 'json', 'binary-type': 'arraybuffer'});
      if (when === 'when open') await oneEvent(element, 'open');
      element.send(new realm.Uint8Array([1, 2, 3]).buffer);
      element.send(new realm.Blob(['ab']));
      element.send({text: 'json still'});
      expect(await logged(id, 3)).to.deep.equal(['binary:3', 'binary:2', '{"text":"json still"}']);
    });
  }

  it('hands another realm\'s binary data back in giveup as binary, with its bytes', async () => {
    const realm = await otherRealm();
    const element = await socketElement('/ws/echo', {manual: ''});
    element.connect();
    element.send(new realm.Uint8Array([5, 6, 7]).buffer);
    const giveup = oneEvent(element, 'giveup');
    element.close();
    const [unsent] = (await giveup as PyWebSocketGiveupEvent).unsent as ArrayBuffer[];
    expect([...new Uint8Array(unsent)]).to.deep.equal([5, 6, 7]);
  });
});

describe('send() refuses what the native send() refuses, in every state, leaving the queue as it was', () => {
  const refused: [string, (realm: Realm) => unknown[]][] = [
    ['no argument', () => []],
    ['a Symbol', () => [Symbol('s')]],
    ['a view on a SharedArrayBuffer', (realm) => [new realm.Uint8Array(new realm.WebAssembly.Memory({initial: 1, maximum: 1, shared: true}).buffer)]],
  ];
  for (const [what, args] of refused) {
    for (const when of ['while connecting', 'when open'] as const) {
      it(`throws a TypeError for ${what} ${when}`, async () => {
        const realm = await otherRealm();
        const id = uniqueId();
        const element = when === 'when open' ? await openSocket(`/ws/echo?id=${id}`) : await socketElement(`/ws/echo?id=${id}`);
        const queued = element.queued;
        const send = element.send as (...args: unknown[]) => void;
        expect(typeErrorOf(() => send.apply(element, args(realm)))).to.equal('TypeError');
        expect(element.queued).to.equal(queued);
        element.send('after');
        expect(await logged(id, 1)).to.deep.equal(['after']);
      });
    }
  }

  it('throws the same TypeError with format="json"', async () => {
    const element = await socketElement('/ws/echo', {format: 'json'});
    expect(typeErrorOf(() => (element.send as () => void)())).to.equal('TypeError');
    expect(typeErrorOf(() => element.send(Symbol('s')))).to.equal('TypeError');
    expect(element.queued).to.equal(0);
  });

  it('sends a plain object as its string, as the native send() does, and never "undefined"', async () => {
    const id = uniqueId();
    const element = await socketElement(`/ws/echo?id=${id}`);
    element.send({toString: () => 'converted now'});
    element.send(undefined);
    element.send(null);
    expect(await logged(id, 3)).to.deep.equal(['converted now', 'undefined', 'null']);
  });
});

describe('share="page" with binary-type="arraybuffer"', () => {
  for (const how of ['transfers', 'writes into'] as const) {
    it(`gives each element its own ArrayBuffer: one listener that ${how} it changes nothing the others get`, async () => {
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      const elements = [0, 1, 2].map(() => {
        const element = document.createElement('py-websocket');
        element.share = 'page';
        element.binaryType = 'arraybuffer';
        element.host = '/ws/echo';
        return container.appendChild(element);
      });
      await waitUntil(() => elements.every((element) => element.readyState === PyWebSocketElement.OPEN), 'all open');
      elements[0].addEventListener('message', (event) => {
        const data = event.data as ArrayBuffer;
        if (how === 'transfers') structuredClone(data, {transfer: [data]});
        else new Uint8Array(data).fill(0);
      });
      const heard = elements.map((element) => recordEvents(element, ['message']));
      elements[1].send(new Uint8Array([1, 2, 3, 4]));
      await waitUntil(() => heard.every((events) => events.length === 1), 'every element heard it');
      for (const events of heard.slice(1)) {
        expect([...new Uint8Array((events[0] as PyWebSocketMessageEvent).data as ArrayBuffer)]).to.deep.equal([1, 2, 3, 4]);
      }
    });
  }
});
