// The failures a caller meets besides the documented errors, each with its own kind and message:
// no server, no answer in time, a caller's abort, bodies that are empty, not JSON or without the
// contract's fields; and values the contract does not list (a code, a status), which arrive intact.
// Nothing the client does may log or echo the password or the state token it sent.
import { after, before, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { inspect } from 'node:util';
import { freePort } from '../support/prism.js';
import { createIdaasClient, IdaasError } from '../../dist/index.js';
import { app, bundle, operations } from './fixtures.js';

const login = operations.find((o) => o.op.responses['200'].content && !o.needsStateToken);
const noBody = operations.find((o) => !o.op.responses['200'].content);
const withState = operations.find((o) => o.needsStateToken);
const policyStatus = bundle.components.schemas.PasswordChangeRequired.properties.status.enum[0];
const secrets = { password: 'Fixture-Secret-Passw0rd', stateToken: 'fixture-state-token-5f2c' };
const loginBody = { ...login.body, password: secrets.password };

let server;
let baseUrl;
let respond;
before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => respond(res));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});
after(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

const client = (options = {}) => createIdaasClient({ baseUrl, ...app, ...options });
const send = (res, status, body, headers = {}) => {
  res.writeHead(status, headers);
  res.end(body);
};
const rejection = (promise) =>
  promise.then(
    () => assert.fail('the call resolved'),
    (error) => error,
  );
const consoleCalls = ['log', 'info', 'warn', 'error', 'debug', 'trace'].map((name) => mock.method(console, name));

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

test('nothing listening: a network error with its cause', async () => {
  const closed = createIdaasClient({ baseUrl: `http://127.0.0.1:${await freePort()}`, ...app });
  const error = await expectError(closed[login.op.operationId](loginBody), 'network', undefined, /failed before an answer/);
  assert.ok(error.cause instanceof Error);
});

test('no answer within timeoutMs: a timeout error', async () => {
  respond = () => {};
  await expectError(client({ timeoutMs: 150 })[login.op.operationId](loginBody), 'timeout', undefined, /within 150 ms/);
});

test('a timeout a timer cannot wait for is refused when the client is made', () => {
  for (const timeoutMs of [0, -1, Number.NaN, 2 ** 31]) {
    assert.throws(() => client({ timeoutMs }), RangeError, `timeoutMs ${timeoutMs}`);
  }
});

test('timeoutMs Infinity sets no time limit, and the caller\'s signal still aborts', async () => {
  respond = () => {};
  const controller = new AbortController();
  const call = client({ timeoutMs: Infinity })[login.op.operationId](loginBody, { signal: controller.signal });
  await new Promise((resolve) => setTimeout(resolve, 50));
  controller.abort();
  assert.equal((await rejection(call)).name, 'AbortError');
});

test('a caller\'s abort rejects with the signal\'s reason, not an IdaasError', async () => {
  respond = () => {};
  const controller = new AbortController();
  const call = client()[login.op.operationId](loginBody, { signal: controller.signal });
  controller.abort();
  const error = await rejection(call);
  assert.equal(error.name, 'AbortError');
  await assert.rejects(client()[login.op.operationId](loginBody, { signal: controller.signal }), { name: 'AbortError' });
});

test('an error answer with an empty body, with or without Content-Length', async () => {
  respond = (res) => send(res, 502, '', { 'content-length': '0' });
  await expectError(client()[login.op.operationId](loginBody), 'invalid-response', 502, /empty body/);
  respond = (res) => send(res, 503, '', { 'transfer-encoding': 'chunked' });
  await expectError(client()[login.op.operationId](loginBody), 'invalid-response', 503, /empty body/);
});

test('an error answer that is not JSON', async () => {
  respond = (res) => send(res, 502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' });
  await expectError(client()[login.op.operationId](loginBody), 'invalid-response', 502, /not JSON/);
});

test('an error answer without an error code', async () => {
  respond = (res) => send(res, 400, JSON.stringify({ message: 'no code here' }), { 'content-type': 'application/json' });
  await expectError(client()[login.op.operationId](loginBody), 'invalid-response', 400, /without an error code/);
});

test('a 200 that is not JSON, or empty, where the contract has a body', async () => {
  const truncated = JSON.stringify({ ...bundle.components.examples.successCiam.value, session_token: secrets.stateToken }).slice(0, -1);
  respond = (res) => send(res, 200, truncated, { 'content-type': 'application/json' });
  await expectError(client()[login.op.operationId](loginBody), 'invalid-response', 200, /not JSON/);
  respond = (res) => send(res, 200, '');
  await expectError(client()[login.op.operationId](loginBody), 'invalid-response', 200, /empty body/);
  respond = (res) => send(res, 200, '[]', { 'content-type': 'application/json' });
  await expectError(client()[login.op.operationId](loginBody), 'invalid-response', 200, /without a status/);
});

test('a 200 without a body where the contract has none, even without Content-Length', async () => {
  respond = (res) => send(res, 200, '', { 'transfer-encoding': 'chunked' });
  assert.equal(await client()[noBody.op.operationId](noBody.body), undefined);
  respond = (res) => send(res, 200, '', { 'content-length': '0' });
  assert.equal(await client()[noBody.op.operationId](noBody.body), undefined);
});

test('a policy status whose data is not a password policy', async () => {
  const body = { status: policyStatus, state_token: secrets.stateToken, data: 'not a policy' };
  respond = (res) => send(res, 200, JSON.stringify(body), { 'content-type': 'application/json' });
  await expectError(client()[login.op.operationId](loginBody), 'invalid-response', 200, /password policy/);
});

test('a code the contract does not list arrives intact', async () => {
  const body = { error_code: 'IDAAS.SDK.FUTURE.0042', error_msg: 'Something the contract does not know yet' };
  respond = (res) => send(res, 403, JSON.stringify(body), { 'content-type': 'application/json' });
  const error = await expectError(client()[login.op.operationId](loginBody), 'http', 403, /does not know yet/);
  assert.equal(error.code, body.error_code);
  assert.deepEqual(error.params, {});
  assert.equal(error.remainingAttempts, undefined);
  assert.equal(error.lockout, undefined);
});

test('a status the contract does not list arrives intact', async () => {
  const body = { status: 'FUTURE_STEP', state_token: 'x', extra: { nested: [1, 2] } };
  respond = (res) => send(res, 200, JSON.stringify(body), { 'content-type': 'application/json' });
  assert.deepEqual(await client()[login.op.operationId](loginBody), body);
});

test('nothing was logged, and a state token sent is not echoed in the error', async () => {
  respond = (res) => send(res, 400, '{"error_code":"X","error_msg":"denied"}', { 'content-type': 'application/json' });
  await expectError(
    client()[withState.op.operationId](withState.body, { stateToken: secrets.stateToken }),
    'http',
    400,
    /denied/,
  );
  for (const method of consoleCalls) assert.equal(method.mock.callCount(), 0);
});
