import {expect, fixture, html} from '@open-wc/testing';
import type {PyWebSocketElement} from '../../src/index.js';
import {oneEvent, uniqueId, waitForServer} from '../helpers.js';

/** Sends a marker after the form, and returns what the server got up to it: the form's JSON if it went. */
async function sentBefore(element: PyWebSocketElement, id: string): Promise<string[]> {
  element.send('marker');
  const log = await waitForServer(id, (log) => log.messages.includes('marker'), 'the marker');
  return log.messages.slice(0, log.messages.indexOf('marker'));
}

describe('a form whose submit the page cancelled', () => {
  it('sends nothing when the form says onsubmit="return false"', async () => {
    const id = uniqueId();
    const element = await fixture<PyWebSocketElement>(html`
      <py-websocket host=${`/ws/echo?id=${id}`}><form onsubmit="return false"><input name="a" value="1" /><button>Go</button></form></py-websocket>
    `);
    await oneEvent(element, 'open');
    element.querySelector('button')!.click();
    expect(await sentBefore(element, id)).to.deep.equal([]);
  });

  for (const where of ['the form', 'the document', 'the window'] as const) {
    it(`sends nothing when a listener on ${where} calls preventDefault()`, async () => {
      const id = uniqueId();
      const element = await fixture<PyWebSocketElement>(html`
        <py-websocket host=${`/ws/echo?id=${id}`}><form><input name="a" value="1" /><button>Go</button></form></py-websocket>
      `);
      await oneEvent(element, 'open');
      const target = where === 'the form' ? element.querySelector('form')! : where === 'the document' ? document : window;
      const cancel = (event: Event) => event.preventDefault();
      target.addEventListener('submit', cancel);
      try {
        element.querySelector('button')!.click();
        expect(await sentBefore(element, id)).to.deep.equal([]);
      } finally {
        target.removeEventListener('submit', cancel);
      }
    });
  }

  it('still sends a submit no one cancelled, once, and stays on the page', async () => {
    const id = uniqueId();
    const element = await fixture<PyWebSocketElement>(html`
      <py-websocket host=${`/ws/echo?id=${id}`}><form action="/elsewhere"><input name="a" value="1" /><button>Go</button></form></py-websocket>
    `);
    await oneEvent(element, 'open');
    const url = location.href;
    element.querySelector('button')!.click();
    expect(await sentBefore(element, id)).to.deep.equal(['{"a":"1"}']);
    expect(location.href).to.equal(url);
  });
});

describe('a form inside nested elements', () => {
  it('is sent once, by the nearest element', async () => {
    const [outerId, innerId] = [uniqueId(), uniqueId()];
    const outer = await fixture<PyWebSocketElement>(html`
      <py-websocket host=${`/ws/echo?id=${outerId}`}>
        <py-websocket host=${`/ws/echo?id=${innerId}`}><form><input name="a" value="1" /><button>Go</button></form></py-websocket>
      </py-websocket>
    `);
    const inner = outer.querySelector('py-websocket')!;
    await Promise.all([oneEvent(outer, 'open'), oneEvent(inner, 'open')]);
    inner.querySelector('button')!.click();
    expect(await sentBefore(inner, innerId)).to.deep.equal(['{"a":"1"}']);
    expect(await sentBefore(outer, outerId)).to.deep.equal([]);
  });
});
