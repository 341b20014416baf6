// What an app pays for the element: `entry` (a module that imports it) bundled, minified,
// with code splitting, by esbuild and by rollup as an app's build does, and gzipped at level 9.
// Used by `npm run build` (scripts/figures/size.js) and the packaging test.
import {dirname, join} from 'node:path';
import {gzipSync} from 'node:zlib';
import * as esbuild from 'esbuild';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import {rollup} from 'rollup';

const gzipped = (code) => gzipSync(code, {level: 9}).length;

/**
 * What a page fetches at start (the entry chunk and every chunk it imports) and what it
 * fetches only on demand (through `import()`): their code, and their sizes gzipped; and what
 * each scope of `share` fetches on its first use (the chunk of sharing/share.js or
 * sharing/tabs.js and what it imports, beyond what the page loaded at start; undefined
 * where no chunk is loaded for it).
 */
function split(chunks, entryName) {
  const byName = new Map(chunks.map((chunk) => [chunk.name, chunk]));
  const reachedFrom = (name, reached = new Set()) => {
    if (reached.has(name)) return reached;
    reached.add(name);
    for (const imported of byName.get(name).imports) reachedFrom(imported, reached);
    return reached;
  };
  const atStart = reachedFrom(entryName);
  // Each chunk gzipped once: the sums below share chunks.
  const gzippedSize = new Map(chunks.map((chunk) => [chunk.name, gzipped(chunk.code)]));
  const sum = (names) => names.reduce((total, name) => total + gzippedSize.get(name), 0);
  const addedBy = (module) => {
    // The chunk `import()` loads for the module (a bundler may put its code in a chunk that one imports).
    const first = chunks.find((chunk) => chunk.loadedFor.some((id) => id.replaceAll('\\', '/').endsWith(module)));
    if (!first) return undefined;
    return sum([...reachedFrom(first.name)].filter((name) => !atStart.has(name)));
  };
  const [startChunks, onDemandChunks] = [chunks.filter((chunk) => atStart.has(chunk.name)), chunks.filter((chunk) => !atStart.has(chunk.name))];
  const loadedAtStart = startChunks.map((chunk) => chunk.code);
  const loadedOnDemand = onDemandChunks.map((chunk) => chunk.code);
  const atStartBytes = sum(startChunks.map((chunk) => chunk.name));
  const onDemandBytes = sum(onDemandChunks.map((chunk) => chunk.name));
  return {
    atStart: atStartBytes,
    onDemand: onDemandBytes,
    everything: atStartBytes + onDemandBytes,
    sharePage: addedBy('sharing/share.js'),
    shareTabs: addedBy('sharing/tabs.js'),
    loadedAtStart,
    loadedOnDemand,
  };
}

/** Bundled by esbuild with splitting on (without it, esbuild puts what `import()` loads in the one file). */
export async function esbuildSize(entry) {
  const outdir = join(dirname(entry), '.app-size');
  const built = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    outdir,
    metafile: true,
    write: false,
    absWorkingDir: dirname(entry),
  });
  const code = new Map(built.outputFiles.map((file) => [file.path, file.text]));
  const chunks = Object.entries(built.metafile.outputs)
    .filter(([name]) => name.endsWith('.js'))
    .map(([name, output]) => ({
      name,
      code: code.get(join(dirname(entry), name)),
      loadedFor: output.entryPoint ? [output.entryPoint] : [],
      imports: output.imports.filter((imported) => imported.kind === 'import-statement').map((imported) => imported.path),
    }));
  return split(chunks, chunks.find((chunk) => built.metafile.outputs[chunk.name].entryPoint).name);
}

/** The modules whose `import()` loads a rollup chunk (one that is also imported statically may have no facade). */
const loadedFor = (chunk) => (chunk.facadeModuleId ? [chunk.facadeModuleId] : chunk.isDynamicEntry ? chunk.moduleIds : []);

/** Bundled by rollup, minified by terser. */
export async function rollupSize(entry) {
  const bundle = await rollup({input: entry, plugins: [nodeResolve({rootDir: dirname(entry)}), terser({module: true})], onwarn() {}});
  const {output} = await bundle.generate({format: 'es'});
  await bundle.close();
  const chunks = output.filter((file) => file.type === 'chunk').map((chunk) => ({name: chunk.fileName, code: chunk.code, loadedFor: loadedFor(chunk), imports: chunk.imports}));
  return split(chunks, chunks.find((chunk) => output.find((file) => file.fileName === chunk.name).isEntry).name);
}
