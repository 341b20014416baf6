// The package as users get it: packed, installed from the tarball into a scratch app,
// imported, and bundled. Part of `npm test` (after the build).
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import vm from 'node:vm';
import {after, before, describe, it} from 'node:test';
import {gzipSync, inflateRawSync} from 'node:zlib';
import * as esbuild from 'esbuild';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import {rollup} from 'rollup';
import {npmInstall, scratchApp} from './scratch-app.js';

/**
 * What `import 'py-websocket'` may cost an app once bundled, minified and gzipped: 7,000 B
 * until the socket core (its state table), sharing in the page and across tabs (about
 * 2.5 kB) and the declarative features (commands, forms, JSON, CSS states: about 0.8 kB)
 * came, then 10,500 B until the tab relay's exactly-once protocol and the checks of hostile
 * input (other realms' data, handler attributes under CSP, host conversion) added about
 * 2.7 kB, then 13,000 B until the production features (the `connecting` hook with
 * waitUntil() in the core, the element and the tab relay, retry hints, the back/forward
 * cache) took it to about 15.1 kB; this keeps the whole from growing unnoticed.
 */
const BUNDLE_LIMIT_GZIP = 15500;

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
    ]) {
      assert.ok(packedFiles.includes(file), `${file} is not in the package`);
    }
    assert.ok(!packedFiles.some((file) => file.startsWith('test/') || file.startsWith('tmp/') || file.startsWith('dist/size/')), 'nothing but the package');
    assert.ok(!packedFiles.some((file) => file.startsWith('python/') && !/^python\/py_websocket(\/.*\.py|\.zip|\.brython\.js)$/.test(file)), 'nothing in python/ but the package');
  });

  it('ships the Python package as a folder, a zip archive and a Brython bundle of the same modules', () => {
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

  it(`costs an app at most ${BUNDLE_LIMIT_GZIP} B gzipped, bundled by esbuild or rollup`, async () => {
    const entry = join(app, 'main.js');
    writeFileSync(entry, "import 'py-websocket';\n");
    const built = await esbuild.build({entryPoints: [entry], bundle: true, minify: true, format: 'esm', write: false, absWorkingDir: app});
    const esbuildSize = gzipSync(built.outputFiles[0].contents, {level: 9}).length;
    const bundle = await rollup({input: entry, plugins: [nodeResolve({rootDir: app}), terser({module: true})], onwarn() {}});
    const {output} = await bundle.generate({format: 'es'});
    const rollupSize = gzipSync(output[0].code, {level: 9}).length;
    console.log(`import 'py-websocket' bundled: esbuild ${esbuildSize} B gzipped, rollup ${rollupSize} B gzipped`);
    assert.ok(esbuildSize <= BUNDLE_LIMIT_GZIP, `esbuild: ${esbuildSize} B`);
    assert.ok(rollupSize <= BUNDLE_LIMIT_GZIP, `rollup: ${rollupSize} B`);
  });
});
