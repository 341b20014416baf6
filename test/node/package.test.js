// The package as users get it: packed, installed from the tarball into a scratch app,
// imported, and bundled. Part of `npm test` (after the build).
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import vm from 'node:vm';
import {after, before, describe, it} from 'node:test';
import {inflateRawSync} from 'node:zlib';
import {esbuildSize, rollupSize} from '../../scripts/build/app-size.js';
import {withoutCommentsAndDocstrings} from '../../python/strip-source.js';
import {npmInstall, scratchApp} from './scratch-app.js';

/**
 * What an app pays, bundled and minified, gzipped. `import 'py-websocket'` for a page that
 * does not use `share`, lit's base class included: the aim is 7,000 B, and what `share` adds
 * 3,500 B; these limits are what the element, its socket core (with the `connecting` hook,
 * retry hints and the back/forward cache) and sharing weigh today (docs/size.md says where
 * the bytes go), so that none grows unnoticed. Sharing comes in chunks that a page fetches
 * only when an element uses `share`: the hub that lets elements use one socket for "page",
 * and the tab relay on top of it for "tabs".
 */
const BASE_LIMIT_GZIP = 12450;
const SHARE_PAGE_LIMIT_GZIP = 1150;
const SHARE_TABS_LIMIT_GZIP = 4650;

/** The files of a zip archive (stored or deflated), by name. */
function unzip(archive) {
  const files = new Map();
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let entry = archive.readUInt32LE(end + 16);
  for (let i = 0; i < archive.readUInt16LE(end + 10); i++) {
    const [method, size, nameLength, extraLength, commentLength, offset] = [10, 20, 28, 30, 32, 42].map((at) =>
      at === 20 || at === 42 ? archive.readUInt32LE(entry + at) : archive.readUInt16LE(entry + at)
    );
    const name = archive.toString('utf8', entry + 46, entry + 46 + nameLength);
    const start = offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28);
    const data = archive.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : data);
    entry += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

let app;
let packedFiles;

before(() => {
  let tarball;
  ({app, tarball, files: packedFiles} = scratchApp());
  npmInstall(app, [tarball]);
});

after(() => rmSync(app, {recursive: true, force: true}));

