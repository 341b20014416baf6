import {readFile} from 'node:fs/promises';
import {extname, join, normalize} from 'node:path';

const types = {'.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json'};

/**
 * Serves the MicroPython interpreter exactly as published. The dev server would
 * otherwise rewrite its imports, and it fails on the Node-only `import("module")`
 * that the interpreter guards behind an environment check.
 */
export function serveRuntimeFilesAsIs(rootDir = process.cwd()) {
  const prefix = '/node_modules/@micropython/';
  return async function runtimeFilesAsIs(context, next) {
    if (!context.path.startsWith(prefix)) return next();
    const file = normalize(join(rootDir, context.path));
    if (!file.startsWith(join(rootDir, 'node_modules'))) return next();
    try {
      context.body = await readFile(file);
      context.type = types[extname(file)] ?? 'application/octet-stream';
    } catch {
      await next();
    }
  };
}
