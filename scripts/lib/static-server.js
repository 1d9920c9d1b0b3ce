// Serves a folder on a free loopback port through the docs server of `npm start` (./docs-server.js),
// so that the tests and the docs benchmark get each page as a reader does, gzipped, from the same
// code: the docs tests and benchmark serve the built site through it, and the MSW browser test its
// page. A folder's address serves its index.html.
import { createDocsServer } from './docs-server.js';

/**
 * Serves `folder` on 127.0.0.1; resolves with `{ url, stop() }`.
 * @param {string} folder
 * @param {{ onRequest?: (request: import('node:http').IncomingMessage) => void }} [options] `onRequest`
 * sees every request first, for a test that asserts what a page did or did not ask the server for
 */
export async function serveFolder(folder, { onRequest } = {}) {
  const server = createDocsServer({ folder });
  if (onRequest) server.prependListener('request', onRequest);
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    /** @returns {Promise<void>} */
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
