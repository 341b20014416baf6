import {createServer} from 'node:net';

/** A port on 127.0.0.1 that was free a moment ago (nothing listens there until someone takes it). */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const {port} = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
