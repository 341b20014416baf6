import {expect, waitUntil} from '@open-wc/testing';
import {PyWebSocketElement, type PyWebSocketConnectingEvent, type PyWebSocketGiveupEvent, type PyWebSocketMessageEvent} from '../src/index.js';
import {oneEvent, serverLog, uniqueId} from './helpers.js';

/** Moments where two of the element's own states meet: what it was asked to do last decides. */
describe('<py-websocket> between two of its states', () => {
  // First in this file: sharing has not loaded in this page yet.
  it('connect() while sharing loads goes to the host set meanwhile, even once the element is manual', async () => {
    const [first, second] = [uniqueId(), uniqueId()];
    const element = document.createElement('py-websocket');
    element.share = 'page';
    element.host = `/ws/echo?id=${first}`;
    document.body.append(element);
    try {
      element.connect();
      element.host = `/ws/echo?id=${second}`;
      element.manual = true;
      await oneEvent(element, 'open');
      expect(element.url).to.include(`id=${second}`);
      expect((await serverLog(first)).opened).to.equal(0);
    } finally {
      element.remove();
    }
  });

  it("a promise of an earlier attempt's connecting event, settling late, leaves the current attempt its host change", async () => {
    const id = uniqueId();
    const element = document.createElement('py-websocket');
    element.setAttribute('connect-timeout', '300');
    element.setAttribute('reconnect-delay', '10');
    element.host = `/ws/echo?id=${uniqueId()}`;
    const attempts: number[] = [];
    const settle: (() => void)[] = [];
    element.addEventListener('connecting', (event: PyWebSocketConnectingEvent) => {
      attempts.push(event.attempt);
      // The first attempt's promise outlives its connect timeout; the second one's waits for the test.
      event.waitUntil(new Promise<void>((resolve) => settle.push(resolve)));
    });
    document.body.append(element);
    try {
      await waitUntil(() => attempts.length === 2, 'a second attempt, after the first timed out', {timeout: 5000});
      settle[0]();
      await new Promise((resolve) => setTimeout(resolve));
      element.host = `/ws/echo?id=${id}`;
      await new Promise((resolve) => setTimeout(resolve));
      settle[1]();
      await oneEvent(element, 'open');
      expect(element.url).to.include(`id=${id}`);
      expect(attempts).to.deep.equal([0, 1]);
    } finally {
      element.remove();
    }
  });

  it('messages handed back while the host changes wait for the socket to the new host', async () => {
    const id = uniqueId();
    const element = document.createElement('py-websocket');
    element.host = '/ws/close?code=1011';
    element.addEventListener('close', () => element.send('queued'), {once: true});
    element.addEventListener('reconnecting', (event) => {
      element.host = `/ws/echo?id=${id}`;
      event.preventDefault();
    });
    const errors: unknown[] = [];
    element.addEventListener('giveup', (event: PyWebSocketGiveupEvent) => {
      try {
        expect(element.readyState).to.equal(PyWebSocketElement.CONNECTING);
        for (const data of event.unsent) element.send(data);
      } catch (error) {
        errors.push(error);
      }
    });
    const echoed = new Promise<PyWebSocketMessageEvent>((resolve) => element.addEventListener('message', resolve, {once: true}));
    document.body.append(element);
    try {
      expect((await echoed).data).to.equal('queued');
      expect(errors).to.deep.equal([]);
      expect(element.url).to.include(`id=${id}`);
    } finally {
      element.remove();
    }
  });
});
