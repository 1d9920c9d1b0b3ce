// The failures a caller of either product's client meets besides the documented errors, each with its own kind and message:
// no server, no answer in time, a caller's abort, bodies that are empty, not JSON or without the
// contract's fields; and values the contract does not list (a code, a status), which arrive intact.
// Nothing the client does may log or echo the password or the state token it sent.
import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { inspect } from 'node:util';
import { freePort } from '../../scripts/lib/free-port.js';
import { IdaasError } from '../../dist/index.js';
import { productFixtures, products } from './fixtures.js';

const secrets = { password: 'Fixture-Secret-Passw0rd', stateToken: 'fixture-state-token-5f2c' };

let server;
let baseUrl;
let respond;
before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => respond(res));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
});
after(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

const send = (res, status, body, headers = {}) => {
  res.writeHead(status, headers);
  res.end(body);
};
const json = (res, status, value) => send(res, status, JSON.stringify(value), { 'content-type': 'application/json' });
const rejection = (promise) =>
  promise.then(
    () => assert.fail('the call resolved'),
    (error) => error,
  );
const consoleCalls = /** @type {const} */ (['log', 'info', 'warn', 'error', 'debug', 'trace']).map((name) => mock.method(console, name));

function assertNoSecret(error) {
  const shown = [inspect(error, { depth: 5 }), JSON.stringify(error), String(error), error.stack].join('\n');
  for (const secret of Object.values(secrets)) assert.ok(!shown.includes(secret), 'the error shows a secret');
}

async function expectError(call, kind, httpStatus, messagePart) {
  const error = await rejection(call);
  assert.ok(error instanceof IdaasError, `not an IdaasError: ${error}`);
  assert.equal(error.kind, kind);
  assert.equal(error.httpStatus, httpStatus);
  assert.match(error.message, messagePart);
  assertNoSecret(error);
  return error;
}

for (const product of products) {
  describe(product, () => {
    const { bundle, resolve, calls, invoke, create } = productFixtures(product);
    const client = (options = {}) => create({ baseUrl, ...options });
    // A login: its result is told apart by status, and it takes the password.
    const login = calls.find((o) => o.body?.password !== undefined && Object.keys(o.tokens).length === 0) ?? assert.fail('a login that takes a password');
    const loginBody = { ...login.body, password: secrets.password };
    const callLogin = (c, options) => c[login.op.operationId](loginBody, options);
    const noBody = calls.find((o) => !o.op.responses['200'].content);
    // The captcha, for one: a 200 body that is an object without a status.
    const plainObject = calls.find((o) => {
      const schema = resolve(o.op.responses['200'].content?.['application/json'].schema);
      return schema && !schema.oneOf && !schema.required.includes('status');
    });
    const withState = calls.find((o) => o.tokens.stateToken);
    const policyStatus = bundle.components.schemas.PasswordChangeRequired.properties.status.enum[0];

    test('nothing listening: a network error with its cause', async () => {
      const closed = create({ baseUrl: `http://127.0.0.1:${await freePort()}` });
      const error = await expectError(callLogin(closed), 'network', undefined, /failed before an answer/);
      assert.ok(error.cause instanceof Error);
    });

    test('no answer within timeoutMs: a timeout error', async () => {
      respond = () => {};
      await expectError(callLogin(client({ timeoutMs: 150 })), 'timeout', undefined, /within 150 ms/);
    });

    test("timeoutMs Infinity sets no time limit, and the caller's signal still aborts", async () => {
      respond = () => {};
      const controller = new AbortController();
      const call = callLogin(client({ timeoutMs: Infinity }), { signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
      assert.equal((await rejection(call)).name, 'AbortError');
    });

    test("a caller's abort rejects with the signal's reason, not an IdaasError", async () => {
      respond = () => {};
      const controller = new AbortController();
      const call = callLogin(client(), { signal: controller.signal });
      controller.abort();
      assert.equal((await rejection(call)).name, 'AbortError');
      await assert.rejects(callLogin(client(), { signal: controller.signal }), { name: 'AbortError' });
    });

    test('an error answer with an empty body, with or without Content-Length', async () => {
      respond = (res) => send(res, 502, '', { 'content-length': '0' });
      await expectError(callLogin(client()), 'invalid-response', 502, /empty body/);
      respond = (res) => send(res, 503, '', { 'transfer-encoding': 'chunked' });
      await expectError(callLogin(client()), 'invalid-response', 503, /empty body/);
    });

    test('an error answer that is not JSON', async () => {
      respond = (res) => send(res, 502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' });
      await expectError(callLogin(client()), 'invalid-response', 502, /not JSON/);
    });

    test('an error answer without an error code', async () => {
      respond = (res) => json(res, 400, { message: 'no code here' });
      await expectError(callLogin(client()), 'invalid-response', 400, /without an error code/);
    });

    test('a 200 that is not JSON, or empty, or without status, where the contract has a result', async () => {
      const truncated = JSON.stringify({ ...bundle.components.examples.success.value, session_token: secrets.stateToken }).slice(0, -1);
      respond = (res) => send(res, 200, truncated, { 'content-type': 'application/json' });
      await expectError(callLogin(client()), 'invalid-response', 200, /not JSON/);
      respond = (res) => send(res, 200, '');
      await expectError(callLogin(client()), 'invalid-response', 200, /empty body/);
      respond = (res) => json(res, 200, []);
      await expectError(callLogin(client()), 'invalid-response', 200, /not a JSON object/);
      respond = (res) => json(res, 200, { session_token: 'x' });
      await expectError(callLogin(client()), 'invalid-response', 200, /without a status/);
    });

    test('a result without status where the contract has none resolves as sent, but must be an object', async () => {
      const value = { fieldTheContractMayAddLater: [1, 2] };
      respond = (res) => json(res, 200, value);
      assert.deepEqual(await invoke(client(), plainObject), value);
      respond = (res) => json(res, 200, 'a string');
      await expectError(invoke(client(), plainObject), 'invalid-response', 200, /not a JSON object/);
    });

    test('a 200 without a body where the contract has none, even without Content-Length', async () => {
      respond = (res) => send(res, 200, '', { 'transfer-encoding': 'chunked' });
      assert.equal(await invoke(client(), noBody), undefined);
      respond = (res) => send(res, 200, '', { 'content-length': '0' });
      assert.equal(await invoke(client(), noBody), undefined);
    });

    test('a policy status whose data is not a password policy', async () => {
      respond = (res) => json(res, 200, { status: policyStatus, state_token: secrets.stateToken, data: 'not a policy' });
      await expectError(callLogin(client()), 'invalid-response', 200, /password policy/);
    });

    test('a code the contract does not list arrives intact', async () => {
      const body = { error_code: 'IDAAS.SDK.FUTURE.0042', error_msg: 'Something the contract does not know yet' };
      respond = (res) => json(res, 403, body);
      const error = await expectError(callLogin(client()), 'http', 403, /does not know yet/);
      assert.equal(error.code, body.error_code);
      assert.deepEqual(error.params, {});
      assert.equal(error.remainingAttempts, undefined);
      assert.equal(error.lockout, undefined);
    });

    test('a status the contract does not list arrives intact', async () => {
      const body = { status: 'FUTURE_STEP', state_token: 'x', extra: { nested: [1, 2] } };
      respond = (res) => json(res, 200, body);
      assert.deepEqual(await callLogin(client()), body);
    });

    test('nothing was logged, and a state token sent is not echoed in the error', async () => {
      respond = (res) => json(res, 400, { error_code: 'X', error_msg: 'denied' });
      await expectError(invoke(client(), withState, { stateToken: secrets.stateToken }), 'http', 400, /denied/);
      for (const method of consoleCalls) assert.equal(method.mock.callCount(), 0);
    });
  });
}
