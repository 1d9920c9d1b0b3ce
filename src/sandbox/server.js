// The sandbox: a stateful mock of the contract on a bare node:http server. It applies the checks
// every operation shares (injected failure, headers, body) in the vendor's order and error codes,
// hands the rest to the operation's handler, and serves the control routes under /__sandbox/.
import { createServer } from 'node:http';
import { loadContract, fillMessage } from './contract.js';
import { createOperations } from './operations.js';
import { createState } from './state.js';
import * as tenant from './tenant.js';

const controlPrefix = '/__sandbox';
const reasonHeader = 'X-Sandbox-Reason';
const failHeader = 'x-sandbox-fail';
export const defaultBodyLimit = 64 * 1024;

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': reasonHeader,
};

// Codes of our own for what is not an API call at all; prefixed so that nobody takes them for the vendor's.
const sandboxError = (status, code, message) => ({ status, body: { error_code: `SANDBOX.${code}`, error_msg: message } });

const blank = (value) => typeof value !== 'string' || value.trim() === '';

// Header values must be Latin-1; reasons quote user input, so anything else is masked.
const headerSafe = (text) => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 300);

export function createSandbox({ contract = loadContract(), bodyLimit = defaultBodyLimit } = {}) {
  const state = createState();
  const handlers = createOperations(contract, state);
  const languageKey = contract.headers.language.toLowerCase();

  function callOperation(operation, request, parsed) {
    const language = contract.language(request.headers[languageKey]);
    const fail = (scenario, values, reason) => errorAnswer(operation.error(scenario), values, reason);
    const errorAnswer = (entry, values, reason) => ({
      status: entry.httpStatus,
      body: { error_code: entry.code, error_msg: fillMessage(entry.message[language], values) },
      reason,
    });

    if (request.headers[failHeader] !== undefined || state.takeFailure(operation.path)) {
      return fail('systemBusy', [], 'Failure injected through the sandbox.');
    }
    for (const header of operation.requiredHeaders) {
      const value = request.headers[header.key];
      if (blank(value)) return errorAnswer(header.error, [header.name]);
      if (header.name === contract.headers.clientId && value !== tenant.clientId) return fail('appNotRegistered');
    }
    const body = parsed.body !== null && typeof parsed.body === 'object' && !Array.isArray(parsed.body) ? parsed.body : {};
    const bodyReason = parsed.problem ?? (body === parsed.body ? undefined : 'The request body is not a JSON object.');
    for (const { field, error } of operation.requiredFields) {
      const value = body[field];
      if (blank(value)) {
        const reason = bodyReason ?? (value === undefined || typeof value === 'string' ? undefined : `${field} must be a string.`);
        return errorAnswer(error, [field], reason);
      }
    }
    if (!operation.validateBody(body)) {
      const [problem] = operation.validateBody.errors;
      const field = problem.instancePath.split('/')[1];
      const { error } = operation.requiredFields.find((candidate) => candidate.field === field) ?? operation.requiredFields[0];
      return errorAnswer(error, [field], `${field} ${problem.message}.`);
    }
    return handlers[operation.id]({ operation, request, body, fail });
  }

  function control(request, pathname, parsed) {
    const route = `${request.method} ${pathname.slice(controlPrefix.length) || '/'}`;
    const input = parsed.body ?? {};
    switch (route) {
      case 'GET /':
        return {
          status: 200,
          body: {
            tenant: { clientId: tenant.clientId, password: tenant.password, smsCode: tenant.smsCode, emailCode: tenant.emailCode, users: tenant.users },
            state: state.summary(),
            routes: controlRoutes,
          },
        };
      case 'POST /reset':
        state.reset();
        return { status: 204 };
      case 'POST /failures': {
        const { times, path } = input;
        if ((times !== undefined && !(Number.isInteger(times) && times > 0)) || (path !== undefined && !contract.operations.has(path))) {
          return sandboxError(400, 'BAD_REQUEST', 'Expected {"times": positive integer, "path": a path of the contract}, both optional.');
        }
        state.injectFailure({ path, times });
        return { status: 204 };
      }
      case 'DELETE /failures':
        state.clearFailures();
        return { status: 204 };
      case 'GET /sms':
        return { status: 200, body: { codes: state.sentCodes() } };
      case 'GET /clock':
        return { status: 200, body: { now: new Date(state.now()).toISOString() } };
      case 'POST /clock': {
        const { advanceSeconds } = input;
        if (!Number.isFinite(advanceSeconds) || advanceSeconds < 0) {
          return sandboxError(400, 'BAD_REQUEST', 'Expected {"advanceSeconds": a number of seconds >= 0}.');
        }
        return { status: 200, body: { now: new Date(state.advance(advanceSeconds * 1000)).toISOString() } };
      }
      default:
        return sandboxError(404, 'NOT_FOUND', `No sandbox control route ${route}. GET ${controlPrefix}/ lists them.`);
    }
  }

  function route(request, parsed) {
    const query = request.url.indexOf('?');
    const pathname = query < 0 ? request.url : request.url.slice(0, query);
    if (pathname === controlPrefix || pathname.startsWith(`${controlPrefix}/`)) return control(request, pathname, parsed);
    const operation = contract.operations.get(pathname);
    if (!operation) return sandboxError(404, 'NOT_FOUND', `No operation at ${pathname}.`);
    if (request.method !== operation.method) {
      return { ...sandboxError(405, 'METHOD_NOT_ALLOWED', `${pathname} takes ${operation.method} only.`), headers: { allow: `${operation.method}, OPTIONS` } };
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
        answer = sandboxError(500, 'INTERNAL', 'The sandbox failed on this request; see its log.');
      }
      send(response, answer);
    });
  });
  server.on('clientError', (error, socket) => {
    if (!socket.writable) return socket.destroy();
    const text = JSON.stringify(sandboxError(400, 'BAD_REQUEST', 'Malformed HTTP request.').body);
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  });

  return {
    server,
    state,
    contract,
    listen: ({ host = '127.0.0.1', port = 0 } = {}) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address());
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const controlRoutes = {
  [`GET ${controlPrefix}/`]: 'This summary: the fixture tenant, the sandbox state and these routes.',
  [`POST ${controlPrefix}/reset`]: 'Forget attempts, lockouts, codes, state tokens, changed passwords and injected failures; reset the clock.',
  [`POST ${controlPrefix}/failures`]: 'Body {"times"?: n, "path"?: "/api/..."}: the next n calls (to that path) answer the documented 500; a path without times fails until cleared.',
  [`DELETE ${controlPrefix}/failures`]: 'Clear injected failures.',
  [`GET ${controlPrefix}/sms`]: 'The SMS codes sent so far: mobile, type, code, sentAt, expiresAt, used.',
  [`GET ${controlPrefix}/clock`]: "The sandbox's clock.",
  [`POST ${controlPrefix}/clock`]: 'Body {"advanceSeconds": n}: move the clock forward (lockouts, codes and state tokens expire on it).',
  '*': `Header ${failHeader}: 500 on any API call makes that call answer the documented 500.`,
};