describe('the npm package', () => {
  it('holds the license, README, manifest, types, the bundle, the npm build and the Python package', () => {
    for (const file of [
      'LICENSE',
      'README.md',
      'package.json',
      'custom-elements.json',
      'lib/index.js',
      'lib/index.d.ts',
      'lib/frameworks/react.d.ts',
      'lib/frameworks/vue.d.ts',
      'lib/frameworks/svelte.d.ts',
      'dist/py-websocket.js',
      'dist/py-websocket.d.ts',
      'python/py_websocket/__init__.py',
      'python/py_websocket/exceptions.py',
      'python/py_websocket/asyncio/client.py',
      'python/py_websocket.zip',
      'python/py_websocket.brython.js',
      'python/py_websocket.self-unpacking.py',
    ]) {
      assert.ok(packedFiles.includes(file), `${file} is not in the package`);
    }
    assert.ok(!packedFiles.some((file) => file.startsWith('test/') || file.startsWith('tmp/') || file.startsWith('dist/size/')), 'nothing but the package');
    assert.ok(!packedFiles.some((file) => file.startsWith('python/') && !/^python\/py_websocket(\/.*\.py|\.zip|\.brython\.js|\.self-unpacking\.py)$/.test(file)), 'nothing in python/ but the package');
  });

  it('ships the Python package as a folder, a zip archive, a Brython bundle and a self-unpacking __init__.py of the same modules', () => {
    const installed = join(app, 'node_modules/py-websocket/python');
    const archived = unzip(readFileSync(join(installed, 'py_websocket.zip')));
    const folder = packedFiles.filter((file) => /^python\/py_websocket\/.*\.py$/.test(file)).map((file) => file.slice('python/'.length));
    assert.deepEqual([...archived.keys()].sort(), folder.sort());
    for (const [name, contents] of archived) assert.ok(contents.equals(readFileSync(join(installed, name))), `${name} differs`);
    // Brython's bundle: the same modules, by dotted name.
    const scripts = {};
    vm.runInNewContext(readFileSync(join(installed, 'py_websocket.brython.js'), 'utf8'), {__BRYTHON__: {update_VFS: (modules) => Object.assign(scripts, modules)}});
    for (const [name, contents] of archived) {
      const module = name.replace(/(\/__init__)?\.py$/, '').replaceAll('/', '.');
      assert.equal(scripts[module]?.[1], contents.toString('utf8'), `${module} differs in the Brython bundle`);
    }
    // The self-unpacking __init__.py: __init__'s own lines, and every other module as the
    // string it writes (a JSON string is the same Python string), without its comments and
    // function docstrings and with every line where it was.
    const selfUnpacking = readFileSync(join(installed, 'py_websocket.self-unpacking.py'), 'utf8');
    for (const [name, contents] of archived) {
      const text = contents.toString('utf8');
      if (name === 'py_websocket/__init__.py') for (const line of text.split('\n')) assert.ok(selfUnpacking.includes(line), `__init__.py's ${line}`);
      else {
        const written = withoutCommentsAndDocstrings(text);
        assert.equal(written.split('\n').length, text.split('\n').length, `${name} keeps its line numbers`);
        assert.ok(selfUnpacking.includes(`(${JSON.stringify(name.slice('py_websocket/'.length))}, ${JSON.stringify(written)})`), `${name} is not in the self-unpacking __init__.py`);
      }
    }
  });

  it("names in custom-elements.json only files the package has", () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/py-websocket/custom-elements.json'), 'utf8'));
    const paths = new Set();
    JSON.stringify(manifest, (key, value) => {
      if ((key === 'path' || key === 'module') && typeof value === 'string') paths.add(value);
      return value;
    });
    assert.ok(paths.size > 0);
    for (const path of paths) assert.ok(packedFiles.includes(path.replace(/^\//, '')), `${path} is named but not packed`);
    const definition = manifest.modules.flatMap((module) => module.exports ?? []).find((entry) => entry.kind === 'custom-element-definition');
    assert.equal(definition.name, 'py-websocket');
  });

  it('depends at run time on lit alone', () => {
    const {dependencies} = JSON.parse(readFileSync(join(app, 'node_modules/py-websocket/package.json'), 'utf8'));
    for (const name of Object.keys(dependencies)) assert.match(name, /^(lit|@lit\/reactive-element)$/);
  });

  it('imports in the app, from the package and from the bundle', () => {
    const script = `
      const npm = await import('py-websocket');
      const bundle = await import('py-websocket/dist/py-websocket.js');
      console.log(typeof npm.PyWebSocketElement, typeof bundle.PyWebSocketElement);
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd: app, encoding: 'utf8'});
    assert.equal(output.trim(), 'function function');
  });

  it(`costs a page without share at most ${BASE_LIMIT_GZIP} B gzipped, share="page" ${SHARE_PAGE_LIMIT_GZIP} B more and share="tabs" ${SHARE_TABS_LIMIT_GZIP} B more, loaded only then, bundled by esbuild or rollup`, async () => {
    const entry = join(app, 'main.js');
    writeFileSync(entry, "import 'py-websocket';\n");
    const sizes = {esbuild: await esbuildSize(entry), rollup: await rollupSize(entry)};
    for (const [bundler, {atStart, sharePage, shareTabs, everything}] of Object.entries(sizes)) {
      console.log(`import 'py-websocket' bundled by ${bundler}: ${atStart} B gzipped, share="page" ${sharePage} B more, share="tabs" ${shareTabs} B more, everything ${everything} B`);
    }
    for (const [bundler, {atStart, sharePage, shareTabs}] of Object.entries(sizes)) {
      assert.ok(atStart <= BASE_LIMIT_GZIP, `${bundler}: a page without share loads ${atStart} B`);
      assert.ok(sharePage <= SHARE_PAGE_LIMIT_GZIP, `${bundler}: share="page" adds ${sharePage} B`);
      assert.ok(shareTabs <= SHARE_TABS_LIMIT_GZIP, `${bundler}: share="tabs" adds ${shareTabs} B`);
    }
  });

  it('leaves sharing out of what a page loads until an element uses share, in the bundle and in apps', async () => {
    // The one-file build: the bundle imports its share file only dynamically, by a path relative to itself.
    const dist = join(app, 'node_modules/py-websocket/dist');
    const bundle = readFileSync(join(dist, 'py-websocket.js'), 'utf8');
    for (const file of ['share', 'tabs']) {
      assert.ok(packedFiles.includes(`dist/py-websocket-${file}.js`), `the ${file} file is in the package`);
      const loaded = new RegExp(`import\\("\\./py-websocket-${file}\\.js"\\)`);
      assert.match(bundle, loaded);
      assert.doesNotMatch(bundle.replace(loaded, ''), new RegExp(`py-websocket-${file}`));
    }
    // share="page" fetches the hub alone, never the tab relay.
    assert.doesNotMatch(readFileSync(join(dist, 'py-websocket-share.js'), 'utf8'), /BroadcastChannel|py-websocket-tabs/);
    assert.doesNotMatch(bundle, /^import|[;}]import[^(]/, 'the bundle imports nothing statically');
    // Apps: the chunks a page loads at start (its entry and what that imports) hold none of sharing.
    const entry = join(app, 'main.js');
    writeFileSync(entry, "import 'py-websocket';\n");
    for (const {loadedAtStart, loadedOnDemand} of [await esbuildSize(entry), await rollupSize(entry)]) {
      assert.ok(!loadedAtStart.some((code) => code.includes('BroadcastChannel')), 'the tab relay is not loaded at start');
      assert.ok(loadedOnDemand.some((code) => code.includes('BroadcastChannel')), 'the tab relay is in a chunk loaded on demand');
    }
  });
});

