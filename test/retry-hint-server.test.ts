import {expect} from '@open-wc/testing';
import type {PyWebSocketReconnectingEvent} from '../src/index.js';
import {nativeCloseCode, oneEvent, serverLog, socketElement, uniqueId} from './helpers.js';

describe('<py-websocket> retry hints from a real server', () => {
  it('waits what a 1012 "retry-after=1" says, past reconnect-max-delay, and says so in reconnecting', async function () {
    // WebKitGTK reports a 1012 as 1006 with no reason: the hint never reaches the page there.
    if ((await nativeCloseCode(1012)) !== 1012) this.skip();
    const id = uniqueId();
    const element = await socketElement(`/ws/close-first?id=${id}&code=1012&reason=${encodeURIComponent('deploy; retry-after=1')}`, {
      'reconnect-max-delay': '100',
    });
    const reconnecting = (await oneEvent(element, 'reconnecting')) as PyWebSocketReconnectingEvent;
    expect(reconnecting.code).to.equal(1012);
    expect(reconnecting.reason).to.equal('deploy; retry-after=1');
    expect(reconnecting.delay).to.equal(1000);
    await oneEvent(element, 'open');
    const {handshakes} = await serverLog(id);
    expect(handshakes.length).to.equal(2);
    // The server's own clock: the second handshake came at least the hinted second after the first.
    expect(handshakes[1].at - handshakes[0].at).to.be.at.least(1000);
    element.remove();
  });

  it('waits what a 1011 "retry-after=1" says', async function () {
    if ((await nativeCloseCode(1011)) !== 1011) this.skip();
    const id = uniqueId();
    const element = await socketElement(`/ws/close-first?id=${id}&code=1011&reason=${encodeURIComponent('overloaded; retry-after=1')}`, {
      'reconnect-max-delay': '100',
    });
    const reconnecting = (await oneEvent(element, 'reconnecting')) as PyWebSocketReconnectingEvent;
    expect(reconnecting.code).to.equal(1011);
    expect(reconnecting.delay).to.equal(1000);
    await oneEvent(element, 'open');
    const {handshakes} = await serverLog(id);
    expect(handshakes[1].at - handshakes[0].at).to.be.at.least(1000);
    element.remove();
  });

  it('backs off as usual when the reason holds no hint', async () => {
    const id = uniqueId();
    const element = await socketElement(`/ws/close-first?id=${id}&code=1012&reason=deploy`, {'reconnect-max-delay': '100'});
    const reconnecting = (await oneEvent(element, 'reconnecting')) as PyWebSocketReconnectingEvent;
    expect(reconnecting.delay).to.be.within(0, 100);
    await oneEvent(element, 'open');
    element.remove();
  });
});
