// Guessing a one-time code: the vendor's pages state no limit on wrong SMS or email codes, so the
// sandbox sets its own (`limits.maxCodeAttempts` of the fixture tenant). After that many wrong
// codes, the code sent is spent: the right one no longer works and a new one must be sent. Without
// the limit, a six-digit code falls to a million tries.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forProduct, startSandbox } from '../../scripts/lib/sandbox-client.js';

const product = 'eiam';
const kit = forProduct(product);
const { tenant, call, assertError, parameters, schemaStatus, user, operationsById } = kit;
const login = Object.keys(operationsById).find((id) => id.startsWith('loginBy') && operationsById[id].requestBody);
const mfaType = kit.codeTypeFor('SmsScenario', 'verifyMfaSms');
const someone = user(tenant.behaviours.mfaRequired);

let sandbox;
before(async () => {
  sandbox = await startSandbox({ product });
});
after(() => sandbox.stop());

const withState = (operationId, stateToken, body) => call(sandbox.url, operationId, { headers: { [parameters.StateToken.name]: stateToken }, body });

async function secondFactor() {
  const started = await call(sandbox.url, login, { body: { user_name: someone.userName, password: tenant.password } });
  assert.equal(started.body.status, schemaStatus('MfaRequired'));
  const { mobile } = (await withState('getMobileOfLogin', started.body.state_token)).body;
  const sent = await call(sandbox.url, 'sendSmsCode', { body: { mobile, type: mfaType, captcha_token: await kit.solveCaptcha(sandbox.url, mobile) } });
  assert.equal(sent.status, 200);
  return { stateToken: started.body.state_token, mobile };
}

const wrongCode = (code) => String((Number(code) + 1) % 1_000_000).padStart(code.length, '0');

test('guessing the MFA code: after the sandbox’s limit of wrong codes, the right one is refused too', async () => {
  const { stateToken, mobile } = await secondFactor();
  for (let attempt = 0; attempt < tenant.limits.maxCodeAttempts; attempt += 1) {
    assertError(await withState('verifyMfaSms', stateToken, { mobile, verify_code: wrongCode(tenant.codes.sms) }), 'verifyCodeIncorrect');
  }
  assertError(await withState('verifyMfaSms', stateToken, { mobile, verify_code: tenant.codes.sms }), 'verifyCodeIncorrect');
});

test('one wrong code fewer than the limit still lets the right code in', async () => {
  const first = await secondFactor();
  for (let attempt = 0; attempt < tenant.limits.maxCodeAttempts - 1; attempt += 1) {
    await withState('verifyMfaSms', first.stateToken, { mobile: first.mobile, verify_code: wrongCode(tenant.codes.sms) });
  }
  assert.equal(
    (await withState('verifyMfaSms', first.stateToken, { mobile: first.mobile, verify_code: tenant.codes.sms })).body.status,
    schemaStatus('SessionResult'),
  );
});
