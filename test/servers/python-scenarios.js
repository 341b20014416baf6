import {readFile} from 'node:fs/promises';
import {join} from 'node:path';

/**
 * Serves test/python/scenarios/*.py with the address the websockets documentation's
 * examples use, ws://localhost:8765, turned into this server's echo endpoint (and
 * ws://localhost:8765/count?… into /ws/count?…): the examples then run as the documentation
 * writes them, with only their import changed.
 */
export function pythonScenarios(rootDir = process.cwd()) {
  return async function pythonScenario(context, next) {
    if (!/^\/test\/python\/scenarios\/\w+\.py$/.test(context.path)) return next();
    const source = await readFile(join(rootDir, context.path), 'utf8');
    context.body = source.replace(/ws:\/\/localhost:8765(\/[^"']*)?/g, (_, path) => `ws://${context.host}/ws${path ?? '/echo'}`);
    context.type = 'text/x-python';
  };
}
