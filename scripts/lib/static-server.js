// Serves a folder over HTTP on a free loopback port, as a plain static host would serve the built
// docs site, or a test's page: the docs benchmark measures its pages through it, and the MSW browser
// test serves its page from it. A
// folder's address serves its index.html; nothing is compressed or cached, so that every page is
// measured on the same terms.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.yaml': 'text/yaml; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

async function fileOf(folder, pathname) {
  const file = resolve(folder, `.${decodeURIComponent(pathname)}`);
  // A path that climbs out of the folder (`/../`) is not the site's.
  if (file !== folder && !file.startsWith(folder + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) return fileOf(folder, `${pathname.replace(/\/?$/, '/')}index.html`);
  return info?.isFile() ? file : undefined;
}

/**
 * Serves `folder` on 127.0.0.1; resolves with `{ url, stop() }`.
 * @param {string} folder
 * @param {{ onRequest?: (request: import('node:http').IncomingMessage) => void }} [options] `onRequest`
 * sees every request first, for a test that asserts what a page did or did not ask the server for
 */
export async function serveFolder(folder, { onRequest } = {}) {
  const base = resolve(folder);
  const server = createServer(async (request, response) => {
    onRequest?.(request);
    const file = await fileOf(base, new URL(request.url ?? '/', 'http://site').pathname).catch(() => undefined);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(done);
      }),
  };
}
