// Attacks on the sandbox over HTTP, each test named for the attack it stops: DNS rebinding, web pages
// of other origins (CORS, preflights, Private Network Access, forms), control inputs out of range,
// inherited-property lookups, oversized and slow requests, and code guessing. Requests go out on
// raw node:http, which, unlike fetch, may send any Host, Origin or malformed request.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { createSandbox } from '../../src/sandbox/server.js';
import { forProduct } from '../../scripts/lib/sandbox-client.js';

const product = 'eiam';
const { tenant, appHeaders, operationsById, parameters, errorEntry } = forProduct(product);
const login = /** @type {string} */ (Object.keys(operationsById).find((id) => id.startsWith('loginBy') && operationsById[id].requestBody));
const loginPath = operationsById[login].path;
const user = tenant.users.find((candidate) => candidate.behaviour === tenant.behaviours.success && !candidate.reservedFor);
const credentials = (password) => JSON.stringify({ user_name: user.userName, password });
const foreign = 'https://attacker.example';

/**
 * One request on raw HTTP: `{ status, headers, text, json }`.
 * @param {number} port
 * @param {{ method?: string, path?: string, headers?: Record<string, string>, body?: string }} [request]
 */
function send(port, { method = 'GET', path = '/__sandbox/', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const call = request(
      { host: '127.0.0.1', port, method, path, headers: { ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }), ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode, headers: response.headers, text, json });
        });
      },
    );
    call.once('error', reject);
    call.end(body);
  });
}

/** Writes `raw` bytes on a fresh connection and resolves with everything the server sends back before it closes. */
function sendRaw(port, raw, { wait = 5_000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    let text = '';
    const timer = setTimeout(() => socket.destroy(), wait);
    socket.on('data', (chunk) => {
      text += chunk;
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.once('error', reject);
  });
}

const json = { 'content-type': 'application/json' };
const loginHeaders = (extra = {}) => ({ ...appHeaders(login), ...extra });

let sandbox;
let port;
const summary = async () => (await send(port)).json;
before(async () => {
  sandbox = createSandbox({ product, allowedHosts: ['devbox.example'], allowedOrigins: ['https://app.devbox.example:8443'], headersTimeout: 1_000 });
  ({ port } = await sandbox.listen({ host: '127.0.0.1', port: 0 }));
});
after(() => sandbox.close());

describe('DNS rebinding', () => {
  test('a request whose Host names a foreign domain is refused and reads nothing', async () => {
    const answer = await send(port, { headers: { host: `attacker.example:${port}` } });
    assert.equal(answer.status, 403);
    assert.doesNotMatch(answer.text, new RegExp(tenant.password));
  });

  test('loopback names and the hosts given by option are answered', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `devbox.example:${port}`, 'localhost']) {
      assert.equal((await send(port, { headers: { host } })).status, 200, host);
    }
  });
});

