import {gzipSync} from 'node:zlib';
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

const compile = () =>
  typescript({tsconfig: './tsconfig.json', outDir: 'dist', declaration: false, declarationMap: false, sourceMap: false});
const minify = () => terser({ecma: 2022, module: true, format: {comments: false}});

export default [
  // The one-file bundle: lit inside, defines <py-websocket> when loaded.
  {
    input: 'src/index.ts',
    output: {file: 'dist/py-websocket.js', format: 'es'},
    // lit's index imports lit-html for its side effects; the element uses none of it.
    treeshake: {moduleSideEffects: (id) => !/[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/]/.test(id)},
    plugins: [compile(), nodeResolve(), minify(), printSize('bundle with lit')],
  },
  // Not shipped: the same code with lit left out, to see what the element itself weighs.
  {
    input: 'src/index.ts',
    output: {file: 'dist/size/py-websocket-without-lit.js', format: 'es'},
    external: (id) => id === 'lit' || id.startsWith('lit/'),
    plugins: [compile(), minify(), printSize('element without lit')],
  },
];
