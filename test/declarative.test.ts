import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {PyWebSocketElement, type PyWebSocketErrorEvent} from '../src/index.js';
import {formFields} from '../src/element/declarative.js';
import {oneEvent, pause, recordEvents, serverLog, uniqueId, waitForServer} from './helpers.js';

/** Whether this browser has invoker commands (buttons with commandfor/command). */
const hasCommands = 'commandForElement' in HTMLButtonElement.prototype;

describe('<py-websocket> invoker commands', () => {
  it(hasCommands ? 'connects, sends the button’s value and closes from buttons, without script' : 'leaves the buttons inert, throwing nothing, where there are no invoker commands', async () => {
    const id = uniqueId();
    const container = await fixture<HTMLDivElement>(html`
      <div>
        <py-websocket id="cmd-socket" manual host=${`/ws/echo?id=${id}`}></py-websocket>
        <button commandfor="cmd-socket" command="--connect">Connect</button>
        <button commandfor="cmd-socket" command="--send" value="hello from a button">Send</button>
        <button commandfor="cmd-socket" command="--close">Close</button>
        <button commandfor="cmd-socket" command="--unknown">Other</button>
      </div>
    `);
    const element = container.querySelector('py-websocket')!;
    const [connect, send, close, other] = container.querySelectorAll('button');
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    try {
      connect.click();
      if (!hasCommands) {
        send.click();
        close.click();
        await pause(100);
        expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
        expect(errors).to.deep.equal([]);
        return;
      }
      await oneEvent(element, 'open');
      send.click();
      other.click();
      expect((await oneEvent(element, 'message')).data).to.equal('hello from a button');
      close.click();
      expect(await oneEvent(element, 'close')).to.include({code: 1000});
      const log = await waitForServer(id, (log) => log.closes.length === 1, 'the close at the server');
      expect(log.messages).to.deep.equal(['hello from a button']);
      expect(log.closes[0].code).to.equal(1000);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('reports a --send that cannot be sent as an error event, not an exception', async function () {
    if (!hasCommands) this.skip();
    const container = await fixture<HTMLDivElement>(html`
      <div>
        <py-websocket id="closed-socket"></py-websocket>
        <button commandfor="closed-socket" command="--send" value="x">Send</button>
      </div>
    `);
    const element = container.querySelector('py-websocket')!;
    const error = oneEvent(element, 'error');
    container.querySelector('button')!.click();
    expect((await error).message).to.match(/^Could not send: .*no host is set/);
  });
});

describe('<py-websocket> forms', () => {
  it('turns fields into one object: repeated names as arrays, the submitter included', async () => {
    const form = await fixture<HTMLFormElement>(html`
      <form>
        <input name="text" value="hi" />
        <input name="tag" value="a" /><input name="tag" value="b" />
        <input name="__proto__" value="kept" />
        <button name="action" value="post">Post</button>
      </form>
    `);
    expect(formFields(form, form.querySelector('button'))).to.deep.equal({
      fields: JSON.parse('{"text":"hi","tag":["a","b"],"__proto__":"kept","action":"post"}'),
    });
  });

  it('sends a submitted form as one JSON object text, and stays on the page', async () => {
    const id = uniqueId();
    const element = await fixture<PyWebSocketElement>(html`
      <py-websocket host=${`/ws/echo?id=${id}`}>
        <form action="/elsewhere">
          <input name="text" value="hello" />
          <select name="room" multiple><option selected>a</option><option selected>b</option></select>
          <button name="via" value="form">Send</button>
        </form>
      </py-websocket>
    `);
    await oneEvent(element, 'open');
    const url = location.href;
    element.querySelector('button')!.click();
    const log = await waitForServer(id, (log) => log.messages.length === 1, 'the form at the server');
    expect(JSON.parse(log.messages[0])).to.deep.equal({text: 'hello', room: ['a', 'b'], via: 'form'});
    await pause(50);
    expect(location.href).to.equal(url);
  });

  it('sends the same JSON text with format="json" (not encoded twice)', async () => {
    const id = uniqueId();
    const element = await fixture<PyWebSocketElement>(html`
      <py-websocket format="json" host=${`/ws/echo?id=${id}`}><form><input name="n" value="1" /></form></py-websocket>
    `);
    element.querySelector('form')!.requestSubmit();
    expect((await oneEvent(element, 'message')).json).to.deep.equal({n: '1'});
    expect((await serverLog(id)).messages).to.deep.equal(['{"n":"1"}']);
  });

  it('sends nothing for a form with a file field, and names the field in an error event', async () => {
    const id = uniqueId();
    const element = await fixture<PyWebSocketElement>(html`
      <py-websocket host=${`/ws/echo?id=${id}`}><form><input name="note" value="x" /><input type="file" name="attachment" /></form></py-websocket>
    `);
    await oneEvent(element, 'open');
    const events = recordEvents(element, ['error']);
    element.querySelector('form')!.requestSubmit();
    await waitUntil(() => events.length === 1, 'an error event');
    expect((events[0] as PyWebSocketErrorEvent).message).to.equal('The form\'s file field "attachment" cannot be sent as text: nothing was sent.');
    await pause(100);
    expect((await serverLog(id)).messages).to.deep.equal([]);
  });
});
