// Every code block of README.md and docs/, run as written, in order, in one app folder: the
// install block installs the packed package, the example server serves the app, and each
// page opens in Chromium and Firefox (DOCS_ENGINES=chromium picks one). Each block is preceded
// by a marker naming how it runs, the file it is and what shows that it worked:
// <!-- run: page index.html "got hello" -->.
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {after, before, describe, it} from 'node:test';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';
import {chromiumArgs, chromiumPath} from '../../scripts/engines/chromium.js';
import {firefoxPath, firefoxPrefs} from '../../scripts/engines/firefox.js';
import {freePort} from '../../scripts/free-port.js';
import {blocksOf, docPages} from './doc-blocks.js';
import {npmInstall, root, sameVersionAs, scratchApp} from './scratch-app.js';

// DOCS_PAGES=docs/api.md,… runs some pages only (and the README, which installs and serves).
const pages = docPages().filter((page) => !process.env.DOCS_PAGES || page === 'README.md' || process.env.DOCS_PAGES.split(',').includes(page));
const blocks = pages.flatMap(blocksOf);
const engines = (process.env.DOCS_ENGINES ?? 'chromium,firefox').split(',');
const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** How the docs name the tarball, seen from the reader's app: a clone of this repository beside it. */
const tarballPath = `../py-websocket/py-websocket-${version}.tgz`;

