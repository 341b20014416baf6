// Server rendering: `node --test test/node/`, part of `npm test` (after the build).
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {fileURLToPath, pathToFileURL} from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Imports `specifier` in a fresh Node process whose `window` and `document` are traps,
 * and returns what the import exported and which of them it touched.
 */
function importInFreshNode(specifier) {
  const script = `
    const touched = [];
    for (const name of ['window', 'document']) {
      Object.defineProperty(globalThis, name, {configurable: true, get() { touched.push(name); return undefined; }});
    }
    const module = await import(${JSON.stringify(specifier)});
    console.log(JSON.stringify({exports: Object.keys(module).sort(), touched}));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd: root, encoding: 'utf8'});
  return JSON.parse(output);
}

describe('importing on a server', () => {
  for (const specifier of ['py-websocket', 'py-websocket/dist/py-websocket.js']) {
    it(`imports ${specifier} without throwing or touching window and document`, () => {
      const {exports, touched} = importInFreshNode(specifier);
      assert.ok(exports.includes('PyWebSocketElement'), `exports: ${exports}`);
      assert.ok(exports.includes('PyWebSocketMessageEvent'));
      assert.deepEqual(touched, []);
    });
  }
});

describe('frameworks render the tag on the server', () => {
  it('React renderToString renders <py-websocket> with its attributes', async () => {
    await import('py-websocket');
    const {createElement} = await import('react');
    const {renderToString} = await import('react-dom/server');
    const html = renderToString(
      createElement('py-websocket', {host: '/ws/echo', 'reconnect-delay': '500', manual: true, onmessage: () => {}})
    );
    assert.match(html, /^<py-websocket host="\/ws\/echo" reconnect-delay="500" manual=""><\/py-websocket>$/);
  });

  it('Vue SSR renders <py-websocket> with its attributes, once told it is a custom element', async () => {
    await import('py-websocket');
    const {createSSRApp} = await import('vue');
    const {renderToString} = await import('vue/server-renderer');
    const app = createSSRApp({
      data: () => ({url: '/ws/echo'}),
      template: `<main><py-websocket :host="url" reconnect-delay="500" @message="() => {}"></py-websocket></main>`,
    });
    app.config.compilerOptions.isCustomElement = (tag) => tag === 'py-websocket';
    const html = await renderToString(app);
    assert.match(html, /<py-websocket host="\/ws\/echo" reconnect-delay="500"><\/py-websocket>/);
  });

  it('Svelte SSR renders <py-websocket> with its attributes', async () => {
    await import('py-websocket');
    const {compile} = await import('svelte/compiler');
    const {render} = await import('svelte/server');
    const source = `<script>let {url} = $props();</script>
<py-websocket host={url} reconnect-delay="500" onmessage={() => {}}></py-websocket>`;
    const {js} = compile(source, {generate: 'server', name: 'Feed'});
    // Written inside the project so that the compiled module finds svelte in node_modules.
    const dir = `${root}tmp/ssr`;
    mkdirSync(dir, {recursive: true});
    writeFileSync(`${dir}/feed.js`, js.code);
    const {default: Feed} = await import(pathToFileURL(`${dir}/feed.js`).href);
    const {body} = render(Feed, {props: {url: '/ws/echo'}});
    assert.match(body, /<py-websocket host="\/ws\/echo" reconnect-delay="500"><\/py-websocket>/);
  });
});
