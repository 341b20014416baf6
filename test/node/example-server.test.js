// The README's example server (server.mjs) against hostile requests: every answer a
// redirect or a 4xx, nothing read from outside its folder, and the server still up.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {exampleServer} from './doc-blocks.js';
import {root} from './scratch-app.js';

let folder;
let server;
let port;
let stderr = '';

/** Sends `path` as it is, byte for byte, and resolves with the status, the headers and the body. */
function get(path, method = 'GET') {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let raw = '';
    socket.on('data', (chunk) => (raw += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head, ...body] = raw.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => line.split(/: (.*)/).slice(0, 2)).map(([k, v]) => [k.toLowerCase(), v]));
      resolve({status: Number(statusLine.split(' ')[1]), headers, body: body.join('\r\n\r\n')});
    });
    // (write, not end: a client that half-closes first may get no answer from Node's server)
    socket.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

before(async () => {
  // site/ is served; secret.txt beside it must never be.
  folder = mkdtempSync(join(tmpdir(), 'py-websocket-server-'));
  const site = join(folder, 'site');
  mkdirSync(join(site, 'folder'), {recursive: true});
  writeFileSync(join(site, 'folder', 'index.html'), '<!doctype html><p>folder index</p>');
  writeFileSync(join(site, 'page.html'), '<!doctype html><p>page</p>');
  writeFileSync(join(folder, 'secret.txt'), 'SECRET outside the folder');
  writeFileSync(join(site, 'server.mjs'), exampleServer());
  mkdirSync(join(site, 'node_modules'));
  symlinkSync(join(root, 'node_modules', 'ws'), join(site, 'node_modules', 'ws'));
  server = spawn(process.execPath, ['server.mjs'], {cwd: site, env: {...process.env, PORT: '0'}, stdio: ['ignore', 'pipe', 'pipe']});
  server.stderr.on('data', (chunk) => (stderr += chunk));
  port = await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      const url = /http:\/\/localhost:(\d+)\//.exec(String(chunk));
      if (url) resolve(Number(url[1]));
    });
    server.on('exit', (code) => reject(new Error(`server.mjs exited with ${code}: ${stderr}`)));
  });
});

after(() => {
  server?.kill();
  if (folder) rmSync(folder, {recursive: true, force: true});
});

describe("the README's server.mjs", () => {
  it('serves a file with its type and the cross-origin isolation headers', async () => {
    const {status, headers, body} = await get('/page.html');
    assert.equal(status, 200);
    assert.equal(headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(headers['cross-origin-embedder-policy'], 'require-corp');
    assert.match(body, /page/);
  });

  it("serves a folder's index.html, and redirects a folder without its slash to it", async () => {
    assert.match((await get('/folder/')).body, /folder index/);
    for (const [path, location] of [['/folder', '/folder/'], ['/folder?x=1', '/folder/?x=1'], ['/page/../folder', '/folder/']]) {
      const {status, headers} = await get(path);
      assert.equal(status, 301, path);
      assert.equal(headers.location, location, path);
    }
  });

  it('answers a malformed escape with 400', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/%zz', '/folder/%C0']) assert.equal((await get(path)).status, 400, path);
  });

  it('never leaves its folder, whatever encodes the ".." (4xx)', async () => {
    const paths = [
      '/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/secret.txt', '/.%2e/secret.txt', '/%2e./secret.txt',
      '/..%2fsecret.txt', '/..%2Fsecret.txt', '/%2e%2e%2fsecret.txt', '/folder/..%2f..%2fsecret.txt',
      '/..\\secret.txt', '/..%5csecret.txt', '/%2e%2e%5csecret.txt', '/folder\\..\\..\\secret.txt',
      '/%252e%252e/secret.txt', '//../secret.txt', '/folder/../../secret.txt', '/%00', '/page.html%00.txt',
    ];
    for (const path of paths) {
      const {status, body} = await get(path);
      assert.ok(status >= 400 && status < 500, `${path}: ${status}`);
      assert.doesNotMatch(body, /SECRET/, path);
    }
  });

  it('answers 404 for what is not there, and stays up after all of it, with nothing on stderr', async () => {
    assert.equal((await get('/missing.html')).status, 404);
    assert.equal((await get('/page.html', 'HEAD')).status, 200);
    assert.equal((await get('/page.html')).status, 200);
    assert.equal(server.exitCode, null);
    assert.equal(stderr, '');
  });

  it('says which variable to set when its port is taken, and exits with 1', async () => {
    const second = spawn(process.execPath, ['server.mjs'], {cwd: join(folder, 'site'), env: {...process.env, PORT: String(port)}, stdio: ['ignore', 'pipe', 'pipe']});
    let output = '';
    second.stdout.on('data', (chunk) => (output += chunk));
    second.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => second.on('exit', resolve));
    assert.equal(code, 1);
    assert.equal(output, `Port ${port} is taken: set PORT, as in PORT=8001 node server.mjs\n`);
  });
});
