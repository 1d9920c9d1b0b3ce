// The sandbox: a stateful mock of one product's contract (EIAM or CIAM) on a bare node:http server,
// with that product's fixture tenant. It applies the checks every operation shares (injected
// failure, headers, body) in the vendor's order and error codes, hands the rest to the operation's
// handler, and serves the control routes under /__sandbox/.
import { createServer } from 'node:http';
import { products } from '../contract.js';
import { fillMessage, loadContract } from './contract.js';
import { createIdTokenSigner } from './id-token.js';
import { createHandlers } from './operations.js';
import { ownError } from './own-errors.js';
import { createState } from './state.js';
import { tenants } from './tenants/index.js';

/** Where `npm run sandbox` and `npm start` serve each product's sandbox unless told otherwise. */
export const defaultPorts = Object.freeze({ eiam: 4011, ciam: 4021 });
export const defaultBodyLimit = 64 * 1024;

const controlPrefix = '/__sandbox';
const reasonHeader = 'X-Sandbox-Reason';
const failHeader = 'x-sandbox-fail';
const recentCodes = 10;

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': reasonHeader,
};

const blank = (value) => typeof value !== 'string' || value.trim() === '';

// Header values must be Latin-1; reasons quote user input, so anything else is masked.
const headerSafe = (text) => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 300);

// A Host header that can stand in an issuer URL; anything else falls back to the listening address.
const plainHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * A sandbox of `product` (eiam or ciam), serving its bundled contract for its fixture tenant.
 * `contract` (from ./contract.js) and `tenant` replace the product's own, for tests; `issuer` fixes
 * the id_tokens' `iss` (by default, the address the app called).
 */
