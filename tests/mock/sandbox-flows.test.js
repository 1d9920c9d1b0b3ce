// The sandbox's multi-step behaviour with the fixture tenant: logins by behaviour, the wrong-password
// count-down and lockout on the sandbox clock, the forced password change and the second factor
// with their state tokens and SMS codes. Every answer is checked against the contract by `call`.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tenant from '../../src/sandbox/tenant.js';
import { deref } from '../support/contract.js';
import { assertError, bundle, call, control, operations, parameters, smsTypeFor, startSandbox } from '../support/sandbox.js';

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.stop());
beforeEach(() => control(sandbox.url, '/reset', { method: 'POST' }));

const user = (behaviour) => tenant.users.find((candidate) => candidate.behaviour === behaviour && !candidate.reservedFor);
const gus = tenant.users.find((candidate) => candidate.reservedFor === 'lockout');
const { behaviours } = tenant;
const examples = (operationId) => operations[operationId].responses['200'].content['application/json'].examples;
const exampleStatus = (operationId, name) => deref(bundle, examples(operationId)[name]).value.status;
const schemaStatus = (schema) => bundle.components.schemas[schema].properties.status.const;
const captcha = 'c0ffee---{"x":10.5,"y":3.0}';
const newPassword = 'N3w-Demo-Passw0rd';

const login = (mobile, password = tenant.password) => call(sandbox.url, 'loginByMobilePassword', { body: { mobile, password } });
const sendCode = (mobile, type) => call(sandbox.url, 'sendSmsCode', { body: { mobile, type, captcha_token: captcha } });
const advance = (seconds) => control(sandbox.url, '/clock', { method: 'POST', body: { advanceSeconds: seconds } });
const changePassword = (stateToken, body) =>
  call(sandbox.url, 'updatePasswordByMobile', { headers: { [parameters.StateToken.name]: stateToken }, body });
const verifyMfa = (stateToken, body) => call(sandbox.url, 'verifyMfaSms', { headers: { [parameters.StateToken.name]: stateToken }, body });

describe('mobile + password login, by user behaviour', () => {
  const cases = [
    [behaviours.success, 'success'],
    [behaviours.passwordWarn, 'passwordWarn'],
    [behaviours.passwordExpired, 'passwordExpired'],
    [behaviours.mfaRequired, 'mfaRequired'],
    [behaviours.accessDenied, 'accessDenied'],
  ];
  for (const [behaviour, example] of cases) {
    test(`${user(behaviour).name} gets the status of the ${example} example`, async () => {
      const result = await login(user(behaviour).mobile);
      assert.equal(result.status, 200);
      assert.equal(result.body.status, exampleStatus('loginByMobilePassword', example));
    });
  }

  test('tokens are fresh on every login', async () => {
    const first = await login(user(behaviours.success).mobile);
    const second = await login(user(behaviours.success).mobile);
    assert.notEqual(first.body.session_token, second.body.session_token);
  });

  test('every fixture user logs in by email code, except the disabled one', async () => {
    for (const someone of tenant.users.filter((candidate) => candidate.behaviour !== behaviours.disabled)) {
      const result = await call(sandbox.url, 'loginByEmailCode', { body: { email: someone.email.toUpperCase(), verify_code: tenant.emailCode } });
      assert.equal(result.body.status, schemaStatus('SessionResult'), someone.email);
    }
  });
});

