import {join} from 'node:path';
import * as esbuild from 'esbuild';
import {compile} from 'svelte/compiler';

/**
 * Dev-server middleware that serves each framework test (test/frameworks/*.test.ts[x])
 * as one bundle built by esbuild, the way an app is built: React is CommonJS, Vue's
 * templates are compiled by its full build in the page, Svelte components by its
 * compiler. It answers before the dev server's own transforms, which would otherwise
 * treat the bundle as TypeScript again.
 */
export function frameworkBundles(rootDir = process.cwd()) {
  return async function frameworkBundle(context, next) {
    if (!/^\/test\/frameworks\/[\w-]+\.test\.tsx?$/.test(context.path)) return next();
    const result = await esbuild.build({
      entryPoints: [join(rootDir, context.path)],
      bundle: true,
      write: false,
      format: 'esm',
      target: 'es2022',
      sourcemap: 'inline',
      tsconfig: join(rootDir, 'test/tsconfig.json'),
      jsx: 'automatic',
      // package.json's sideEffects lists the shipped lib/ and dist/ files, not src/.
      ignoreAnnotations: true,
      // Vue's build that compiles templates in the page (the test sets isCustomElement).
      alias: {vue: 'vue/dist/vue.esm-bundler.js'},
      define: {
        'process.env.NODE_ENV': '"development"',
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
      plugins: [svelteComponents()],
      logLevel: 'silent',
    });
    context.body = result.outputFiles[0].text;
    context.type = 'js';
  };
}

/** Compiles `.svelte` files for the browser, as Svelte's bundler plugins do. */
function svelteComponents() {
  return {
    name: 'svelte',
    setup(build) {
      build.onLoad({filter: /\.svelte$/}, async ({path}) => {
        const {readFile} = await import('node:fs/promises');
        const {js} = compile(await readFile(path, 'utf8'), {filename: path, generate: 'client'});
        return {contents: js.code, loader: 'js', resolveDir: join(path, '..')};
      });
    },
  };
}
