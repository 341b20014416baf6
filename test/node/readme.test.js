// Every code block of the README, run as written in an app that installed the packed
// package, its pages opened in Chromium. Each block is preceded by a marker naming how it
// runs and what shows that it worked: <!-- run: page "got hello" -->.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';
import {chromiumArgs, chromiumPath} from '../../scripts/engines/chromium.js';
import {npmInstall, root, sameVersionAs, scratchApp} from './scratch-app.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
const marker = /<!-- run: ([\w-]+)(?: "((?:[^"\\]|\\.)*)")?(?: "((?:[^"\\]|\\.)*)")? -->\n$/;
const unescape = (text) => text?.replace(/\\(.)/g, '$1');

/** Every fenced block, with the marker on the line before it (if any). */
const blocks = [...readme.matchAll(fence)].map((match, index) => {
  const before = readme.slice(0, match.index);
  const [, runner, first, second] = marker.exec(before) ?? [];
  const line = before.split('\n').length;
  // One argument: what must show; two: what to click, then what must show.
  const [click, expect] = second === undefined ? [undefined, unescape(first)] : [unescape(first), unescape(second)];
  return {index, line, lang: match[1], code: match[2], runner, click, expect};
});

/** What shows a Python error in the console: a traceback, a finalizer's complaint, a task's exception nobody took. */
const pythonErrorLine = /Traceback \(most recent call last\)|Exception ignored|exception (was never|wasn't) retrieved|Unhandled exception in event loop/i;
const elementScript = '<script type="module" src="/node_modules/py-websocket/dist/py-websocket.js"></script>';
/** Adds `line` as the last line of a page's last Python script. */
const withLastPythonLine = (html, line) => html.replace(/\n<\/script>(?![\s\S]*<\/script>)/, `\n${line}\n</script>`);

let app;
let server;
let origin;
let browser;

/**
 * Opens `file` of the app and resolves once the console shows `text`, or the page shows it
 * in <output>, or (`css: true`) `text` is a selector that matches. With `click`, clicks that
 * selector once every <py-websocket> of the page is open (a script-free page shows nothing
 * itself: its elements' messages are logged here, as "message: <data>").
 */
async function expectInPage(file, text, {timeout = 30000, click, css = false} = {}) {
  const page = await browser.newPage();
  const seen = [];
  page.on('console', (message) => seen.push(message.text()));
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  try {
    await page.goto(`${origin}/${file}`);
    await page.evaluate(() => {
      for (const element of document.querySelectorAll('py-websocket')) {
        element.addEventListener('message', (event) => console.log(`message: ${event.data}`));
      }
    });
    if (click) {
      // A manual element is connected by the first button (--connect) when there is one.
      const connect = await page.$('button[command="--connect"]');
      if (connect) await connect.click();
      await page.waitForFunction(() => [...document.querySelectorAll('py-websocket')].every((element) => element.readyState === 1));
      await page.click(click);
    }
    const deadline = Date.now() + timeout;
    for (;;) {
      const output = await page.evaluate(() => document.querySelector('output')?.textContent ?? '');
      const matches = css && (await page.evaluate((selector) => document.querySelector(selector) !== null, text));
      if (matches || output.includes(text) || seen.some((line) => line.includes(text))) {
        const pythonErrors = seen.filter((line) => pythonErrorLine.test(line));
        assert.deepEqual(pythonErrors, [], `${file} showed a Python error`);
        return;
      }
      if (Date.now() > deadline) assert.fail(`"${text}" did not show in ${file}; console: ${JSON.stringify(seen)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await page.close();
  }
}

/** Bundles `entry` (a file of the app) for the browser, as an app's build would, into a page. */
async function bundlePage(name, entry) {
  await esbuild.build({
    entryPoints: [join(app, entry)],
    outfile: join(app, `${name}.bundle.js`),
    absWorkingDir: app,
    bundle: true,
    format: 'esm',
    jsx: 'automatic',
    define: {'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false'},
    logLevel: 'silent',
  });
  writeFileSync(join(app, `${name}.html`), `<!doctype html>\n<script type="module" src="./${name}.bundle.js"></script>\n`);
  return `${name}.html`;
}

/** A page of the app that runs Python `code` with PyScript's MicroPython, the py_websocket package beside it. */
function asyncioPage(name, code) {
  const config = {
    interpreter: '/node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs',
    files: {'/node_modules/py-websocket/python/py_websocket.zip': './*'},
  };
  const page =
    `<!doctype html>\n${elementScript}\n<script type="module" src="/node_modules/@pyscript/core/dist/core.js"></script>\n` +
    `<script type="mpy" config='${JSON.stringify(config)}'>\n${code}\n</script>\n`;
  writeFileSync(join(app, `${name}.html`), page);
  return `${name}.html`;
}

/** How each kind of block runs; `name` is a file name of its own in the app. */
const runners = {
  commands({code}) {
    const {scripts} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const [, command] of code.matchAll(/npm (?:run )?([\w:]+)/g)) {
      if (['install', 'ci'].includes(command)) continue;
      assert.ok(scripts[command], `npm ${command} is not a script of package.json`);
    }
  },
  install({code}) {
    // It ran before the others (the app needs it): the package came from the tarball.
    assert.match(code, /^npm install py-websocket$/m);
    assert.ok(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).dependencies['py-websocket']);
  },
  server() {
    // It is serving: every page below is loaded through it.
    assert.ok(origin);
  },
  async page({code, expect}, name) {
    writeFileSync(join(app, `${name}.html`), code);
    await expectInPage(`${name}.html`, expect);
  },
  async click({code, click, expect}, name) {
    writeFileSync(join(app, `${name}.html`), code);
    await expectInPage(`${name}.html`, expect, {click});
  },
  async css({code, expect}, name) {
    writeFileSync(join(app, `${name}.html`), code);
    await expectInPage(`${name}.html`, expect, {css: true});
  },
  async bundle({code, expect}, name) {
    writeFileSync(join(app, `${name}.js`), code);
    await expectInPage(await bundlePage(name, `${name}.js`), expect);
  },
  async react({code, expect}, name) {
    writeFileSync(join(app, `${name}.component.tsx`), code);
    writeFileSync(
      join(app, `${name}.tsx`),
      `import {createRoot} from 'react-dom/client';\nimport App from './${name}.component.tsx';\n` +
        `createRoot(document.body.appendChild(document.createElement('div'))).render(<App />);\n`
    );
    await expectInPage(await bundlePage(name, `${name}.tsx`), expect);
  },
  async 'react-hydrate'({code, expect}, name) {
    writeFileSync(join(app, `${name}.component.tsx`), code);
    writeFileSync(
      join(app, `${name}.tsx`),
      `import {hydrateRoot} from 'react-dom/client';\nimport {renderToString} from 'react-dom/server';\n` +
        `import App from './${name}.component.tsx';\n` +
        `const container = document.body.appendChild(document.createElement('div'));\n` +
        `container.innerHTML = renderToString(<App />); // what a server would have sent\n` +
        `hydrateRoot(container, <App />);\n`
    );
    await expectInPage(await bundlePage(name, `${name}.tsx`), expect);
  },
  async vue({code, expect}, name) {
    const {parse, compileScript} = await import(join(app, 'node_modules/vue/compiler-sfc/index.mjs'));
    const {descriptor} = parse(code, {filename: `${name}.vue`});
    const compiled = compileScript(descriptor, {
      id: name,
      inlineTemplate: true,
      templateOptions: {compilerOptions: {isCustomElement: (tag) => tag === 'py-websocket'}},
    });
    writeFileSync(join(app, `${name}.component.ts`), compiled.content);
    writeFileSync(
      join(app, `${name}.ts`),
      `import {createApp} from 'vue';\nimport Component from './${name}.component.ts';\n` +
        `createApp(Component).mount(document.body.appendChild(document.createElement('div')));\n`
    );
    await expectInPage(await bundlePage(name, `${name}.ts`), expect);
  },
  async svelte({code, expect}, name) {
    const {compile} = await import(join(app, 'node_modules/svelte/src/compiler/index.js'));
    writeFileSync(join(app, `${name}.component.js`), compile(code, {filename: `${name}.svelte`, generate: 'client'}).js.code);
    writeFileSync(
      join(app, `${name}.js`),
      `import {mount} from 'svelte';\nimport Component from './${name}.component.js';\n` +
        `mount(Component, {target: document.body});\n`
    );
    await expectInPage(await bundlePage(name, `${name}.js`), expect);
  },
  async 'python-module'({code, expect}, name) {
    // The Brython recipe below, around the block.
    const page = `<!doctype html>\n${elementScript}\n<script src="/node_modules/brython/brython.min.js"></script>\n` +
      `<script src="/node_modules/py-websocket/python/py_websocket.brython.js"></script>\n` +
      `<script type="text/python">\n${code}\n</script>\n`;
    writeFileSync(join(app, `${name}.html`), page);
    await expectInPage(`${name}.html`, expect);
  },
  async 'python-asyncio'({code, expect}, name) {
    await expectInPage(asyncioPage(name, code), expect, {timeout: 60000});
  },
  async 'cpython-in-page'({code, expect}, name) {
    // The CPython client with what the README says changes: the import's first word, and an address the page reaches.
    assert.match(code, /^from websockets\.asyncio\.client import connect$/m);
    const inPage = code.replace('from websockets.', 'from py_websocket.').replace('ws://localhost:8765', '/ws/echo');
    const shown = blocks.find((block) => block.runner === 'python-asyncio').code;
    assert.equal(inPage, shown, 'the page version differs from the CPython one only in its import and address');
    await expectInPage(asyncioPage(name, inPage), expect, {timeout: 60000});
  },
  async node({code, expect}, name) {
    // Run with Node in the app, against the README's server (the block's address is its default).
    writeFileSync(join(app, `${name}.mjs`), code.replaceAll('ws://localhost:8000', origin.replace(/^http/, 'ws')));
    const output = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [`${name}.mjs`], {cwd: app, stdio: ['ignore', 'pipe', 'inherit']});
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`exited with ${code}: ${text}`))));
    });
    assert.ok(output.includes(expect), `${JSON.stringify(expect)} not in ${JSON.stringify(output)}`);
  },
  async recipe({lang, code}, name) {
    // A loading recipe: it worked when a line added after it runs.
    const page =
      lang === 'js'
        ? `<!doctype html>\n${elementScript}\n<script type="module">\n${code}\nconsole.log('readme: loaded');\n</script>\n`
        : `<!doctype html>\n${elementScript}\n${withLastPythonLine(code, 'print("readme: loaded")')}\n`;
    writeFileSync(join(app, `${name}.html`), page);
    await expectInPage(`${name}.html`, 'readme: loaded', {timeout: 60000});
  },
};