describe('wrong passwords count down, then lock', () => {
  test(`${tenant.maxPasswordAttempts} wrong passwords lock the user for ${tenant.lockMinutes} minutes, counting down on the clock`, async () => {
    for (let left = tenant.maxPasswordAttempts - 1; left > 0; left -= 1) {
      assertError(await login(gus.mobile, 'wrong'), 'invalidCredentials', [left]);
    }
    assertError(await login(gus.mobile, 'wrong'), 'lockedOut', [tenant.lockMinutes, 0]);
    assertError(await login(gus.mobile), 'lockedOut', [tenant.lockMinutes, 0]);
    await advance(10 * 60 + 1);
    assertError(await login(gus.mobile), 'lockedOut', [tenant.lockMinutes - 11, 59]);
    await advance(19 * 60 + 58);
    assertError(await login(gus.mobile), 'lockedOut', [0, 1]);
    await advance(1);
    assert.equal((await login(gus.mobile)).status, 200);
  });

  test('the lockout message is in Chinese with X-L', async () => {
    const zh = parameters.Language.example;
    for (let attempt = 0; attempt < tenant.maxPasswordAttempts; attempt += 1) await login(gus.mobile, 'wrong');
    const result = await call(sandbox.url, 'loginByMobilePassword', { body: { mobile: gus.mobile, password: tenant.password }, language: zh });
    assertError(result, 'lockedOut', [tenant.lockMinutes, 0], zh);
  });

  test('a successful login resets the count', async () => {
    assertError(await login(gus.mobile, 'wrong'), 'invalidCredentials', [tenant.maxPasswordAttempts - 1]);
    assertError(await login(gus.mobile, 'wrong'), 'invalidCredentials', [tenant.maxPasswordAttempts - 2]);
    assert.equal((await login(gus.mobile)).status, 200);
    assertError(await login(gus.mobile, 'wrong'), 'invalidCredentials', [tenant.maxPasswordAttempts - 1]);
  });

  test('an unknown number counts down like a known one, so answers do not reveal accounts', async () => {
    assertError(await login('13900000000', 'wrong'), 'invalidCredentials', [tenant.maxPasswordAttempts - 1]);
    assertError(await login('13900000000', tenant.password), 'invalidCredentials', [tenant.maxPasswordAttempts - 2]);
  });

  test('reset lifts a lockout', async () => {
    for (let attempt = 0; attempt < tenant.maxPasswordAttempts; attempt += 1) await login(gus.mobile, 'wrong');
    await control(sandbox.url, '/reset', { method: 'POST' });
    assert.equal((await login(gus.mobile)).status, 200);
  });
});

for (const behaviour of [behaviours.passwordWarn, behaviours.passwordExpired]) {
  describe(`forced password change after ${behaviour}`, () => {
    const someone = user(behaviour);
    const type = smsTypeFor('updatePasswordByMobile');

    test('the state token, a CHANGE_PWD code and a password that meets the policy sign the user in', async () => {
      const started = await login(someone.mobile);
      const policy = JSON.parse(started.body.data);
      assert.equal((await sendCode(someone.mobile, type)).status, 200);
      const { body: sent } = await control(sandbox.url, '/sms');
      assert.deepEqual(sent.codes.map(({ mobile, type: sentType, code }) => [mobile, sentType, code]), [[someone.mobile, type, tenant.smsCode]]);

      const tooShort = 'Ab1-'.slice(0, policy.minLength - 1);
      const weak = await changePassword(started.body.state_token, { verify_code: tenant.smsCode, new_password: tooShort });
      assertError(weak, 'parameterBlank', ['new_password']);
      assert.match(weak.reason, /password policy/);
      const plain = await changePassword(started.body.state_token, { verify_code: tenant.smsCode, new_password: 'a'.repeat(policy.minLength) });
      assertError(plain, 'parameterBlank', ['new_password']);
      assertError(await changePassword(started.body.state_token, { verify_code: '000000', new_password: newPassword }), 'verifyCodeIncorrect');

      const done = await changePassword(started.body.state_token, { verify_code: tenant.smsCode, new_password: newPassword });
      assert.equal(done.body.status, schemaStatus('SessionResult'));

      assertError(await changePassword(started.body.state_token, { verify_code: tenant.smsCode, new_password: newPassword }), 'parameterBlank', [parameters.StateToken.name]);
      assertError(await login(someone.mobile), 'invalidCredentials', [tenant.maxPasswordAttempts - 1]);
      assert.equal((await login(someone.mobile, newPassword)).body.status, schemaStatus('SessionResult'));
    });

    test('a code is accepted once', async () => {
      const first = await login(someone.mobile);
      const second = await login(someone.mobile);
      await sendCode(someone.mobile, type);
      assert.equal((await changePassword(first.body.state_token, { verify_code: tenant.smsCode, new_password: newPassword })).status, 200);
      assertError(await changePassword(second.body.state_token, { verify_code: tenant.smsCode, new_password: newPassword }), 'verifyCodeIncorrect');
    });

    test('a code for another scenario, or an expired one, is refused', async () => {
      const started = await login(someone.mobile);
      await sendCode(someone.mobile, smsTypeFor('verifyMfaSms'));
      assertError(await changePassword(started.body.state_token, { verify_code: tenant.smsCode, new_password: newPassword }), 'verifyCodeIncorrect');
      await sendCode(someone.mobile, type);
      await advance(tenant.codeValidityMinutes * 60);
      assertError(await changePassword(started.body.state_token, { verify_code: tenant.smsCode, new_password: newPassword }), 'verifyCodeIncorrect');
    });

    test('a state token expires, and one from another flow is refused', async () => {
      const started = await login(someone.mobile);
      const mfa = await login(user(behaviours.mfaRequired).mobile);
      await sendCode(someone.mobile, type);
      assertError(await changePassword(mfa.body.state_token, { verify_code: tenant.smsCode, new_password: newPassword }), 'parameterBlank', [parameters.StateToken.name]);
      await advance(tenant.stateTokenValidityMinutes * 60);
      const late = await changePassword(started.body.state_token, { verify_code: tenant.smsCode, new_password: newPassword });
      assertError(late, 'parameterBlank', [parameters.StateToken.name]);
      assert.match(late.reason, /state token/);
    });
  });
}

