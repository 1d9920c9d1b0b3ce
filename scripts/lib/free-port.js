// A loopback port that no one listens on, for a program that must be told its port before it starts
// (Chromium's remote debugging port, which Lighthouse connects to; Prism).
import { createServer } from 'node:net';

/** A port on 127.0.0.1 that was free a moment ago: the system picks it, and it is released at once. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(resolve));
  return port;
}