before(async () => {
  let tarball;
  ({app, tarball} = scratchApp());
  // The install block, with the packed package in place of the registry's.
  npmInstall(app, [tarball]);
  // What the examples name: ws for the server, the Python runtimes, the frameworks.
  const used = ['ws', 'brython', 'pyodide', '@pyscript/core', '@micropython/micropython-webassembly-pyscript', 'react', 'react-dom', 'vue', 'svelte'];
  npmInstall(app, used.map(sameVersionAs));
  const serverBlock = blocks.find((block) => block.runner === 'server');
  writeFileSync(join(app, 'server.mjs'), serverBlock.code);
  server = spawn(process.execPath, ['server.mjs'], {cwd: app, env: {...process.env, PORT: '0'}, stdio: ['ignore', 'pipe', 'inherit']});
  origin = await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      const url = /http:\/\/localhost:(\d+)\//.exec(String(chunk));
      if (url) resolve(`http://127.0.0.1:${url[1]}`);
    });
    server.on('exit', (code) => reject(new Error(`server.mjs exited with ${code}`)));
  });
  browser = await puppeteer.launch({executablePath: chromiumPath, headless: true, args: chromiumArgs});
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (app) rmSync(app, {recursive: true, force: true});
});

describe('README code blocks', () => {
  it('every block says how it runs', () => {
    const unmarked = blocks.filter((block) => !runners[block.runner]);
    assert.deepEqual(unmarked.map(({line, runner}) => `line ${line}: ${runner ?? 'no marker'}`), []);
  });

  for (const block of blocks.filter((block) => runners[block.runner])) {
    it(`runs the ${block.lang} block at line ${block.line} (${block.runner})`, {timeout: 90000}, () =>
      runners[block.runner](block, `readme-${block.index}`)
    );
  }
});