describe('second factor after MFA_AUTH', () => {
  const evan = user(behaviours.mfaRequired);
  const type = smsTypeFor('verifyMfaSms');

  test('the state token and an MFA_AUTH_SMS code sign the user in, once', async () => {
    const started = await login(evan.mobile);
    assert.equal(started.body.status, schemaStatus('MfaRequired'));
    await sendCode(evan.mobile, type);
    assertError(await verifyMfa(started.body.state_token, { mobile: evan.mobile, verify_code: '000000' }), 'verifyCodeIncorrect');
    const done = await verifyMfa(started.body.state_token, { mobile: evan.mobile, verify_code: tenant.smsCode });
    assert.equal(done.body.status, schemaStatus('SessionResult'));
    const again = await verifyMfa(started.body.state_token, { mobile: evan.mobile, verify_code: tenant.smsCode });
    assert.equal(again.body.status, schemaStatus('AccessDenied'));
  });

  test("a code sent to another number than the token's user is refused", async () => {
    const started = await login(evan.mobile);
    const other = user(behaviours.success).mobile;
    await sendCode(other, type);
    assertError(await verifyMfa(started.body.state_token, { mobile: other, verify_code: tenant.smsCode }), 'verifyCodeIncorrect');
  });

  test('an unknown, expired or other-flow state token is answered ACCESS_DENIED', async () => {
    const warn = await login(user(behaviours.passwordWarn).mobile);
    const started = await login(evan.mobile);
    await sendCode(evan.mobile, type);
    for (const token of ['made-up-token', warn.body.state_token]) {
      const result = await verifyMfa(token, { mobile: evan.mobile, verify_code: tenant.smsCode });
      assert.equal(result.body.status, schemaStatus('AccessDenied'));
    }
    await advance(tenant.stateTokenValidityMinutes * 60);
    const late = await verifyMfa(started.body.state_token, { mobile: evan.mobile, verify_code: tenant.smsCode });
    assert.equal(late.body.status, schemaStatus('AccessDenied'));
  });
});

describe('control routes', () => {
  test('the summary lists the fixture tenant and the routes', async () => {
    const { status, body } = await control(sandbox.url, '/');
    assert.equal(status, 200);
    assert.equal(body.tenant.clientId, tenant.clientId);
    assert.equal(body.tenant.users.length, tenant.users.length);
    assert.ok(Object.keys(body.routes).length > 0);
  });

  test('the clock advances and reset brings it back', async () => {
    const before = Date.parse((await control(sandbox.url, '/clock')).body.now);
    const moved = Date.parse((await advance(3600)).body.now);
    assert.ok(moved - before >= 3600_000);
    await control(sandbox.url, '/reset', { method: 'POST' });
    assert.ok(Date.parse((await control(sandbox.url, '/clock')).body.now) < moved);
    assert.equal((await control(sandbox.url, '/clock', { method: 'POST', body: { advanceSeconds: -5 } })).status, 400);
  });
});
