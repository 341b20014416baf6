import {readFile, readdir} from 'node:fs/promises';
import {gzipSync} from 'node:zlib';
import {build} from 'esbuild';

/**
 * Everything the bench page loads, read or bundled once into memory, and the
 * size of each client as the page loads it (minified, gzip -9).
 */
const root = new URL('..', import.meta.url);
const fromRoot = (path) => new URL(path, root);

// The peers are dev dependencies: bundled here for the page, minified as a site would ship them.
const peers = {
  partysocket: "export {WebSocket} from 'partysocket';",
  'reconnecting-websocket': "export {default} from 'reconnecting-websocket';",
};

export async function loadFiles() {
  const files = new Map();
  const add = (path, body) => files.set(path, {type: contentType(path), body});

  const ours = await readRequired('dist/py-websocket.js');
  const oursWithoutLit = await readRequired('dist/size/py-websocket-without-lit.js');
  add('/dist/py-websocket.js', ours);

  const sizes = {
    ours: {minified: ours.length, gzipped: gzip(ours), what: 'dist/py-websocket.js (lit inside)'},
    'ours without lit': {
      minified: oursWithoutLit.length,
      gzipped: gzip(oursWithoutLit),
      what: 'dist/size/py-websocket-without-lit.js (the element code alone)',
    },
  };
  for (const [name, entry] of Object.entries(peers)) {
    const code = await bundle(entry, true);
    add(`/peers/${name}.js`, code);
    sizes[name] = {minified: code.length, gzipped: gzip(code), what: `${entry.replace(/;$/, '')}, esbuild --minify`};
  }

  for (const name of await readdir(fromRoot('bench/page/'))) {
    const body = await readFile(fromRoot(`bench/page/${name}`));
    add(name.endsWith('.html') ? `/${name}` : `/page/${name}`, body);
  }
  return {files, sizes};
}

/** For profiles: the element's unminified modules (lib/) and lit, so functions keep their names. */
export async function addProfileFiles(files) {
  // lib/ has a folder a layer (socket/, sharing/, element/, frameworks/).
  const names = await readdir(fromRoot('lib/'), {recursive: true}).catch(() => {
    throw new Error('lib/ is missing: run `npm run build` first (profiles use its unminified modules).');
  });
  for (const name of names) {
    if (name.endsWith('.js')) files.set(`/lib/${name}`, {type: contentType(name), body: await readFile(fromRoot(`lib/${name}`))});
  }
  files.set('/profile/lit.js', {type: contentType('lit.js'), body: await bundle("export * from '@lit/reactive-element';", false)});
}

async function bundle(contents, minify) {
  const result = await build({
    stdin: {contents, resolveDir: fromRoot('.').pathname, loader: 'js'},
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    write: false,
    logLevel: 'silent',
  });
  return Buffer.from(result.outputFiles[0].contents);
}

async function readRequired(path) {
  try {
    return await readFile(fromRoot(path));
  } catch {
    throw new Error(`${path} is missing: run \`npm run build\` first (the bench measures the built element).`);
  }
}

function gzip(body) {
  return gzipSync(body, {level: 9}).length;
}

function contentType(path) {
  if (path.endsWith('.html')) return 'text/html; charset=utf-8';
  return 'text/javascript; charset=utf-8';
}