export function createSandbox({ product, contract, tenant, bodyLimit = defaultBodyLimit, issuer } = {}) {
  if (!products.includes(product)) throw new Error(`createSandbox needs { product }: one of ${products.join(', ')}, got ${product}`);
  contract ??= loadContract(product);
  tenant ??= tenants[product];
  const state = createState(tenant);
  const signer = createIdTokenSigner(tenant.idToken.signingKey);
  const handlers = createHandlers({ contract, tenant, state, signer });
  const languageKey = contract.header('Language').toLowerCase();
  const clientIdHeader = contract.header('ClientId');
  const channels = Object.keys(tenant.codes);
  const failable = new Set([...contract.operations.values()].filter((operation) => operation.systemBusy).map((operation) => operation.path));
  const routes = controlRoutes(channels);
  const summary = tenantSummary(contract, tenant, signer);
  let listeningUrl;

  const ownAnswer = (name, values, reason) => errorAnswer(ownError(name), 'en', values, reason);

  function errorAnswer(entry, language, values, reason) {
    return {
      status: entry.httpStatus,
      body: { error_code: entry.code, error_msg: fillMessage(entry, language, values) },
      // The sandbox's own codes always say why; the vendor's do when the sandbox read something into them.
      reason: reason ?? (entry.own ? fillMessage(entry, 'en', values) : undefined),
    };
  }

  function callOperation(operation, request, parsed) {
    const language = contract.language(request.headers[languageKey]);
    const fault = (entry, values, reason) => errorAnswer(entry, language, values, reason);

    if (operation.systemBusy && (request.headers[failHeader] !== undefined || state.takeFailure(operation.path))) {
      return fault(operation.systemBusy, {}, 'Failure injected through the sandbox.');
    }
    for (const header of operation.requiredHeaders) {
      const value = request.headers[header.key];
      if (blank(value)) return fault(header.blank, { parameter: header.name }, `${header.name} is missing or blank.`);
      if (header.name === clientIdHeader && value !== tenant.clientId) return fault(operation.appNotRegistered, {}, `${header.name} is not the fixture tenant's client id.`);
    }
    let body = {};
    if (operation.body) {
      const isObject = parsed.body !== null && typeof parsed.body === 'object' && !Array.isArray(parsed.body);
      body = isObject ? parsed.body : {};
      const bodyReason = parsed.problem ?? (isObject ? undefined : 'The request body is not a JSON object.');
      for (const { field, blank: missing } of operation.body.required) {
        const value = body[field];
        if (blank(value)) {
          const reason = bodyReason ?? (value === undefined || typeof value === 'string' ? `${field} is missing or blank.` : `${field} must be a string.`);
          return fault(missing, { parameter: field }, reason);
        }
      }
      if (!operation.body.validate(body)) {
        const [problem] = operation.body.validate.errors;
        const field = problem.instancePath.split('/')[1];
        const { invalid } = operation.body.required.find((candidate) => candidate.field === field) ?? operation.body.required[0];
        return fault(invalid, { parameter: field }, `${field} ${problem.message}.`);
      }
    }
    const answer = handlers.get(operation.id)({ headers: request.headers, body, issuer: issuer ?? issuerOf(request) });
    return answer.error ? fault(answer.error, answer.values, answer.reason) : answer;
  }

  function issuerOf(request) {
    const host = request.headers.host;
    return host && plainHost.test(host) ? `http://${host}` : listeningUrl;
  }

  function control(request, pathname, parsed) {
    const route = `${request.method} ${pathname.slice(controlPrefix.length) || '/'}`;
    const input = parsed.body ?? {};
    const channel = /^GET \/(\w+)$/.exec(route)?.[1];
    if (channel && channels.includes(channel)) return { status: 200, body: { codes: state.sentCodes(channel) } };
    switch (route) {
      case 'GET /':
        return {
          status: 200,
          body: {
            product: contract.product,
            tenant: summary,
            state: state.summary(),
            // The last few codes of each channel; the channel's own route lists them all.
            sentCodes: Object.fromEntries(channels.map((channel) => [channel, state.sentCodes(channel).slice(-recentCodes)])),
            routes,
          },
        };
      case 'POST /reset':
        state.reset();
        return { status: 204 };
      case 'POST /failures': {
        const { times, path } = input;
        if ((times !== undefined && !(Number.isInteger(times) && times > 0)) || (path !== undefined && !failable.has(path))) {
          return ownAnswer('BAD_REQUEST', { problem: 'Expected {"times": positive integer, "path": a path of the contract that documents a 500}, both optional.' });
        }
        state.injectFailure({ path, times });
        return { status: 204 };
      }
      case 'DELETE /failures':
        state.clearFailures();
        return { status: 204 };
      case 'GET /clock':
        return { status: 200, body: { now: new Date(state.now()).toISOString() } };
      case 'POST /clock': {
        const { advanceSeconds } = input;
        if (!Number.isFinite(advanceSeconds) || advanceSeconds < 0) {
          return ownAnswer('BAD_REQUEST', { problem: 'Expected {"advanceSeconds": a number of seconds >= 0}.' });
        }
        return { status: 200, body: { now: new Date(state.advance(advanceSeconds * 1000)).toISOString() } };
      }
      default:
        return ownAnswer('NOT_FOUND', { path: pathname }, `No sandbox control route ${route}. GET ${controlPrefix}/ lists them.`);
    }
  }

  function route(request, parsed) {
    const query = request.url.indexOf('?');
    const pathname = query < 0 ? request.url : request.url.slice(0, query);
    if (pathname === controlPrefix || pathname.startsWith(`${controlPrefix}/`)) return control(request, pathname, parsed);
    const methods = contract.byPath.get(pathname);
    if (!methods) return ownAnswer('NOT_FOUND', { path: pathname }, `The ${contract.product} contract has no operation at ${pathname}.`);
    const operation = methods.get(request.method);
    if (!operation) {
      const allowed = [...methods.keys()].join(', ');
      return { ...ownAnswer('METHOD_NOT_ALLOWED', { path: pathname, methods: allowed }), headers: { allow: `${allowed}, OPTIONS` } };
    }
    return callOperation(operation, request, parsed);
  }

  function send(response, { status, body, reason, headers }) {
    const head = { ...corsHeaders, ...headers };
    if (reason) head[reasonHeader] = headerSafe(reason);
    if (body === undefined) {
      head['content-length'] = 0;
      response.writeHead(status, head).end();
      return;
    }
    const text = JSON.stringify(body);
    head['content-type'] = 'application/json';
    head['content-length'] = Buffer.byteLength(text);
    response.writeHead(status, head).end(text);
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

  // Reads the body without ever holding more than `bodyLimit` bytes: an oversized body is drained
  // and answered as an unreadable one, so the client gets its answer instead of a reset connection.
  function readBody(request, done) {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size <= bodyLimit) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > bodyLimit) return done({ problem: `The request body is larger than ${bodyLimit} bytes.` });
      if (size === 0) return done({ problem: 'The request body is empty.' });
      try {
        done({ body: JSON.parse(Buffer.concat(chunks, size).toString('utf8')) });
      } catch (error) {
        done({ problem: `The request body is not valid JSON: ${error.message}` });
      }
    });
    request.on('error', () => {});
  }

  const server = createServer((request, response) => {
    if (request.method === 'OPTIONS') {
      request.resume();
      return preflight(request, response);
    }
    readBody(request, (parsed) => {
      let answer;
      try {
        answer = route(request, parsed);
      } catch (error) {
        process.emitWarning(`sandbox: ${error.stack}`);
        answer = ownAnswer('INTERNAL');
      }
      send(response, answer);
    });
  });
  server.on('clientError', (error, socket) => {
    if (!socket.writable) return socket.destroy();
    const text = JSON.stringify(ownAnswer('BAD_REQUEST', { problem: 'Malformed HTTP request.' }).body);
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  });

  return {
    product: contract.product,
    server,
    state,
    contract,
    tenant,
    listen: ({ host = '127.0.0.1', port = defaultPorts[contract.product] } = {}) =>
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

// What GET /__sandbox/ tells about the fixture tenant: everything a frontend team needs to drive
// it, the answer to its captcha included; of the signing key, only its public half.
function tenantSummary(contract, tenant, signer) {
  const verify = [...contract.operations.values()].find((operation) => operation.body?.schema.properties?.point_json);
  const fixedY = verify && JSON.parse(verify.body.schema.properties.point_json.example).y;
  return {
    clientId: tenant.clientId,
    password: tenant.password,
    codes: tenant.codes,
    users: tenant.users,
    limits: tenant.limits,
    captcha: { ...tenant.captcha, y: fixedY, solution: { point_json: JSON.stringify({ x: tenant.captcha.gap.x, y: fixedY }) } },
    idToken: { lifetimeSeconds: tenant.idToken.lifetimeSeconds, key: signer.publicJwk },
    ...(tenant.renewSessionOnRefresh === undefined ? {} : { renewSessionOnRefresh: tenant.renewSessionOnRefresh }),
  };
}

function controlRoutes(channels) {
  return {
    [`GET ${controlPrefix}/`]: `This summary: the fixture tenant (its captcha solution included), the sandbox state, the last ${recentCodes} codes sent by each channel, and these routes.`,
    [`POST ${controlPrefix}/reset`]: 'Forget attempts, lockouts, codes, captchas, state and session tokens, changed passwords and injected failures; reset the clock.',
    [`POST ${controlPrefix}/failures`]: 'Body {"times"?: n, "path"?: "/api/..."}: the next n calls (to that path) answer the documented 500; a path without times fails until cleared.',
    [`DELETE ${controlPrefix}/failures`]: 'Clear injected failures.',
    ...Object.fromEntries(
      channels.map((channel) => [`GET ${controlPrefix}/${channel}`, `The ${channel === 'sms' ? 'SMS' : 'email'} codes sent so far: ${channel === 'sms' ? 'mobile' : 'email'}, type, code, sentAt, expiresAt, used.`]),
    ),
    [`GET ${controlPrefix}/clock`]: "The sandbox's clock.",
    [`POST ${controlPrefix}/clock`]: 'Body {"advanceSeconds": n}: move the clock forward (lockouts, codes, captchas and tokens expire on it).',
    '*': `Header ${failHeader}: 500 on any API call that documents a 500 makes that call answer it.`,
  };
}
