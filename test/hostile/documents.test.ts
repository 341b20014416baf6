import {expect, fixture, html} from '@open-wc/testing';
import {PyWebSocketElement} from '../../src/index.js';
import {oneEvent, openSocket, pause, serverLog, uniqueId, waitForServer} from '../helpers.js';
import {watchFrame} from '../setup/page-errors.js';

async function frame(): Promise<HTMLIFrameElement> {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe></iframe>`);
  watchFrame(frame);
  return frame;
}

describe('an element moved into another document', () => {
  it("closes its socket (1000) when adopted into a frame's document, and connects anew there", async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    const target = await frame();
    const reopened = oneEvent(element, 'open');
    target.contentDocument!.body.append(element);
    await reopened;
    const log = await waitForServer(id, (log) => log.closes.length === 1, 'the first socket closed');
    expect(log.closes[0].code).to.equal(1000);
    expect(log).to.include({opened: 2, open: 1});
    element.send('from the new document');
    await waitForServer(id, (log) => log.messages.length === 1, 'the message');
  });

  it('closes its socket when the frame it moved into is removed, and sends nothing more', async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    const target = await frame();
    const reopened = oneEvent(element, 'open');
    target.contentDocument!.body.append(element);
    await reopened;
    target.remove();
    const log = await waitForServer(id, (log) => log.open === 0, 'every socket closed');
    expect(log.closes.map(({code}) => code)).to.deep.equal([1000, 1000]);
    expect(() => element.send('after the frame went')).to.throw(DOMException);
    await pause(50);
    expect((await serverLog(id)).messages).to.deep.equal([]);
  });

  it('closes its socket when adopted into a document without a window, and does not connect there', async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    const inert = document.implementation.createHTMLDocument('');
    inert.body.append(element);
    const log = await waitForServer(id, (log) => log.open === 0, 'the socket closed');
    expect(log.closes).to.deep.equal([{code: 1000, reason: ''}]);
    await pause(100);
    expect((await serverLog(id)).opened).to.equal(1);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    expect(() => element.send('nowhere')).to.throw(DOMException);
  });

  it('keeps its connection when moved within its own document', async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    const other = await fixture<HTMLDivElement>(html`<div></div>`);
    other.append(element);
    await pause(50);
    expect(await serverLog(id)).to.include({opened: 1, open: 1});
    expect(element.readyState).to.equal(PyWebSocketElement.OPEN);
  });
});
