// The sandbox on a bare node:http server: a thin adapter that reads each Node request (its body
// read whole, never more than the body limit held), hands it to the fetch-shaped core (./core.js)
// as plain values (core.answer, the same answer as core.handle without a Request and a Response to
// build per call), and writes the answer back. What is HTTP's and the browser's alone stays here,
// since in-process callers (MSW) have no Host, Origin or socket to check:
// - Host: only loopback names, the listening address and option-given hosts are answered, so that
//   a page whose domain is re-pointed at 127.0.0.1 (DNS rebinding) is not.
// - Origin: pages on localhost, 127.0.0.1 or [::1] at any port, and option-given origins, get
//   CORS for their own origin (never `*`, never credentials); a request from any other origin is
//   refused before the core sees it, so that it changes nothing. The control routes answer no
//   cross-origin request at all, and take JSON only, so that no plain form reaches them.
// - Preflights grant only the headers the contract uses, and Private Network Access only to
//   allowed origins.
// - Requests that fail at the HTTP level get their own status: 413, 431, 408, or 400.
import { createServer } from 'node:http';
import { loadBundle } from '../bundles.js';
import { products } from '../contract.js';
import { loadContract } from './contract.js';
import { controlPrefix, createSandboxCore, defaultBodyLimit, failHeader, ownAnswer, printable, reasonHeader } from './core.js';

export { defaultBodyLimit };

/** Where `npm run sandbox` and `npm start` serve each product's sandbox unless told otherwise. */
export const defaultPorts = Object.freeze({ eiam: 4011, ciam: 4021 });

/** How long a client may take to send its request headers, in milliseconds (node:http's default). */
export const defaultHeadersTimeout = 60_000;

// A Host header that can stand in an issuer URL; anything else falls back to the listening address.
const plainHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

// Caller input quoted in an answer: printable ASCII, and short.
const headerText = (text) => printable(text, 200);

