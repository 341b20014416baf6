import {expect, waitUntil} from '@open-wc/testing';
import {useEffect, useRef, useState} from 'react';
import {createRoot, hydrateRoot, type Root} from 'react-dom/client';
import {renderToString} from 'react-dom/server';
import type {PyWebSocketElement, PyWebSocketMessageEvent} from '../../src/index.js';
import type {} from '../../src/frameworks/react.js';
import {serverLog, uniqueId, waitForServer} from '../helpers.js';

/** React's own event props: the lowercase names of the element's events. */
function Echo({host, onText}: {host: string; onText: (text: string) => void}) {
  return (
    <py-websocket
      host={host}
      onopen={(event) => (event.currentTarget as PyWebSocketElement).send(`hello from React via ${host}`)}
      onmessage={(event) => onText(String(event.data))}
    />
  );
}

/**
 * The way docs/frameworks.md tells server-rendered apps to listen: a ref and addEventListener
 * (React does not add a custom element's event props when it hydrates).
 */
function HydratedEcho({host}: {host: string}) {
  const socket = useRef<PyWebSocketElement>(null);
  const [last, setLast] = useState('');
  useEffect(() => {
    const element = socket.current!;
    const onMessage = (event: PyWebSocketMessageEvent) => setLast(String(event.data));
    element.addEventListener('message', onMessage);
    return () => element.removeEventListener('message', onMessage);
  }, []);
  return (
    <>
      <py-websocket ref={socket} host={host} />
      <button onClick={() => socket.current!.send('hello from a hydrated app')}>send</button>
      <output>{last}</output>
    </>
  );
}

describe('<py-websocket> in React 19', () => {
  let container: HTMLElement;
  let root: Root | undefined;
  beforeEach(() => {
    container = document.body.appendChild(document.createElement('div'));
  });
  afterEach(() => {
    root?.unmount();
    root = undefined;
    container.remove();
  });

  it('delivers messages through its onmessage prop', async () => {
    const texts: string[] = [];
    root = createRoot(container);
    root.render(<Echo host="/ws/echo" onText={(text) => texts.push(text)} />);
    await waitUntil(() => texts.length > 0, 'a message');
    expect(texts).to.deep.equal(['hello from React via /ws/echo']);
  });

  it('reconnects when the host prop changes, closing the old socket with 1000', async () => {
    const [first, second] = [uniqueId(), uniqueId()];
    const texts: string[] = [];
    root = createRoot(container);
    root.render(<Echo host={`/ws/echo?id=${first}`} onText={(text) => texts.push(text)} />);
    await waitUntil(() => texts.length === 1, 'the first message');
    root.render(<Echo host={`/ws/echo?id=${second}`} onText={(text) => texts.push(text)} />);
    await waitUntil(() => texts.length === 2, 'a message through the new host');
    expect(texts[1]).to.equal(`hello from React via /ws/echo?id=${second}`);
    const old = await waitForServer(first, (log) => log.closes.length === 1, 'the old socket closed');
    expect(old.closes[0].code).to.equal(1000);
    expect(container.querySelectorAll('py-websocket')).to.have.length(1);
  });

  it('closes the socket when the component unmounts', async () => {
    const id = uniqueId();
    const texts: string[] = [];
    root = createRoot(container);
    root.render(<Echo host={`/ws/echo?id=${id}`} onText={(text) => texts.push(text)} />);
    await waitUntil(() => texts.length === 1, 'a message');
    root.unmount();
    root = undefined;
    const log = await waitForServer(id, (log) => log.closes.length === 1, 'the socket closed');
    expect(log).to.include({opened: 1, open: 0});
    expect(log.closes[0].code).to.equal(1000);
  });

  it('works after hydrateRoot, listening through a ref as docs/frameworks.md shows', async () => {
    const id = uniqueId();
    const app = <HydratedEcho host={`/ws/echo?id=${id}`} />;
    // What a server sent: the element is in the page (and connecting) before React hydrates.
    container.innerHTML = renderToString(app);
    root = hydrateRoot(container, app);
    await waitUntil(() => container.querySelector('py-websocket')!.readyState === 1, 'open');
    container.querySelector('button')!.click();
    await waitUntil(() => container.querySelector('output')!.textContent !== '', 'the echo shown');
    expect(container.querySelector('output')!.textContent).to.equal('hello from a hydrated app');
    expect((await serverLog(id)).opened, 'hydration kept the one socket').to.equal(1);
  });
});
