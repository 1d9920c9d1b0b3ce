// The docs server of `npm start`: the built site's static files, served by serve-handler and
// gzipped by compression as a static host or CDN serves a published site, plus GET /servers.json,
// which tells a page of the docs (the "try it" page) where the mocks and sandboxes of this
// `npm start` listen; a published copy only has the build's empty one, since only a local server
// knows its neighbours' ports. The tests and the docs benchmark serve the site through it too
// (./static-server.js), so that they measure what a reader gets.
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { finished } from 'node:stream';
import compression from 'compression';
import serveHandler from 'serve-handler';

export const serversPath = '/servers.json';

const noSite = 'No docs site yet: run `npm run docs` (or `npm start` without --no-build).\n';

/**
 * A node:http server of the files under `folder`. `servers(request)`, when given, answers GET
 * /servers.json: the URLs of the running mocks and sandboxes by product, as in
 * `{ eiam: { mock, sandbox }, ciam: {...} }`.
 * @param {{ folder: string, servers?: (request: import('node:http').IncomingMessage) => unknown }} options
 */
export function createDocsServer({ folder, servers }) {
  const config = { public: folder, directoryListing: false };
  // serve-handler pipes each file into its response, and pipe() neither closes the file when the
  // response is aborted nor listens for a read error: both are tied to the response here, so that
  // an aborted download releases its descriptor and a failed read ends only its own response.
  const methodsFor = (response) => ({
    createReadStream(path, options) {
      const file = createReadStream(path, options);
      file.once('error', () => response.destroy());
      finished(response, () => file.destroy());
      return file;
    },
  });

  const gzip = compression();

  return createServer(async (request, response) => {
    response.once('error', () => {});
    try {
      await new Promise((next) => gzip(request, response, next));
      if (servers && request.method === 'GET' && new URL(request.url ?? '/', 'http://docs').pathname === serversPath) {
        const text = JSON.stringify(servers(request));
        response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) }).end(text);
        return;
      }
      if (!existsSync(folder)) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(noSite);
        return;
      }
      await serveHandler(request, response, config, methodsFor(response));
    } catch (error) {
      process.emitWarning(`docs server: ${error instanceof Error ? error.stack : error}`);
      if (response.headersSent) response.destroy();
      else response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('The docs server failed on this request; see its log.\n');
    }
  });
}