const loopbackHost = (hostname) => hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
const loopbackOriginHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The hostname of a Host header value (lower case, IPv6 in brackets), or undefined if it is none. */
function hostnameOf(host) {
  if (typeof host !== 'string' || !plainHost.test(host)) return undefined;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** An origin in its serialized form (`scheme://host[:port]`), or undefined for `null` or garbage. */
export function normalizeOrigin(text) {
  try {
    const url = new URL(text);
    return ['http:', 'https:'].includes(url.protocol) && url.origin !== 'null' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The comma-separated list `text` (of an option or an environment variable) read by `normalize`
 * (normalizeOrigin or normalizeHost): `{ values }`, or `{ bad }`, the first entry it refuses.
 * @param {string | undefined} text
 * @param {(entry: string) => string | undefined} normalize
 * @returns {{ values: string[], bad?: undefined } | { values?: undefined, bad: string }}
 */
export function readList(text, normalize) {
  const values = [];
  for (const entry of (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const value = normalize(entry);
    if (value === undefined) return { bad: entry };
    values.push(value);
  }
  return { values };
}

/** A host name as `--allow-host` takes it: a DNS name or an IP address, without port; else undefined. */
export function normalizeHost(text) {
  return /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(text) ? hostnameOf(text) : undefined;
}

/**
 * A sandbox of `product` (eiam or ciam), serving its bundled contract for its fixture tenant.
 * `contract` (from ./contract.js) and `tenant` replace the product's own, for tests; `issuer` fixes
 * the id_tokens' `iss` (by default, the address the app called). `allowedHosts` (host names) and
 * `allowedOrigins` (origins such as `https://app.example.test:8443`) add to the loopback ones.
 * @param {{ product?: string, contract?: any, tenant?: any, bodyLimit?: number, issuer?: string,
 *   allowedHosts?: string[], allowedOrigins?: string[], headersTimeout?: number }} options
 */
export function createSandbox({
  product,
  contract,
  tenant,
  bodyLimit = defaultBodyLimit,
  issuer,
  allowedHosts = [],
  allowedOrigins = [],
  headersTimeout = defaultHeadersTimeout,
} = {}) {
  if (product === undefined || !products.includes(product)) throw new Error(`createSandbox needs { product }: one of ${products.join(', ')}, got ${product}`);
  contract ??= loadContract(product, loadBundle(product));
  const core = createSandboxCore({
    product,
    contract,
    tenant,
    bodyLimit,
    issuer,
    onError: (error) => process.emitWarning(`sandbox: ${error instanceof Error ? error.stack : error}`),
  });
  let listeningUrl;

  const hosts = new Set(
    allowedHosts.map((host) => {
      const name = normalizeHost(host);
      if (!name) throw new Error(`allowedHosts: ${host} is not a host name`);
      return name;
    }),
  );
  const origins = new Set(
    allowedOrigins.map((origin) => {
      const name = normalizeOrigin(origin);
      if (!name) throw new Error(`allowedOrigins: ${origin} is not an http(s) origin`);
      return name;
    }),
  );
  const hostAllowed = (hostname) => hostname !== undefined && (loopbackHost(hostname) || hosts.has(hostname));
  const originAllowed = (origin) => origin !== undefined && (origins.has(origin) || loopbackOriginHosts.has(new URL(origin).hostname));
  // What a preflight may grant: the headers the contract defines, the body's type, and the
  // sandbox's own failure header.
  const grantedHeaders = [
    'content-type',
    failHeader,
    ...Object.values(core.contract.bundle.components.parameters ?? {})
      .filter((parameter) => parameter.in === 'header')
      .map((parameter) => parameter.name.toLowerCase()),
  ].join(', ');

  // The URL the core reads: it names the host the app called (the id_tokens' issuer), or the
  // listening address when the Host header cannot stand in a URL.
  function urlOf(request) {
    const host = request.headers.host;
    const target = request.url.startsWith('/') ? request.url : `/${request.url}`;
    try {
      return new URL(`${host && plainHost.test(host) ? `http://${host}` : listeningUrl}${target}`);
    } catch {
      return new URL(`${listeningUrl}${target}`);
    }
  }

  // Reads the body whole, holding at most `bodyLimit` bytes, since a Buffer is far cheaper for the
  // core to read than a Node stream turned into a web one; a larger body (sent chunked, with no
  // Content-Length to refuse it by) is drained and answers undefined.
  async function readBody(request) {
    const chunks = [];
    let size = 0;
    for await (const chunk of request) {
      size += chunk.length;
      if (size <= bodyLimit) chunks.push(chunk);
    }
    return size > bodyLimit ? undefined : Buffer.concat(chunks, size);
  }

  // Writes the core's answer `{ status, headers, body }` (body as JSON text, or none).
  function send(response, answer, cors) {
    const head = { vary: 'Origin', ...cors, ...answer.headers, 'content-length': answer.body === undefined ? 0 : Buffer.byteLength(answer.body) };
    response.writeHead(answer.status, head).end(answer.body);
  }

  const ownResponse = (name, values, headers = {}) => {
    const { status, body, reason } = ownAnswer(name, values);
    return { status, headers: { 'content-type': 'application/json', [reasonHeader]: reason, ...headers }, body: JSON.stringify(body) };
  };

  // Refuses `request` with the sandbox's own error: its body is left unread, and the connection
  // closed after the answer, so that a large body costs nothing.
  function refuse(request, response, name, values) {
    request.pause();
    return send(response, ownResponse(name, values, { connection: 'close' }));
  }

  function preflight(request, response, cors) {
    const head = { vary: 'Origin', 'content-length': 0, ...cors };
    if (cors) {
      Object.assign(head, {
        'access-control-allow-methods': 'GET, POST, DELETE',
        'access-control-allow-headers': grantedHeaders,
        'access-control-max-age': '600',
      });
      if (request.headers['access-control-request-private-network'] === 'true') head['access-control-allow-private-network'] = 'true';
    }
    response.writeHead(204, head).end();
  }

  const server = createServer(
    { headersTimeout, connectionsCheckingInterval: Math.min(30_000, Math.max(100, headersTimeout / 4)) },
    async (request, response) => {
      const { host } = request.headers;
      const hostname = hostnameOf(host);
      if (!hostAllowed(hostname) && listeningUrl !== `http://${host}`) return refuse(request, response, 'HOST_NOT_ALLOWED', { host: headerText(host) });
      const pathname = (request.url ?? '/').split('?')[0];
      const control = pathname === controlPrefix || pathname.startsWith(`${controlPrefix}/`);
      const given = request.headers.origin;
      const origin = given === undefined ? undefined : normalizeOrigin(given);
      const crossOrigin = given !== undefined && origin !== `http://${host}`;
      if (crossOrigin && control) return refuse(request, response, 'CROSS_ORIGIN_CONTROL', { origin: headerText(given) });
      if (crossOrigin && !originAllowed(origin)) return refuse(request, response, 'ORIGIN_NOT_ALLOWED', { origin: headerText(given) });
      const cors = crossOrigin ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': reasonHeader } : undefined;
      if (request.method === 'OPTIONS') {
        request.resume();
        return preflight(request, response, cors);
      }
      if (control && request.method === 'POST' && !/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
        return refuse(request, response, 'UNSUPPORTED_MEDIA_TYPE');
      }
      if (Number(request.headers['content-length']) > bodyLimit) return refuse(request, response, 'PAYLOAD_TOO_LARGE', { limit: bodyLimit });
      let body;
      try {
        body = await readBody(request);
      } catch {
        // The client went away while sending: nobody is left to answer.
        return response.destroy();
      }
      if (body === undefined) return send(response, ownResponse('PAYLOAD_TOO_LARGE', { limit: bodyLimit }), cors);
      let url;
      try {
        url = urlOf(request);
      } catch (error) {
        return send(response, ownResponse('BAD_REQUEST', { problem: `The request cannot be read: ${error instanceof Error ? error.message : error}` }), cors);
      }
      send(response, await core.answer({ method: request.method ?? 'GET', url, headers: request.headers, body }), cors);
    },
  );

  // node:http's own faults: the request never reached the handler.
  const clientFaults = {
    HPE_HEADER_OVERFLOW: ['HEADERS_TOO_LARGE', '431 Request Header Fields Too Large'],
    ERR_HTTP_REQUEST_TIMEOUT: ['REQUEST_TIMEOUT', '408 Request Timeout'],
  };
  server.on('clientError', (/** @type {NodeJS.ErrnoException} */ error, socket) => {
    if (!socket.writable) return socket.destroy();
    const [name, statusLine] = clientFaults[error.code] ?? ['BAD_REQUEST', '400 Bad Request'];
    const text = JSON.stringify(ownAnswer(name, { problem: 'Malformed HTTP request.' }).body);
    socket.end(`HTTP/1.1 ${statusLine}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
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
          const address = /** @type {import('node:net').AddressInfo} */ (server.address());
          listeningUrl = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
          resolve({ ...address, url: listeningUrl });
        });
      }),
    close: () =>
      /** @type {Promise<void>} */ (
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        })
      ),
  };
}
