// The sandbox on a bare node:http server: a thin adapter that turns each Node request into a
// standard Request (its body streamed, the core holding at most the body limit), hands it to the
// fetch-shaped core (./core.js), and writes the Response back. What is HTTP's and the browser's
// alone stays here: CORS headers, preflights, and answers to requests that are not HTTP.
import { createServer } from 'node:http';
import { loadBundle } from '../bundles.js';
import { products } from '../contract.js';
import { loadContract } from './contract.js';
import { createSandboxCore, defaultBodyLimit, ownAnswer, reasonHeader } from './core.js';

export { defaultBodyLimit };

/** Where `npm run sandbox` and `npm start` serve each product's sandbox unless told otherwise. */
export const defaultPorts = Object.freeze({ eiam: 4011, ciam: 4021 });

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': reasonHeader,
};

// A Host header that can stand in an issuer URL; anything else falls back to the listening address.
const plainHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * A sandbox of `product` (eiam or ciam), serving its bundled contract for its fixture tenant.
 * `contract` (from ./contract.js) and `tenant` replace the product's own, for tests; `issuer` fixes
 * the id_tokens' `iss` (by default, the address the app called).
 */
export function createSandbox({ product, contract, tenant, bodyLimit = defaultBodyLimit, issuer } = {}) {
  if (!products.includes(product)) throw new Error(`createSandbox needs { product }: one of ${products.join(', ')}, got ${product}`);
  contract ??= loadContract(product, loadBundle(product));
  const core = createSandboxCore({ product, contract, tenant, bodyLimit, issuer, onError: (error) => process.emitWarning(`sandbox: ${error.stack}`) });
  let listeningUrl;

  // The Request the core reads: the URL names the host the app called (the id_tokens' issuer), or
  // the listening address when the Host header cannot stand in a URL; the body streams through.
  function toRequest(request) {
    const host = request.headers.host;
    const target = request.url.startsWith('/') ? request.url : `/${request.url}`;
    let url;
    try {
      url = new URL(`${host && plainHost.test(host) ? `http://${host}` : listeningUrl}${target}`);
    } catch {
      url = new URL(`${listeningUrl}${target}`);
    }
    const bodyless = request.method === 'GET' || request.method === 'HEAD';
    if (bodyless) request.resume();
    return new Request(url, { method: request.method, headers: request.headers, body: bodyless ? undefined : request, duplex: 'half' });
  }

  async function send(response, answer) {
    const head = { ...corsHeaders };
    for (const [name, value] of answer.headers) head[name] = value;
    const bytes = Buffer.from(await answer.arrayBuffer());
    head['content-length'] = bytes.length;
    response.writeHead(answer.status, head).end(bytes);
  }

  function preflight(request, response) {
    response
      .writeHead(204, {
        ...corsHeaders,
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '600',
      })
      .end();
  }

  const ownResponse = (name, values) => {
    const { status, body, reason } = ownAnswer(name, values);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', [reasonHeader]: reason } });
  };

  const server = createServer(async (request, response) => {
    if (request.method === 'OPTIONS') {
      request.resume();
      return preflight(request, response);
    }
    let call;
    try {
      call = toRequest(request);
    } catch (error) {
      request.resume();
      return send(response, ownResponse('BAD_REQUEST', { problem: `The request cannot be read: ${error.message}` }));
    }
    await send(response, await core.handle(call));
  });
  server.on('clientError', (error, socket) => {
    if (!socket.writable) return socket.destroy();
    const text = JSON.stringify(ownAnswer('BAD_REQUEST', { problem: 'Malformed HTTP request.' }).body);
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  });

  return {
    product: core.product,
    core,
    server,
    state: core.state,
    contract: core.contract,
    tenant: core.tenant,
    listen: ({ host = '127.0.0.1', port = defaultPorts[core.product] } = {}) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          listeningUrl = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
          resolve({ ...address, url: listeningUrl });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
