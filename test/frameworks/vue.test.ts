import {expect, waitUntil} from '@open-wc/testing';
import {createApp, nextTick, ref, type App} from 'vue';
import type {PyWebSocketElement, PyWebSocketMessageEvent, PyWebSocketOpenEvent} from '../../src/index.js';
import type {} from '../../src/frameworks/vue.js';
import {uniqueId, waitForServer} from '../helpers.js';

/** A Vue 3 app with `@open` and `@message` on the element, as docs/frameworks.md writes it. */
function echoApp(initialHost: string) {
  const host = ref(initialHost);
  const texts = ref<string[]>([]);
  const app = createApp({
    setup: () => ({
      host,
      texts,
      greet: (event: PyWebSocketOpenEvent) => (event.target as PyWebSocketElement).send(`hello from Vue via ${host.value}`),
      show: (event: PyWebSocketMessageEvent) => texts.value.push(String(event.data)),
    }),
    template: `
      <py-websocket :host="host" @open="greet" @message="show"></py-websocket>
      <p v-for="text in texts">{{ text }}</p>`,
  });
  // Without this, Vue looks for a component named py-websocket and warns.
  app.config.compilerOptions.isCustomElement = (tag) => tag === 'py-websocket';
  return {app, host, texts};
}

describe('<py-websocket> in Vue 3', () => {
  let container: HTMLElement;
  let app: App | undefined;
  beforeEach(() => {
    container = document.body.appendChild(document.createElement('div'));
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
    container.remove();
  });

  it('delivers messages to @message, shown by the template', async () => {
    const echo = echoApp('/ws/echo');
    app = echo.app;
    app.mount(container);
    await waitUntil(() => container.querySelector('p') !== null, 'a message shown');
    expect(container.querySelector('p')!.textContent).to.equal('hello from Vue via /ws/echo');
  });

  it('reconnects when the bound host changes, closing the old socket with 1000', async () => {
    const [first, second] = [uniqueId(), uniqueId()];
    const echo = echoApp(`/ws/echo?id=${first}`);
    app = echo.app;
    app.mount(container);
    await waitUntil(() => echo.texts.value.length === 1, 'the first message');
    echo.host.value = `/ws/echo?id=${second}`;
    await nextTick();
    await waitUntil(() => echo.texts.value.length === 2, 'a message through the new host');
    expect(echo.texts.value[1]).to.equal(`hello from Vue via /ws/echo?id=${second}`);
    const old = await waitForServer(first, (log) => log.closes.length === 1, 'the old socket closed');
    expect(old.closes[0].code).to.equal(1000);
  });

  it('closes the socket when the app unmounts', async () => {
    const id = uniqueId();
    const echo = echoApp(`/ws/echo?id=${id}`);
    app = echo.app;
    app.mount(container);
    await waitUntil(() => echo.texts.value.length === 1, 'a message');
    app.unmount();
    app = undefined;
    const log = await waitForServer(id, (log) => log.closes.length === 1, 'the socket closed');
    expect(log).to.include({opened: 1, open: 0});
    expect(log.closes[0].code).to.equal(1000);
  });
});
