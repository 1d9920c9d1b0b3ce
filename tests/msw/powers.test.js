// The control routes' powers as functions of sandboxHandlers, each proved by what the API then
// answers through msw/node: a lockout lifted by advance() or by the caller's own clock, the codes
// sent, injected failures, reset, and the /__sandbox/ routes answered by the handlers too. Every
// answer is checked against the contract by the sandbox tests' own caller.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { sandboxHandlers } from '../../dist/msw.js';
import { control, forProduct } from '../../scripts/lib/sandbox-client.js';

const product = 'ciam';
const baseUrl = 'https://tenant.example.com';
const kit = forProduct(product);
const { tenant } = kit;
const login = Object.keys(kit.operationsById).find((id) => id.startsWith('loginBy') && kit.requestSchema(id)?.properties.password) ?? '';
const nameField = kit.requestSchema(login).required.find((field) => field !== 'password');
const signIn = (user, password) => kit.call(baseUrl, login, { body: { [nameField]: user.mobile, password } });
const lockMs = tenant.limits.lockMinutes * 60_000;

// The countdown's figures depend on the millisecond the call lands in; the code does not.
const assertLocked = (answer) => assert.equal(answer.body?.error_code, kit.errorEntry('lockedOut')[0], JSON.stringify(answer.body));

async function lockOut(user) {
  for (let attempt = 0; attempt < tenant.limits.maxPasswordAttempts; attempt += 1) await signIn(user, `${tenant.password}!`);
  assertLocked(await signIn(user, tenant.password));
}

describe('sandboxHandlers powers', () => {
  let time = Date.parse('2030-01-01T00:00:00Z');
  const stepped = sandboxHandlers({ product, baseUrl });
  const clocked = sandboxHandlers({ product, baseUrl: `${baseUrl}/clocked`, clock: () => new Date(time) });
  const server = setupServer(...stepped.handlers);
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  after(() => server.close());

  test('advance() lifts a lockout once its minutes have passed, and reset() forgets it', async () => {
    stepped.reset();
    await lockOut(kit.lockoutUser);
    stepped.advance(lockMs / 1000);
    assert.ok((await signIn(kit.lockoutUser, tenant.password)).body.session_token, 'signed in after the lockout');
    await lockOut(kit.lockoutUser);
    stepped.reset();
    assert.ok((await signIn(kit.lockoutUser, tenant.password)).body.session_token, 'signed in after a reset');
  });

  test("with a clock, the sandbox's time is the caller's", async () => {
    server.use(...clocked.handlers);
    const clockedCall = (password) => kit.call(`${baseUrl}/clocked`, login, { body: { [nameField]: kit.lockoutUser.mobile, password } });
    for (let attempt = 0; attempt < tenant.limits.maxPasswordAttempts; attempt += 1) await clockedCall(`${tenant.password}!`);
    assert.equal(clocked.now().getTime(), time);
    time += lockMs - 1000;
    assertLocked(await clockedCall(tenant.password));
    // The sandbox follows the clock at each call, give or take the milliseconds the call takes.
    time += 2000;
    assert.ok((await clockedCall(tenant.password)).body.session_token);
    assert.throws(() => clocked.advance(60), /clock/);
    server.resetHandlers();
  });

  test('sentCodes() lists the code a send delivered', async () => {
    stepped.reset();
    const user = kit.user('success');
    const captchaToken = await kit.solveCaptcha(baseUrl, user.mobile);
    const type = kit.requestSchema('sendSmsCode').properties.type;
    const sent = await kit.call(baseUrl, 'sendSmsCode', { body: { ...kit.validBody('sendSmsCode'), mobile: user.mobile, captcha_token: captchaToken } });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const [code] = stepped.sentCodes('sms');
    assert.equal(code.mobile, user.mobile);
    assert.equal(code.code, tenant.codes.sms);
    assert.ok(type, 'the send names its scenario');
  });

  test('injectFailure() makes the next call answer the documented 500, once', async () => {
    stepped.reset();
    stepped.injectFailure({ path: kit.operationsById[login].path, times: 1 });
    assert.equal((await signIn(kit.user('success'), tenant.password)).body.error_code, kit.errorEntry('systemBusy')[0]);
    assert.ok((await signIn(kit.user('success'), tenant.password)).body.session_token);
  });

  test('the /__sandbox/ control routes answer through the handlers, from the same state', async () => {
    stepped.reset();
    await signIn(kit.user('success'), tenant.password);
    const summary = await control(baseUrl, '/');
    assert.equal(summary.status, 200);
    assert.equal(summary.body.product, product);
    const { clock, ...state } = stepped.summary().state;
    assert.deepEqual({ ...summary.body.state, clock }, { ...state, clock }, 'the same state, read a moment apart');
    assert.equal(stepped.summary().state.sessions, 1);
  });
});