describe('web pages of other origins', () => {
  test('a foreign origin gets no CORS grant, and its wrong passwords lock nobody', async () => {
    await send(port, { method: 'POST', path: '/__sandbox/reset', headers: json });
    for (let attempt = 0; attempt < tenant.limits.maxPasswordAttempts; attempt += 1) {
      const answer = await send(port, { method: 'POST', path: loginPath, headers: loginHeaders({ origin: foreign }), body: credentials('wrong') });
      assert.equal(answer.headers['access-control-allow-origin'], undefined);
      assert.equal(answer.status, 403);
    }
    assert.equal((await summary()).state.lockouts, 0);
    assert.equal((await send(port, { method: 'POST', path: loginPath, headers: loginHeaders(), body: credentials(tenant.password) })).status, 200);
  });

  test('a page on localhost at any port is granted CORS for its own origin, never *', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'https://localhost', 'https://app.devbox.example:8443']) {
      const answer = await send(port, { method: 'POST', path: loginPath, headers: loginHeaders({ origin }), body: credentials(tenant.password) });
      assert.equal(answer.status, 200, origin);
      assert.equal(answer.headers['access-control-allow-origin'], origin);
      assert.match(answer.headers.vary ?? '', /origin/i);
      assert.equal(answer.headers['access-control-allow-credentials'], undefined);
    }
  });

  test('look-alike origins are foreign', async () => {
    for (const origin of [
      'http://localhost.attacker.example',
      'http://127.0.0.1.attacker.example:4011',
      'null',
      'http://app.devbox.example:8443',
      'https://app.devbox.example',
    ]) {
      const answer = await send(port, { method: 'POST', path: loginPath, headers: loginHeaders({ origin }), body: credentials(tenant.password) });
      assert.equal(answer.headers['access-control-allow-origin'], undefined, origin);
      assert.equal(answer.status, 403, origin);
    }
  });

  test('a preflight grants only the headers the contract uses, and only to an allowed origin', async () => {
    const asked = [
      ...Object.values(parameters)
        .filter((parameter) => parameter.in === 'header')
        .map((parameter) => parameter.name),
      'content-type',
      'x-attacker',
    ];
    const preflight = (origin) =>
      send(port, {
        method: 'OPTIONS',
        path: loginPath,
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': asked.join(', ') },
      });
    const granted = await preflight('http://localhost:5173');
    assert.equal(granted.status, 204);
    assert.equal(granted.headers['access-control-allow-origin'], 'http://localhost:5173');
    const allowed = granted.headers['access-control-allow-headers'].toLowerCase().split(/\s*,\s*/);
    for (const name of asked.slice(0, -1)) assert.ok(allowed.includes(name.toLowerCase()), name);
    assert.ok(!allowed.includes('x-attacker'), 'an unknown header is not granted');
    const refused = await preflight(foreign);
    assert.equal(refused.headers['access-control-allow-origin'], undefined);
    assert.equal(refused.headers['access-control-allow-headers'], undefined);
  });

  test('Private Network Access preflights are granted to allowed origins only', async () => {
    const preflight = (origin) =>
      send(port, {
        method: 'OPTIONS',
        path: loginPath,
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-private-network': 'true' },
      });
    assert.equal((await preflight('http://localhost:5173')).headers['access-control-allow-private-network'], 'true');
    assert.equal((await preflight(foreign)).headers['access-control-allow-private-network'], undefined);
  });

  test('control routes answer no cross-origin request, not even from an allowed origin', async () => {
    for (const origin of ['http://localhost:5173', foreign]) {
      const read = await send(port, { headers: { origin } });
      assert.equal(read.status, 403, origin);
      assert.doesNotMatch(read.text, new RegExp(tenant.password));
      const preflight = await send(port, {
        method: 'OPTIONS',
        path: '/__sandbox/clock',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assert.equal(preflight.headers['access-control-allow-origin'], undefined, origin);
      assert.equal((await send(port, { method: 'POST', path: '/__sandbox/clock', headers: { ...json, origin }, body: '{"advanceSeconds":3600}' })).status, 403);
    }
    assert.equal((await summary()).state.offsetMs, 0);
    const same = await send(port, { headers: { origin: `http://127.0.0.1:${port}` } });
    assert.equal(same.status, 200, 'a page of the sandbox itself may read them');
  });

  test('a plain HTML form cannot reach a control route: every POST must be JSON', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', undefined]) {
      /** @type {Record<string, string>} */
      const headers = type ? { 'content-type': type } : {};
      const answer = await send(port, {
        method: 'POST',
        path: '/__sandbox/clock',
        headers,
        body: type === 'application/x-www-form-urlencoded' ? 'advanceSeconds=3600' : '{"advanceSeconds":3600}',
      });
      assert.equal(answer.status, 415, String(type));
      assert.equal((await send(port, { method: 'POST', path: '/__sandbox/failures', headers, body: '{}' })).status, 415);
    }
    const state = (await summary()).state;
    assert.equal(state.offsetMs, 0);
    assert.deepEqual(state.failures, []);
  });
});

describe('control inputs', () => {
  test('a clock step out of range is a 400 and leaves the sandbox answering', async () => {
    for (const advanceSeconds of [1e300, Number.MAX_SAFE_INTEGER, -1, '60', null, 366 * 24 * 3600 * 1000]) {
      const answer = await send(port, { method: 'POST', path: '/__sandbox/clock', headers: json, body: JSON.stringify({ advanceSeconds }) });
      assert.equal(answer.status, 400, String(advanceSeconds));
      assert.ok(answer.headers['x-sandbox-reason']);
    }
    assert.equal((await send(port)).status, 200);
    assert.equal((await send(port, { path: '/__sandbox/sms' })).status, 200);
    assert.equal((await send(port, { path: '/__sandbox/clock' })).status, 200);
  });

  test('steps that add up beyond the clock range are refused, one at a time', async () => {
    let refused;
    for (let step = 0; step < 200 && !refused; step += 1) {
      const answer = await send(port, { method: 'POST', path: '/__sandbox/clock', headers: json, body: JSON.stringify({ advanceSeconds: 366 * 24 * 3600 }) });
      if (answer.status === 400) refused = answer;
      else assert.equal(answer.status, 200);
    }
    assert.ok(refused, 'the clock stops at its range');
    assert.equal((await send(port)).status, 200);
    await send(port, { method: 'POST', path: '/__sandbox/reset', headers: json });
  });

  test('the list of injected failures is bounded', async () => {
    let refused;
    for (let count = 0; count < 1_000 && !refused; count += 1) {
      const answer = await send(port, { method: 'POST', path: '/__sandbox/failures', headers: json, body: '{"times":1}' });
      if (answer.status === 400) refused = answer;
      else assert.equal(answer.status, 204);
    }
    assert.ok(refused, 'a failure beyond the bound is a 400');
    assert.match(refused.headers['x-sandbox-reason'], /\d/);
    await send(port, { method: 'DELETE', path: '/__sandbox/failures' });
    assert.equal((await send(port, { method: 'POST', path: '/__sandbox/failures', headers: json, body: `{"times":${Number.MAX_SAFE_INTEGER}}` })).status, 400);
    assert.deepEqual((await summary()).state.failures, []);
  });
});