/** What shows a Python error in the console: a traceback, a finalizer's complaint, a task's exception nobody took. */
const pythonErrorLine = /Traceback \(most recent call last\)|Exception ignored|exception (was never|wasn't) retrieved|Unhandled exception in event loop/i;
const elementScript = '<script type="module" src="/node_modules/py-websocket/dist/py-websocket.js"></script>';

let app;
let tarball;
let server;
let serverPort;
let origin;
const browsers = {};

/**
 * Opens `file` of the app (or a full URL) in every engine and resolves once the page shows
 * `text` in an <output> or a list, or the console shows it, or (`css: true`) `text` is a
 * selector that matches. With `click`, clicks that selector once every <py-websocket> of the
 * page is open (after the page's first --connect button, if it has one), and `text` must
 * show on the page itself: a script-free page shows its result.
 */
async function expectInPage(file, text, options = {}) {
  for (const engine of engines) await expectInEngine(engine, file, text, options);
}

async function expectInEngine(engine, file, text, {timeout = 60000, click, css = false}) {
  const page = await browsers[engine].newPage();
  const seen = [];
  page.on('console', (message) => seen.push(message.text()));
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  try {
    await page.goto(/^https?:/.test(file) ? file : `${origin}/${file}`);
    if (click) {
      const connect = await page.$('button[command="--connect"]');
      if (connect) await connect.click();
      await page.waitForFunction(() => [...document.querySelectorAll('py-websocket')].every((element) => element.readyState === 1), {timeout});
      await page.click(click);
    }
    const deadline = Date.now() + timeout;
    for (;;) {
      const shown = await page.evaluate(() => [...document.querySelectorAll('output, li')].map((element) => element.textContent).join('\n'));
      const matches = css && (await page.evaluate((selector) => document.querySelector(selector) !== null, text));
      if (matches || shown.includes(text) || (!click && seen.some((line) => line.includes(text)))) {
        const problems = seen.filter((line) => pythonErrorLine.test(line) || line.startsWith('page error:'));
        assert.deepEqual(problems, [], `${file} in ${engine} showed an error`);
        return;
      }
      if (Date.now() > deadline) assert.fail(`"${text}" did not show in ${file} in ${engine}; console: ${JSON.stringify(seen)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await page.close();
  }
}

/** Runs a shell block in the app (or in `folder`, seen from it), npm from its cache where it can. */
function runShell(code, folder = '.') {
  const script = code.replace(/^(.*\bnpm install\b.*)$/gm, '$1 --prefer-offline --no-audit --no-fund --loglevel=error');
  // (its output shows only when it fails: execFileSync puts stderr in the error)
  execFileSync('sh', ['-e', '-c', script], {cwd: join(app, folder), stdio: 'pipe'});
}

/** Starts `npx vite` in `folder` of the app, its proxy pointed at the example server's port; resolves with its URL and a stop(). */
async function startVite(folder) {
  const config = join(app, folder, 'vite.config.js');
  const text = readFileSync(config, 'utf8');
  assert.match(text, /'http:\/\/127\.0\.0\.1:8000'/, 'the proxy points at the example server');
  writeFileSync(config, text.replace("'http://127.0.0.1:8000'", `'http://127.0.0.1:${serverPort}'`));
  const port = await freePort();
  // NO_COLOR: with CI set, vite colours its output and prints the port in bold.
  const env = {...process.env, NO_COLOR: '1'};
  const vite = spawn('npx', ['vite', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {cwd: join(app, folder), env, stdio: ['ignore', 'pipe', 'inherit'], detached: true});
  await new Promise((resolve, reject) => {
    vite.stdout.on('data', (chunk) => String(chunk).replace(/\x1b\[[0-9;]*m/g, '').includes(`:${port}`) && resolve());
    vite.on('exit', (code) => reject(new Error(`vite exited with ${code}`)));
  });
  return {url: `http://127.0.0.1:${port}/`, stop: () => process.kill(-vite.pid)};
}

/** Writes `code` as `file` of the app. */
function save(file, code) {
  mkdirSync(dirname(join(app, file)), {recursive: true});
  writeFileSync(join(app, file), code);
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
    files: {'/node_modules/py-websocket/python/py_websocket.self-unpacking.py': './py_websocket/__init__.py'},
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
  pack({code}) {
    // It ran before the others, as `npm pack` (the build had run), in the clone beside the app:
    // the tarball it wrote is where the docs' install lines find it.
    assert.equal(code.trim(), 'npm pack');
    assert.equal(resolve(app, tarballPath), tarball);
  },
  install({code}) {
    assert.ok(code.includes(tarballPath), `the install block installs ${tarballPath}`);
    runShell(code);
    assert.ok(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).dependencies['py-websocket']);
  },
  async server({code}) {
    save('server.mjs', code);
    server = spawn(process.execPath, ['server.mjs'], {cwd: app, env: {...process.env, PORT: '0'}, stdio: ['ignore', 'pipe', 'inherit']});
    serverPort = await new Promise((resolve, reject) => {
      server.stdout.on('data', (chunk) => {
        const url = /http:\/\/localhost:(\d+)\//.exec(String(chunk));
        if (url) resolve(Number(url[1]));
      });
      server.on('exit', (exit) => reject(new Error(`server.mjs exited with ${exit}`)));
    });
    origin = `http://127.0.0.1:${serverPort}`;
  },
  file({code, argument}) {
    assert.ok(argument, 'a file block names its file');
    save(argument, code);
  },
  shell({code, argument}) {
    runShell(code, argument);
  },
  async vite({code, argument, expect}) {
    assert.equal(code.trim(), 'npx vite');
    const vite = await startVite(argument);
    try {
      await expectInPage(vite.url, expect);
    } finally {
      vite.stop();
    }
  },
  async page({code, argument, expect}, name) {
    save(argument ?? `${name}.html`, code);
    await expectInPage(argument ?? `${name}.html`, expect);
  },
  async click({code, argument, click, expect}, name) {
    save(argument ?? `${name}.html`, code);
    await expectInPage(argument ?? `${name}.html`, expect, {click});
  },
  async css({code, argument, expect}, name) {
    save(argument ?? `${name}.html`, code);
    await expectInPage(argument ?? `${name}.html`, expect, {css: true});
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
  async 'python-module'({code, expect}, name) {
    // The Brython recipe below, around the block.
    const page = `<!doctype html>\n${elementScript}\n<script src="/node_modules/brython/brython.min.js"></script>\n` +
      `<script src="/node_modules/py-websocket/python/py_websocket.brython.js"></script>\n` +
      `<script type="text/python">\n${code}\n</script>\n`;
    writeFileSync(join(app, `${name}.html`), page);
    await expectInPage(`${name}.html`, expect);
  },
  async node({code, expect}, name) {
    // Run with Node in the app, against the example server (the block's address is its default port).
    writeFileSync(join(app, `${name}.mjs`), code.replaceAll('ws://localhost:8000', origin.replace(/^http/, 'ws')));
    const output = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [`${name}.mjs`], {cwd: app, stdio: ['ignore', 'pipe', 'inherit']});
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.on('exit', (exit) => (exit === 0 ? resolve(text) : reject(new Error(`exited with ${exit}: ${text}`))));
    });
    assert.ok(output.includes(expect), `${JSON.stringify(expect)} not in ${JSON.stringify(output)}`);
  },
  async 'python-asyncio'({code, expect}, name) {
    await expectInPage(asyncioPage(name, code), expect);
  },
  async 'cpython-in-page'({code, expect, page}, name) {
    // The CPython client with what the README says changes: the import's first word, and an address the page reaches.
    assert.match(code, /^from websockets\.asyncio\.client import connect$/m);
    const inPage = code.replace('from websockets.', 'from py_websocket.').replace('ws://localhost:8765', '/ws/echo');
    const shown = blocks.find((block) => block.runner === 'python-asyncio' && block.page === page).code;
    assert.equal(inPage, shown, 'the page version differs from the CPython one only in its import and address');
    await expectInPage(asyncioPage(name, inPage), expect);
  },
};

before(async () => {
  ({app, tarball} = scratchApp());
  // What docs/python.md's Brython block loads before docs/python/brython.md installs it, and
  // React for the hydration example; the blocks install the rest themselves.
  const used = ['brython', 'react', 'react-dom'];
  npmInstall(app, used.map(sameVersionAs));
  for (const engine of engines) {
    browsers[engine] = await puppeteer.launch(
      engine === 'firefox'
        ? {browser: 'firefox', executablePath: firefoxPath, headless: true, extraPrefsFirefox: firefoxPrefs}
        : {executablePath: chromiumPath, headless: true, args: chromiumArgs}
    );
  }
});

after(async () => {
  for (const browser of Object.values(browsers)) await browser.close();
  server?.kill();
  if (app) rmSync(app, {recursive: true, force: true});
});

describe('the code blocks of README.md and docs/', () => {
  it('every block says how it runs', () => {
    const unmarked = blocks.filter((block) => !runners[block.runner]);
    assert.deepEqual(unmarked.map(({page, line, runner}) => `${page} line ${line}: ${runner ?? 'no marker'}`), []);
  });

  it('README.md stays a front page: under 15 KB', () => {
    assert.ok(readFileSync(join(root, 'README.md')).length < 15000);
  });

  for (const block of blocks.filter((block) => runners[block.runner])) {
    it(`runs ${block.page} line ${block.line}: ${block.lang} (${block.runner}${block.argument ? ` ${block.argument}` : ''})`, {timeout: 300000}, () =>
      runners[block.runner](block, `${block.page.replace(/\W+/g, '-')}-${block.index}`)
    );
  }
});
