import './setup/page-errors.js';
import {expect} from '@open-wc/testing';

describe('py-websocket/socket in a Web Worker', () => {
  it('connects, sends, receives and closes with the worker environment', async () => {
    const worker = new Worker(new URL('./workers/socket-in-worker.ts', import.meta.url), {type: 'module'});
    try {
      const result = await new Promise<{heard: string[]; state: string}>((resolve, reject) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(`worker error: ${event.message}`));
      });
      expect(result.heard).to.deep.equal(['connecting', 'open', 'message from a worker', 'close', 'stopped']);
      expect(result.state).to.equal('closed');
    } finally {
      worker.terminate();
    }
  });
});
