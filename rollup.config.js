import {gzipSync} from 'node:zlib';
import {fileURLToPath} from 'node:url';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/** Prints the minified and gzipped size of every file a build writes. */
function printSize(label) {
  return {
    name: 'print-size',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const gzipped = gzipSync(file.code, {level: 9}).length;
        console.log(`${label}: ${file.fileName} ${file.code.length} B minified, ${gzipped} B gzipped`);
      }
    },
  };
}

/** Resolves lit's DOM shim to a class-less stand-in (see scripts/build/no-dom-shim.js). */
function withoutDomShim() {
  const stub = fileURLToPath(new URL('./scripts/build/no-dom-shim.js', import.meta.url));
  return {
    name: 'without-dom-shim',
    resolveId: (id) => (id === '@lit-labs/ssr-dom-shim' ? stub : null),
  };
}

/** Gives the bundle the npm build's types: `import … from 'py-websocket/dist/py-websocket.js'` is typed. */
function bundleTypes() {
  return {
    name: 'bundle-types',
    generateBundle() {
      this.emitFile({type: 'asset', fileName: 'py-websocket.d.ts', source: "export * from '../lib/index.js';\n"});
    },
  };
}

// The plugin wants its outDir inside the output's dir; it writes nothing there.
const compile = (outDir) =>
  typescript({tsconfig: './tsconfig.json', outDir, declaration: false, declarationMap: false, sourceMap: false});
const minify = () => terser({ecma: 2022, module: true, format: {comments: false}});

export default [
  // The one-file bundle: lit's base class inside, defines <py-websocket> when loaded. What loads
  // on demand (sharing, and the tab relay on top of it) is in files beside it,
  // dist/py-websocket-share.js and dist/py-websocket-tabs.js, fetched from the same place only
  // by a page that uses them.
  // lit's server build ("node" condition) is the browser build with a guarded base class:
  // with it the bundle also imports in Node without touching window or document.
  {
    input: 'src/index.ts',
    output: {dir: 'dist', entryFileNames: 'py-websocket.js', chunkFileNames: 'py-websocket-[name].js', format: 'es'},
    plugins: [compile('dist'), withoutDomShim(), nodeResolve({exportConditions: ['node', 'production']}), minify(), bundleTypes(), printSize('bundle with lit')],
  },
  // Not shipped: the same code with lit left out, to see what the element itself weighs.
  {
    input: 'src/index.ts',
    output: {dir: 'dist/size', entryFileNames: 'py-websocket-without-lit.js', chunkFileNames: 'py-websocket-without-lit-[name].js', format: 'es'},
    external: (id) => id.startsWith('@lit/') || id === 'lit' || id.startsWith('lit/'),
    plugins: [compile('dist/size'), minify(), printSize('element without lit')],
  },
];