describe('inherited properties', () => {
  test('X-L: constructor and other inherited names pick the default language, and the answer is the vendor’s', async () => {
    const [code] = errorEntry('parameterError');
    for (const language of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const answer = await send(port, {
        method: 'POST',
        path: loginPath,
        headers: loginHeaders({ [parameters.Language.name]: language }),
        body: credentials('wrong'),
      });
      assert.equal(answer.status, 400, language);
      assert.equal(answer.json.error_code, code, language);
    }
    await send(port, { method: 'POST', path: '/__sandbox/reset', headers: json });
  });

  test('login names, headers and control routes named like Object.prototype members are plain misses', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const answer = await send(port, {
        method: 'POST',
        path: loginPath,
        headers: loginHeaders({ [name]: 'x' }),
        body: JSON.stringify({ user_name: name, password: 'x' }),
      });
      assert.equal(answer.status, 400, name);
      assert.notEqual(answer.json.error_code, 'SANDBOX.INTERNAL', name);
      assert.equal((await send(port, { path: `/__sandbox/${name}` })).status, 404, name);
    }
    await send(port, { method: 'POST', path: '/__sandbox/reset', headers: json });
  });

  test('a body that sets __proto__ pollutes nothing', async () => {
    await send(port, {
      method: 'POST',
      path: loginPath,
      headers: loginHeaders(),
      body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"user_name":"x","password":"y"}',
    });
    await send(port, { method: 'POST', path: '/__sandbox/failures', headers: json, body: '{"__proto__":{"times":1}}' });
    assert.equal({}.polluted, undefined);
    await send(port, { method: 'POST', path: '/__sandbox/reset', headers: json });
  });
});

describe('what held before, and must keep holding', () => {
  test('JSON nested 30,000 deep is answered as a bad body, and the sandbox keeps serving', async () => {
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    const answer = await send(port, { method: 'POST', path: loginPath, headers: loginHeaders(), body: deep });
    assert.equal(answer.status, 400);
    assert.equal((await send(port)).status, 200);
  });

  test('2,000 connections that never finish their headers do not keep others from being served', async () => {
    const sockets = await Promise.all(
      Array.from(
        { length: 2_000 },
        () =>
          /** @type {Promise<import('node:net').Socket>} */ (
            new Promise((resolve) => {
              const socket = connect(port, '127.0.0.1', () => {
                socket.write('GET /__sandbox/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
                resolve(socket);
              });
              socket.on('error', () => {});
            })
          ),
      ),
    );
    try {
      assert.equal((await send(port)).status, 200);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });

  test('the sandbox listens on 127.0.0.1 unless told otherwise', async () => {
    const other = createSandbox({ product });
    const { address } = await other.listen({ port: 0 });
    await other.close();
    assert.equal(address, '127.0.0.1');
  });
});

describe('HTTP-level faults get their own status', () => {
  test('a 20 KB header is answered 431', async () => {
    const answer = await sendRaw(port, `GET /__sandbox/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    assert.match(answer, /^HTTP\/1\.1 431 /);
  });

  test('headers that never end are answered 408 after the header timeout', async () => {
    const answer = await sendRaw(port, 'GET /__sandbox/ HTTP/1.1\r\nHost: 127.0.0.1\r\n', { wait: 10_000 });
    assert.match(answer, /^HTTP\/1\.1 408 /);
  });

  test('a body declared larger than the limit is answered 413', async () => {
    const answer = await sendRaw(
      port,
      `POST ${loginPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\nConnection: close\r\n\r\n{`,
      { wait: 3_000 },
    );
    assert.match(answer, /^HTTP\/1\.1 413 /);
  });

  test('a chunked body that grows past the limit is drained and answered 413', async () => {
    const chunk = 'x'.repeat(16 * 1024);
    const chunks = Array.from({ length: 8 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    const answer = await sendRaw(
      port,
      `POST ${loginPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunks}0\r\n\r\n`,
    );
    assert.match(answer, /^HTTP\/1\.1 413 /);
  });

  test('a malformed request line is answered 400', async () => {
    assert.match(await sendRaw(port, 'GET\r\n\r\n'), /^HTTP\/1\.1 400 /);
  });

  test('a request smuggled behind Content-Length and Transfer-Encoding together is refused', async () => {
    const smuggled = `POST ${loginPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nPOST /__sandbox/clock HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 22\r\n\r\n{"advanceSeconds":600}`;
    const answer = await sendRaw(port, smuggled, { wait: 2_000 });
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.equal((await summary()).state.offsetMs, 0);
  });

  test('pipelined requests are each answered, in order', async () => {
    const one = 'GET /__sandbox/clock HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    const answer = await sendRaw(port, `${one}${one}GET /__sandbox/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    assert.equal(answer.match(/HTTP\/1\.1 200 /g).length, 3);
  });
});
