// Each product's sandbox, flow by flow, with its own fixture tenant: logins by behaviour, the
// wrong-password count-down and lockout on the sandbox clock, the captcha, the codes it unlocks, the
// state tokens that finish a login, the sessions and their id_tokens. Every answer is checked
// against the product's contract by `call`.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { deref, products } from '../../src/contract.js';
import { forProduct, startSandbox } from '../../scripts/lib/sandbox-client.js';

const newPassword = 'N3w-Demo-Passw0rd';

// The id_token lifetime the contract states in words ("Valid for 5 minutes by default").
function documentedLifetime(bundle) {
  const [, count, unit] = /Valid for (\d+) (minute|hour)s? by default/.exec(bundle.components.schemas.SessionResult.properties.id_token.description) ?? [];
  return Number(count) * (unit === 'hour' ? 3600 : 60);
}

// Width and height of a PNG, read from its IHDR chunk.
function pngSize(base64) {
  const png = Buffer.from(base64, 'base64');
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const decode = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

for (const product of products) {
  const kit = forProduct(product);
  const { tenant, call, control, assertError, parameters } = kit;
  const login = product === 'eiam' ? 'loginByUserNamePassword' : 'loginByMobilePassword';
  const nameOf = (user) => (product === 'eiam' ? user.userName : user.mobile);
  const loginBody = (user, password) => (product === 'eiam' ? { user_name: user, password } : { mobile: user, password });
  // A wrong password: EIAM names the field, CIAM counts the attempts left.
  const assertWrongPassword = (result, left, language) =>
    product === 'eiam' ? assertError(result, 'parameterError', ['password'], language) : assertError(result, 'invalidCredentials', [left], language);

  describe(`${product} sandbox`, () => {
    let sandbox;
    before(async () => {
      sandbox = await startSandbox({ product });
    });
    after(() => sandbox.stop());
    beforeEach(() => control(sandbox.url, '/reset', { method: 'POST' }));

    const signIn = (name, password = tenant.password) => call(sandbox.url, login, { body: loginBody(name, password) });
    const advance = (seconds) => control(sandbox.url, '/clock', { method: 'POST', body: { advanceSeconds: seconds } });
    const withState = (operationId, stateToken, body) => call(sandbox.url, operationId, { headers: { [parameters.StateToken.name]: stateToken }, body });
    const gus = kit.lockoutUser;
    const lock = async () => {
      for (let attempt = 0; attempt < tenant.limits.maxPasswordAttempts; attempt += 1) await signIn(nameOf(gus), 'wrong');
    };

    describe('login by user behaviour', () => {
      for (const someone of tenant.users.filter((user) => !user.reservedFor)) {
        test(`${someone.name} gets what the ${someone.behaviour} scenario shows`, async () => {
          const result = await signIn(nameOf(someone));
          const example = kit.operationsById[login].responses['200'].content['application/json'].examples[someone.behaviour];
          if (example) {
            assert.equal(result.status, 200);
            assert.equal(result.body.status, deref(kit.bundle, example).value.status);
          } else {
            assertError(result, someone.behaviour);
          }
        });
      }

      test('tokens are fresh on every login', async () => {
        const first = await signIn(nameOf(tenant.users[0]));
        const second = await signIn(nameOf(tenant.users[0]));
        assert.notEqual(first.body.session_token, second.body.session_token);
      });
    });

    describe('the id_token', () => {
      test('is an RS256 JWT signed by the tenant key, for the client, with the documented lifetime', async () => {
        const someone = tenant.users[0];
        const { body } = await signIn(nameOf(someone));
        const [header, payload, signature] = body.id_token.split('.');
        const { kid, ...privateJwk } = tenant.idToken.signingKey;
        assert.deepEqual(decode(header), { alg: 'RS256', typ: 'JWT', kid });
        const publicKey = createPublicKey(createPrivateKey({ key: privateJwk, format: 'jwk' }));
        assert.ok(verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url')), 'the signature verifies');
        const claims = decode(payload);
        assert.equal(claims.iss, sandbox.url);
        assert.equal(claims.aud, tenant.clientId);
        assert.equal(claims.sub, someone.id);
        assert.equal(claims.exp - claims.iat, documentedLifetime(kit.bundle));
        assert.equal(tenant.idToken.lifetimeSeconds, documentedLifetime(kit.bundle));
        assert.deepEqual([claims.name, claims.mobile, claims.email], [someone.name, someone.mobile, someone.email]);
        assert.ok(Math.abs(claims.iat - Date.now() / 1000) < 60);
      });
    });

    describe('wrong passwords count down, then lock', () => {
      test(`${tenant.limits.maxPasswordAttempts} wrong passwords lock the user for ${tenant.limits.lockMinutes} minutes, counting down on the clock`, async () => {
        for (let left = tenant.limits.maxPasswordAttempts - 1; left > 0; left -= 1) assertWrongPassword(await signIn(nameOf(gus), 'wrong'), left);
        assertError(await signIn(nameOf(gus), 'wrong'), 'lockedOut', [tenant.limits.lockMinutes, 0]);
        assertError(await signIn(nameOf(gus)), 'lockedOut', [tenant.limits.lockMinutes, 0]);
        await advance(10 * 60 + 1);
        assertError(await signIn(nameOf(gus)), 'lockedOut', [tenant.limits.lockMinutes - 11, 59]);
        await advance((tenant.limits.lockMinutes - 11) * 60 + 58);
        assertError(await signIn(nameOf(gus)), 'lockedOut', [0, 1]);
        await advance(1);
        assert.equal((await signIn(nameOf(gus))).status, 200);
      });

      test('the lockout message is in Chinese with X-L', async () => {
        const zh = parameters.Language.example;
        await lock();
        const result = await call(sandbox.url, login, { body: loginBody(nameOf(gus), tenant.password), language: zh });
        assertError(result, 'lockedOut', [tenant.limits.lockMinutes, 0], zh);
      });

      test('a successful login resets the count', async () => {
        assertWrongPassword(await signIn(nameOf(gus), 'wrong'), tenant.limits.maxPasswordAttempts - 1);
        assertWrongPassword(await signIn(nameOf(gus), 'wrong'), tenant.limits.maxPasswordAttempts - 2);
        assert.equal((await signIn(nameOf(gus))).status, 200);
        assertWrongPassword(await signIn(nameOf(gus), 'wrong'), tenant.limits.maxPasswordAttempts - 1);
      });

      test('an unknown login name counts down like a known one, so answers do not reveal accounts', async () => {
        const nobody = product === 'eiam' ? 'nobody.demo' : '13700000000';
        for (let attempt = 1; attempt < tenant.limits.maxPasswordAttempts; attempt += 1) {
          assertWrongPassword(await signIn(nobody, tenant.password), tenant.limits.maxPasswordAttempts - attempt);
        }
        assertError(await signIn(nobody, tenant.password), 'lockedOut', [tenant.limits.lockMinutes, 0]);
      });

      test('reset lifts a lockout', async () => {
        await lock();
        await control(sandbox.url, '/reset', { method: 'POST' });
        assert.equal((await signIn(nameOf(gus))).status, 200);
      });
    });

    describe('the slider captcha', () => {
      const getCaptcha = () => call(sandbox.url, 'getCaptcha');
      const verifyCaptcha = (token, point, sender = tenant.users[0].mobile) =>
        call(sandbox.url, 'verifyCaptcha', { body: { point_json: point, token, sender } });
      const { gap, tolerance } = tenant.captcha;
      const y = JSON.parse(kit.solution).y;
      const assertCaptchaFailed = (result, field) =>
        product === 'eiam' ? assertError(result, 'parameterError', [field]) : assertError(result, 'captchaFailed');

      test('gives real PNG pictures, in Base64 without a data: prefix, the piece as tall as the background', async () => {
        const { body } = await getCaptcha();
        assert.deepEqual(pngSize(body.originalImageBase64), { width: tenant.captcha.width, height: tenant.captcha.height });
        assert.deepEqual(pngSize(body.jigsawImageBase64), { width: tenant.captcha.piece, height: tenant.captcha.height });
        assert.doesNotMatch(body.originalImageBase64, /^data:/);
        assert.equal(body.result, false);
        assert.notEqual((await getCaptcha()).body.token, body.token);
      });

      test(`a slide to the gap, within ${tolerance} pixels, with y ${y}, answers an opaque captcha_token`, async () => {
        for (const x of [gap.x, gap.x - tolerance, gap.x + tolerance]) {
          const { body } = await getCaptcha();
          const result = await verifyCaptcha(body.token, JSON.stringify({ x, y }));
          assert.equal(result.status, 200, `x ${x}`);
          assert.ok(result.body.captcha_token.length > 0);
        }
      });

      test('a slide outside the gap, another y, or a point that is not a JSON point fails', async () => {
        for (const point of [
          JSON.stringify({ x: gap.x + tolerance + 1, y }),
          JSON.stringify({ x: gap.x - tolerance - 1, y }),
          JSON.stringify({ x: gap.x, y: y + 1 }),
          '{"x":"237","y":5}',
          '{"x":237}',
          'not json',
          'null',
        ]) {
          const { body } = await getCaptcha();
          const result = await verifyCaptcha(body.token, point);
          assertCaptchaFailed(result, 'point_json');
          assert.ok(result.reason, point);
        }
      });

      test('a captcha is tried once, and an unknown or expired one fails', async () => {
        const first = await getCaptcha();
        assertCaptchaFailed(await verifyCaptcha(first.body.token, JSON.stringify({ x: 0, y })), 'point_json');
        assertCaptchaFailed(await verifyCaptcha(first.body.token, kit.solution), 'token');
        assertCaptchaFailed(await verifyCaptcha('made-up-token', kit.solution), 'token');
        const late = await getCaptcha();
        await advance(tenant.limits.captchaValidityMinutes * 60);
        assertCaptchaFailed(await verifyCaptcha(late.body.token, kit.solution), 'token');
      });

      test('the summary gives the answer that solves every captcha', async () => {
        const { body: summary } = await control(sandbox.url, '/');
        const { body } = await getCaptcha();
        assert.equal((await verifyCaptcha(body.token, summary.tenant.captcha.solution.point_json)).status, 200);
      });
    });

    describe('a captcha_token unlocks one SMS to its own number', () => {
      const type = kit.bundle.components.schemas.SmsScenario.enum[0];
      const mobile = tenant.users[0].mobile;
      const send = (captchaToken, to = mobile) => call(sandbox.url, 'sendSmsCode', { body: { mobile: to, type, captcha_token: captchaToken } });
      const assertUnusable = (result) =>
        product === 'eiam' ? assertError(result, 'verificationFailed', ['captcha_token']) : assertError(result, 'captchaFailed');

      test('once, and the code is recorded', async () => {
        const captchaToken = await kit.solveCaptcha(sandbox.url, mobile);
        assert.equal((await send(captchaToken)).status, 200);
        assertUnusable(await send(captchaToken));
        const { body } = await control(sandbox.url, '/sms');
        assert.deepEqual(
          body.codes.map((sent) => [sent.mobile, sent.type, sent.code, sent.used]),
          [[mobile, type, tenant.codes.sms, false]],
        );
        assert.deepEqual((await control(sandbox.url, '/')).body.sentCodes.sms, body.codes);
      });

      test('not for another number, and not when unknown or expired', async () => {
        assertUnusable(await send(await kit.solveCaptcha(sandbox.url, mobile), tenant.users[1].mobile));
        assertUnusable(await send('made-up---{"x":1,"y":5}'));
        const late = await kit.solveCaptcha(sandbox.url, mobile);
        await advance(tenant.limits.captchaTokenValidityMinutes * 60);
        assertUnusable(await send(late));
        assert.deepEqual((await control(sandbox.url, '/sms')).body.codes, []);
      });

      test(`every scenario of ${product}'s sms/send is accepted, and no other`, async () => {
        const { enum: types } = kit.bundle.components.schemas.SmsScenario;
        for (const each of types) {
          const result = await call(sandbox.url, 'sendSmsCode', { body: { mobile, type: each, captcha_token: await kit.solveCaptcha(sandbox.url, mobile) } });
          assert.equal(result.status, 200, each);
        }
        const other = products
          .filter((candidate) => candidate !== product)
          .flatMap((candidate) => forProduct(candidate).bundle.components.schemas.SmsScenario.enum);
        for (const foreign of other.filter((each) => !types.includes(each))) {
          const result = await call(sandbox.url, 'sendSmsCode', {
            body: { mobile, type: foreign, captcha_token: await kit.solveCaptcha(sandbox.url, mobile) },
          });
          assert.equal(result.status, 400, foreign);
        }
      });
    });

    describe('control routes', () => {
      test('the summary lists the product, its fixture tenant and the routes, and no private key', async () => {
        const { status, body } = await control(sandbox.url, '/');
        assert.equal(status, 200);
        assert.equal(body.product, product);
        assert.equal(body.tenant.clientId, tenant.clientId);
        assert.deepEqual(body.tenant.users, JSON.parse(JSON.stringify(tenant.users)));
        assert.equal(body.tenant.idToken.key.kid, tenant.idToken.signingKey.kid);
        assert.doesNotMatch(JSON.stringify(body), new RegExp(tenant.idToken.signingKey.d.slice(0, 40)));
        assert.ok(Object.keys(body.routes).length > 0);
      });

      test('sent codes are listed per channel the product sends, and only those', async () => {
        for (const channel of ['sms', 'email']) {
          const { status } = await control(sandbox.url, `/${channel}`);
          assert.equal(status, Object.hasOwn(tenant.codes, channel) ? 200 : 404, channel);
        }
      });

      test('the clock advances and reset brings it back', async () => {
        const before = Date.parse((await control(sandbox.url, '/clock')).body.now);
        const moved = Date.parse((await advance(3600)).body.now);
        assert.ok(moved - before >= 3600_000);
        await control(sandbox.url, '/reset', { method: 'POST' });
        assert.ok(Date.parse((await control(sandbox.url, '/clock')).body.now) < moved);
        assert.equal((await control(sandbox.url, '/clock', { method: 'POST', body: { advanceSeconds: -5 } })).status, 400);
      });

      test("another product's paths are not served", async () => {
        const other = forProduct(products.find((candidate) => candidate !== product));
        const foreign = Object.values(other.operationsById).filter(
          (operation) => !Object.values(kit.operationsById).some((own) => own.path === operation.path),
        );
        assert.ok(foreign.length > 0);
        for (const operation of foreign) assert.equal((await call(sandbox.url, operation.path, { method: operation.method })).status, 404, operation.path);
      });
    });

    if (product === 'eiam') eiamFlows(kit, () => sandbox, { signIn, advance, withState });
    if (product === 'ciam') ciamFlows(kit, () => sandbox, { signIn, advance, withState });
  });
}

function eiamFlows(kit, sandbox, { signIn, advance, withState }) {
  const { tenant, call, control, assertError, parameters, schemaStatus, user } = kit;
  const { behaviours } = tenant;
  const stateHeader = parameters.StateToken.name;
  const changeType = kit.codeTypeFor('SmsScenario', 'updatePasswordByMobile');
  const mfaType = kit.codeTypeFor('SmsScenario', 'verifyMfaSms');
  const sendCode = async (mobile, type) => {
    const result = await call(sandbox().url, 'sendSmsCode', { body: { mobile, type, captcha_token: await kit.solveCaptcha(sandbox().url, mobile) } });
    assert.equal(result.status, 200);
  };
  const assertStateTokenUnusable = (result) => assertError(result, 'verificationFailed', [stateHeader]);

  describe('the mobile number of a login', () => {
    for (const behaviour of [behaviours.passwordWarn, behaviours.passwordExpired, behaviours.mfaRequired]) {
      test(`after ${behaviour}, with the country code`, async () => {
        const someone = user(behaviour);
        const started = await signIn(someone.userName);
        const result = await withState('getMobileOfLogin', started.body.state_token);
        assert.equal(result.body.mobile, `+${tenant.countryCode}-${someone.mobile}`);
      });
    }
    test('not with an unusable state token', async () => {
      assertStateTokenUnusable(await withState('getMobileOfLogin', 'made-up-token'));
    });
  });

  for (const behaviour of [behaviours.passwordWarn, behaviours.passwordExpired]) {
    describe(`forced password change by SMS after ${behaviour}`, () => {
      const someone = user(behaviour);
      const change = (stateToken, body) => withState('updatePasswordByMobile', stateToken, body);

      test('the state token, a CHANGE_PWD code and a password that meets the policy sign the user in', async () => {
        const started = await signIn(someone.userName);
        const policy = JSON.parse(started.body.data);
        const mobile = (await withState('getMobileOfLogin', started.body.state_token)).body.mobile;
        await sendCode(mobile, changeType);
        const { body: sent } = await control(sandbox().url, '/sms');
        assert.deepEqual(
          sent.codes.map((entry) => [entry.mobile, entry.type, entry.code]),
          [[someone.mobile, changeType, tenant.codes.sms]],
        );

        const weak = await change(started.body.state_token, { verify_code: tenant.codes.sms, new_password: 'Ab1-'.slice(0, policy.minLength - 1) });
        assertError(weak, 'parameterError', ['new_password']);
        assert.match(weak.reason, /password policy/);
        assertError(await change(started.body.state_token, { verify_code: tenant.codes.sms, new_password: 'a'.repeat(policy.minLength) }), 'parameterError', [
          'new_password',
        ]);
        assertError(await change(started.body.state_token, { verify_code: '000000', new_password: newPassword }), 'verifyCodeIncorrect');

        const done = await change(started.body.state_token, { verify_code: tenant.codes.sms, new_password: newPassword });
        assert.equal(done.body.status, schemaStatus('SessionResult'));
        assertStateTokenUnusable(await change(started.body.state_token, { verify_code: tenant.codes.sms, new_password: newPassword }));
        assertError(await signIn(someone.userName), 'parameterError', ['password']);
        assert.equal((await signIn(someone.userName, newPassword)).body.status, schemaStatus('SessionResult'));
      });

      test('a code is accepted once, and not for another scenario or once expired', async () => {
        const first = await signIn(someone.userName);
        const second = await signIn(someone.userName);
        await sendCode(someone.mobile, mfaType);
        assertError(await change(first.body.state_token, { verify_code: tenant.codes.sms, new_password: newPassword }), 'verifyCodeIncorrect');
        await sendCode(someone.mobile, changeType);
        await advance(tenant.limits.codeValidityMinutes * 60);
        assertError(await change(first.body.state_token, { verify_code: tenant.codes.sms, new_password: newPassword }), 'verifyCodeIncorrect');
        const third = await signIn(someone.userName);
        await sendCode(someone.mobile, changeType);
        assert.equal((await change(third.body.state_token, { verify_code: tenant.codes.sms, new_password: newPassword })).status, 200);
        assertError(await change(second.body.state_token, { verify_code: tenant.codes.sms, new_password: newPassword }), 'verifyCodeIncorrect');
      });
    });
  }

  describe('password change with the old password', () => {
    const someone = user(behaviours.passwordExpired);
    const update = (stateToken, body) => withState('updatePassword', stateToken, body);

    test('a wrong old password or a weak new one is refused; the right pair signs the user in', async () => {
      const started = await signIn(someone.userName);
      assertError(await update(started.body.state_token, { old_password: 'wrong', new_password: newPassword }), 'parameterError', ['old_password']);
      assertError(await update(started.body.state_token, { old_password: tenant.password, new_password: 'weak' }), 'parameterError', ['new_password']);
      const done = await update(started.body.state_token, { old_password: tenant.password, new_password: newPassword });
      assert.equal(done.body.status, schemaStatus('SessionResult'));
      assertStateTokenUnusable(await update(started.body.state_token, { old_password: newPassword, new_password: tenant.password }));
      assert.equal((await signIn(someone.userName, newPassword)).body.status, schemaStatus('SessionResult'));
    });

    test('wrong old passwords count toward the lockout, and the last one spends the state token', async () => {
      const started = await signIn(someone.userName);
      for (let attempt = 0; attempt < tenant.limits.maxPasswordAttempts; attempt += 1) {
        assertError(await update(started.body.state_token, { old_password: 'wrong', new_password: newPassword }), 'parameterError', ['old_password']);
      }
      assertStateTokenUnusable(await update(started.body.state_token, { old_password: tenant.password, new_password: newPassword }));
      assertError(await signIn(someone.userName), 'lockedOut', [tenant.limits.lockMinutes, 0]);
    });
  });

  describe('skipping the password change', () => {
    test('after PASSWORD_WARN signs the user in, once', async () => {
      const started = await signIn(user(behaviours.passwordWarn).userName);
      assert.equal((await withState('skipPasswordUpdate', started.body.state_token)).body.status, schemaStatus('SessionResult'));
      assertStateTokenUnusable(await withState('skipPasswordUpdate', started.body.state_token));
    });

    test('after PASSWORD_EXPIRED or MFA_AUTH is refused', async () => {
      for (const behaviour of [behaviours.passwordExpired, behaviours.mfaRequired]) {
        const started = await signIn(user(behaviour).userName);
        const result = await withState('skipPasswordUpdate', started.body.state_token);
        assertStateTokenUnusable(result);
        assert.ok(result.reason);
      }
    });
  });

  describe('second factor after MFA_AUTH', () => {
    const evan = user(behaviours.mfaRequired);
    const verifyMfa = (stateToken, body) => withState('verifyMfaSms', stateToken, body);

    test('mobile by token, captcha, an MFA_AUTH_SMS code: the user is signed in, once', async () => {
      const started = await signIn(evan.userName);
      assert.equal(started.body.status, schemaStatus('MfaRequired'));
      const mobile = (await withState('getMobileOfLogin', started.body.state_token)).body.mobile;
      await sendCode(mobile, mfaType);
      assertError(await verifyMfa(started.body.state_token, { mobile, verify_code: '000000' }), 'verifyCodeIncorrect');
      const done = await verifyMfa(started.body.state_token, { mobile, verify_code: tenant.codes.sms });
      assert.equal(done.body.status, schemaStatus('SessionResult'));
      const again = await verifyMfa(started.body.state_token, { mobile: evan.mobile, verify_code: tenant.codes.sms });
      assert.equal(again.body.status, schemaStatus('AccessDenied'));
    });

    test("a code sent to another number than the token's user is refused", async () => {
      const started = await signIn(evan.userName);
      const other = tenant.users[0].mobile;
      await sendCode(other, mfaType);
      assertError(await verifyMfa(started.body.state_token, { mobile: other, verify_code: tenant.codes.sms }), 'verifyCodeIncorrect');
    });

    test('an unknown, expired or other-flow state token is answered ACCESS_DENIED, as the page documents', async () => {
      const warn = await signIn(user(behaviours.passwordWarn).userName);
      const started = await signIn(evan.userName);
      await sendCode(evan.mobile, mfaType);
      for (const token of ['made-up-token', warn.body.state_token]) {
        const result = await verifyMfa(token, { mobile: evan.mobile, verify_code: tenant.codes.sms });
        assert.equal(result.body.status, schemaStatus('AccessDenied'));
        assert.ok(result.reason);
      }
      await advance(tenant.limits.stateTokenValidityMinutes * 60);
      assert.equal(
        (await verifyMfa(started.body.state_token, { mobile: evan.mobile, verify_code: tenant.codes.sms })).body.status,
        schemaStatus('AccessDenied'),
      );
    });
  });

  test('a state token expires, and one from another flow is refused', async () => {
    const started = await signIn(user(behaviours.passwordExpired).userName);
    const mfa = await signIn(user(behaviours.mfaRequired).userName);
    assertStateTokenUnusable(await withState('updatePassword', mfa.body.state_token, { old_password: tenant.password, new_password: newPassword }));
    await advance(tenant.limits.stateTokenValidityMinutes * 60);
    const late = await withState('updatePassword', started.body.state_token, { old_password: tenant.password, new_password: newPassword });
    assertStateTokenUnusable(late);
    assert.match(late.reason, /state token/);
  });
}

function ciamFlows(kit, sandbox, { signIn, advance, withState }) {
  const { tenant, call, control, assertError, assertOwnError, schemaStatus, user } = kit;
  const { behaviours } = tenant;
  const loginType = kit.codeTypeFor('EmailScenario', 'loginByEmailCode');
  const sendEmail = async (email, type = loginType, sender = email) =>
    call(sandbox().url, 'sendEmailCode', { body: { email, type, captcha_token: await kit.solveCaptcha(sandbox().url, sender) } });
  const emailLogin = (email, code = tenant.codes.email) => call(sandbox().url, 'loginByEmailCode', { body: { email, verify_code: code } });

  describe('password change with the old password', () => {
    const someone = user(behaviours.passwordExpired);
    const update = (stateToken, body) => withState('updatePassword', stateToken, body);

    test('a wrong old password counts down, a weak new one gets the sandbox’s own code, the right pair signs the user in', async () => {
      const started = await signIn(someone.mobile);
      assertError(await update(started.body.state_token, { old_password: 'wrong', new_password: newPassword }), 'invalidCredentials', [
        tenant.limits.maxPasswordAttempts - 1,
      ]);
      assertOwnError(await update(started.body.state_token, { old_password: tenant.password, new_password: 'weak' }), 'PASSWORD_POLICY');
      const done = await update(started.body.state_token, { old_password: tenant.password, new_password: newPassword });
      assert.equal(done.body.status, schemaStatus('SessionResult'));
      assertError(await update(started.body.state_token, { old_password: newPassword, new_password: tenant.password }), 'stateTokenInvalid');
      assertError(await signIn(someone.mobile), 'invalidCredentials', [tenant.limits.maxPasswordAttempts - 1]);
      assert.equal((await signIn(someone.mobile, newPassword)).body.status, schemaStatus('SessionResult'));
    });

    test('wrong old passwords share the login’s count, down to a lockout', async () => {
      const started = await signIn(someone.mobile);
      assertError(await signIn(someone.mobile, 'wrong'), 'invalidCredentials', [tenant.limits.maxPasswordAttempts - 1]);
      for (let left = tenant.limits.maxPasswordAttempts - 2; left >= 0; left -= 1) {
        assertError(await update(started.body.state_token, { old_password: 'wrong', new_password: newPassword }), 'invalidCredentials', [left]);
      }
      assertError(await signIn(someone.mobile), 'lockedOut', [tenant.limits.lockMinutes, 0]);
      assertError(await update(started.body.state_token, { old_password: tenant.password, new_password: newPassword }), 'stateTokenInvalid');
    });
  });

  describe('skipping the password change', () => {
    test('after PASSWORD_WARN signs the user in, once', async () => {
      const started = await signIn(user(behaviours.passwordWarn).mobile);
      assert.equal((await withState('skipPasswordUpdate', started.body.state_token)).body.status, schemaStatus('SessionResult'));
      assertError(await withState('skipPasswordUpdate', started.body.state_token), 'stateTokenInvalid');
    });

    test('after PASSWORD_EXPIRED, or with a made-up token, is refused', async () => {
      const started = await signIn(user(behaviours.passwordExpired).mobile);
      assertError(await withState('skipPasswordUpdate', started.body.state_token), 'stateTokenInvalid');
      assertError(await withState('skipPasswordUpdate', 'made-up-token'), 'stateTokenInvalid');
    });
  });

  describe('email code login', () => {
    const alex = tenant.users[0];

    test('captcha for the address, a LOGIN_EMS code, then the login; the code works once', async () => {
      assert.equal((await sendEmail(alex.email)).status, 200);
      const { body } = await control(sandbox().url, '/email');
      assert.deepEqual(
        body.codes.map((sent) => [sent.email, sent.type, sent.code]),
        [[alex.email, loginType, tenant.codes.email]],
      );
      assert.deepEqual((await control(sandbox().url, '/')).body.sentCodes.email, body.codes);
      const done = await emailLogin(alex.email.toUpperCase());
      assert.equal(done.body.status, schemaStatus('SessionResult'));
      assertError(await emailLogin(alex.email), 'verifyCodeIncorrect');
    });

    test('no code sent, a code of another scenario, or an expired one is refused', async () => {
      assertError(await emailLogin(alex.email), 'verifyCodeIncorrect');
      const otherType = kit.bundle.components.schemas.EmailScenario.enum.find((type) => type !== loginType);
      await sendEmail(alex.email, otherType);
      assertError(await emailLogin(alex.email), 'verifyCodeIncorrect');
      await sendEmail(alex.email);
      await advance(tenant.limits.codeValidityMinutes * 60);
      assertError(await emailLogin(alex.email), 'verifyCodeIncorrect');
    });

    test('a captcha solved for another address sends nothing', async () => {
      assertError(await sendEmail(alex.email, loginType, tenant.users[1].email), 'captchaFailed');
      assert.deepEqual((await control(sandbox().url, '/email')).body.codes, []);
    });

    test('a disabled user gets userDisabled, an unknown address userNotFound', async () => {
      const disabled = user(behaviours.userDisabled);
      await sendEmail(disabled.email);
      assertError(await emailLogin(disabled.email), 'userDisabled');
      await sendEmail('nobody@example.com');
      assertError(await emailLogin('nobody@example.com'), 'userNotFound');
    });
  });

  describe('the session token refreshes the id_token', () => {
    const refresh = (sessionToken) => call(sandbox().url, 'refreshIdToken', { headers: { [kit.parameters.SessionToken.name]: sessionToken } });

    test('a new id_token and a renewed session token; the old one is spent', async () => {
      const { body: session } = await signIn(tenant.users[0].mobile);
      const refreshed = await refresh(session.session_token);
      assert.equal(refreshed.status, 200);
      assert.notEqual(refreshed.body.session_token, session.session_token, 'the fixture tenant renews session tokens');
      assert.equal(JSON.parse(Buffer.from(refreshed.body.id_token.split('.')[1], 'base64url').toString('utf8')).sub, tenant.users[0].id);
      assertError(await refresh(session.session_token), 'sessionTokenInvalid');
      assert.equal((await refresh(refreshed.body.session_token)).status, 200);
    });

    test('an unknown or expired session token is refused', async () => {
      assertError(await refresh('made-up-token'), 'sessionTokenInvalid');
      const { body: session } = await signIn(tenant.users[0].mobile);
      await advance(session.expire);
      assertError(await refresh(session.session_token), 'sessionTokenInvalid');
    });
  });

  describe('the signing keys', () => {
    test('are the contract’s example key set, and verify the id_tokens', async () => {
      const keys = await call(sandbox().url, 'getSigningKeys', { headers: {} });
      const example = kit.operationsById.getSigningKeys.responses['200'].content['application/json'].examples.signingKeys;
      assert.deepEqual(keys.body, deref(kit.bundle, example).value);
      const { body } = await signIn(tenant.users[0].mobile);
      const [header, payload, signature] = body.id_token.split('.');
      const key = keys.body.keys.find((candidate) => candidate.kid === decode(header).kid);
      assert.ok(key, 'the id_token names a key of the set');
      assert.ok(verify('sha256', Buffer.from(`${header}.${payload}`), createPublicKey({ key, format: 'jwk' }), Buffer.from(signature, 'base64url')));
    });
  });
}
