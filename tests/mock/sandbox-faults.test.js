// The sandbox answers each fault of a request as the vendor's pages say (the code of the page's
// family, the message in the language X-L asks for), and faults the pages do not cover in the
// vendor's error shape. Every answer is checked against the contract by `call`.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import * as tenant from '../../src/sandbox/tenant.js';
import { componentName, deref } from '../support/contract.js';
import {
  appHeaders,
  assertError,
  bundle,
  call,
  control,
  operations,
  parameters,
  startSandbox,
  usesGenericBlankCode,
} from '../support/sandbox.js';

let sandbox;
before(async () => {
  sandbox = await startSandbox({ bodyLimit: 4096 });
});
after(() => sandbox.stop());
beforeEach(() => control(sandbox.url, '/reset', { method: 'POST' }));

const validBody = (operationId) =>
  structuredClone(deref(bundle, operations[operationId].requestBody.content['application/json'].examples.valid).value);
const requiredHeaders = (operationId) =>
  operations[operationId].parameters.map(({ $ref }) => componentName($ref)).filter((name) => parameters[name].required);
const requiredFields = (operationId) => deref(bundle, operations[operationId].requestBody.content['application/json'].schema).required;
const chinese = parameters.Language.example;

// What the brief and the pages ask for, per fault; the codes themselves come from the catalogue.
const headerScenario = (component) => ({ ClientId: 'clientIdEmpty' })[component] ?? 'deviceInfoIncomplete';
const fieldScenario = (field) => ({ mobile: 'mobileEmpty', email: 'mobileEmpty', password: 'passwordEmpty', verify_code: 'verifyCodeEmpty' })[field];
const expectBlank = (result, operationId, name, scenario, language) =>
  usesGenericBlankCode(operationId) ? assertError(result, 'parameterBlank', [name], language) : assertError(result, scenario, [], language);

for (const operationId of Object.keys(operations)) {
  describe(operationId, () => {
    for (const component of requiredHeaders(operationId)) {
      const name = parameters[component].name;
      test(`a missing ${name} is answered with the page's code`, async () => {
        const result = await call(sandbox.url, operationId, { headers: { [name]: undefined }, body: validBody(operationId) });
        expectBlank(result, operationId, name, headerScenario(component));
      });
      test(`a blank ${name} counts as missing, in Chinese with X-L`, async () => {
        const result = await call(sandbox.url, operationId, { headers: { [name]: '   ' }, body: validBody(operationId), language: chinese });
        expectBlank(result, operationId, name, headerScenario(component), chinese);
      });
    }

    test('an unregistered client id is answered with appNotRegistered', async () => {
      const result = await call(sandbox.url, operationId, { headers: { [parameters.ClientId.name]: 'someoneElsesClientId' }, body: validBody(operationId) });
      assertError(result, 'appNotRegistered');
    });

    for (const field of requiredFields(operationId)) {
      test(`a missing ${field} is answered with the page's code`, async () => {
        const { [field]: _, ...body } = validBody(operationId);
        const result = await call(sandbox.url, operationId, { headers: { [parameters.StateToken.name]: 'any' }, body });
        expectBlank(result, operationId, field, fieldScenario(field));
      });
      test(`a ${field} of the wrong type is answered like a missing one, with a reason`, async () => {
        const result = await call(sandbox.url, operationId, { headers: { [parameters.StateToken.name]: 'any' }, body: { ...validBody(operationId), [field]: 42 } });
        expectBlank(result, operationId, field, fieldScenario(field));
        assert.match(result.reason, new RegExp(`${field} must be a string`));
      });
    }

    test('malformed JSON is answered as an unreadable body, with a reason', async () => {
      const result = await call(sandbox.url, operationId, { headers: { [parameters.StateToken.name]: 'any' }, raw: '{"mobile": "138' });
      const [first] = requiredFields(operationId);
      expectBlank(result, operationId, first, fieldScenario(first));
      assert.match(result.reason, /not valid JSON/);
    });

    test('a body that is not an object, or is empty, is answered the same way', async () => {
      for (const raw of ['[]', 'null', '"text"', '']) {
        const result = await call(sandbox.url, operationId, { headers: { [parameters.StateToken.name]: 'any' }, raw });
        const [first] = requiredFields(operationId);
        expectBlank(result, operationId, first, fieldScenario(first));
        assert.ok(result.reason, `a reason for ${JSON.stringify(raw)}`);
      }
    });

    test('an oversized body is answered, not dropped', async () => {
      const body = { ...validBody(operationId), padding: 'x'.repeat(64 * 1024) };
      const result = await call(sandbox.url, operationId, { headers: { [parameters.StateToken.name]: 'any' }, body });
      assert.equal(result.status, 400);
      assert.match(result.reason, /larger than 4096 bytes/);
    });

    test('another method on the path is a 405 in the error shape', async () => {
      const result = await call(sandbox.url, operations[operationId].path, { method: 'GET' });
      assert.equal(result.status, 405);
      assert.match(result.headers.get('allow'), new RegExp(operations[operationId].method));
    });
  });
}

describe('body values the schema refuses', () => {
  test('an SMS scenario outside the enum names the field', async () => {
    const result = await call(sandbox.url, 'sendSmsCode', { body: { ...validBody('sendSmsCode'), type: 'NOT_A_SCENARIO' } });
    assertError(result, 'parameterBlank', ['type']);
    assert.match(result.reason, /allowed values/);
  });

  test('a captcha_token that is not a solved captcha names the field', async () => {
    const result = await call(sandbox.url, 'sendSmsCode', { body: { ...validBody('sendSmsCode'), captcha_token: 'not-solved' } });
    assertError(result, 'parameterBlank', ['captcha_token']);
  });
});

describe('language', () => {
  const missingDevice = { [parameters.DeviceFingerprint.name]: undefined };
  for (const language of [chinese, `${chinese}-CN`, chinese.toUpperCase()]) {
    test(`X-L: ${language} answers in Chinese`, async () => {
      const result = await call(sandbox.url, 'loginByMobilePassword', { headers: missingDevice, body: validBody('loginByMobilePassword'), language });
      assertError(result, 'deviceInfoIncomplete', [], chinese);
    });
  }
  for (const language of [undefined, 'en', 'fr', '']) {
    test(`X-L: ${JSON.stringify(language)} answers in English`, async () => {
      const result = await call(sandbox.url, 'loginByMobilePassword', { headers: missingDevice, body: validBody('loginByMobilePassword'), language });
      assertError(result, 'deviceInfoIncomplete');
    });
  }
});

describe('users who may not log in', () => {
  const dana = tenant.users.find((user) => user.behaviour === tenant.behaviours.disabled);

  test('a disabled user with the right password gets userDisabled', async () => {
    const result = await call(sandbox.url, 'loginByMobilePassword', { body: { mobile: dana.mobile, password: tenant.password } });
    assertError(result, 'userDisabled');
  });

  test('a disabled user with the right email code gets userDisabled', async () => {
    const result = await call(sandbox.url, 'loginByEmailCode', { body: { email: dana.email, verify_code: tenant.emailCode } });
    assertError(result, 'userDisabled');
  });

  test('an unknown email address gets userNotFound, in Chinese with X-L', async () => {
    const result = await call(sandbox.url, 'loginByEmailCode', { body: { email: 'nobody@example.com', verify_code: tenant.emailCode }, language: chinese });
    assertError(result, 'userNotFound', [], chinese);
  });

  test('a wrong email code gets verifyCodeIncorrect', async () => {
    const result = await call(sandbox.url, 'loginByEmailCode', { body: { email: tenant.users[0].email, verify_code: '000000' } });
    assertError(result, 'verifyCodeIncorrect');
  });
});

describe('injected failures', () => {
  const login = () => call(sandbox.url, 'loginByEmailCode', { body: validBody('loginByEmailCode') });

  test('the next n calls answer the documented 500, then calls succeed again', async () => {
    assert.equal((await control(sandbox.url, '/failures', { method: 'POST', body: { times: 2 } })).status, 204);
    assertError(await login(), 'systemBusy');
    assertError(await call(sandbox.url, 'sendSmsCode', { body: validBody('sendSmsCode') }), 'systemBusy');
    assert.equal((await login()).status, 200);
  });

  test('a failing path fails until cleared, other paths do not', async () => {
    await control(sandbox.url, '/failures', { method: 'POST', body: { path: operations.loginByEmailCode.path } });
    assertError(await login(), 'systemBusy');
    assertError(await login(), 'systemBusy');
    assert.equal((await call(sandbox.url, 'sendSmsCode', { body: validBody('sendSmsCode') })).status, 200);
    await control(sandbox.url, '/failures', { method: 'DELETE' });
    assert.equal((await login()).status, 200);
  });

  test('reset clears injected failures', async () => {
    await control(sandbox.url, '/failures', { method: 'POST', body: { times: 5 } });
    await control(sandbox.url, '/reset', { method: 'POST' });
    assert.equal((await login()).status, 200);
  });

  test('the X-Sandbox-Fail header fails that call only, in the language asked', async () => {
    assertError(await call(sandbox.url, 'loginByEmailCode', { headers: { 'X-Sandbox-Fail': '500' }, body: validBody('loginByEmailCode'), language: chinese }), 'systemBusy', [], chinese);
    assert.equal((await login()).status, 200);
  });

  test('a malformed injection request is refused and injects nothing', async () => {
    assert.equal((await control(sandbox.url, '/failures', { method: 'POST', body: { times: -1 } })).status, 400);
    assert.equal((await control(sandbox.url, '/failures', { method: 'POST', body: { path: '/nowhere' } })).status, 400);
    assert.equal((await login()).status, 200);
  });
});

describe('off the contract', () => {
  test('an unknown path is a 404 in the error shape', async () => {
    const result = await call(sandbox.url, '/api/v2/sdk/login/unknown', { body: {} });
    assert.equal(result.status, 404);
  });

  test('an unknown control route is a 404 in the error shape', async () => {
    const result = await control(sandbox.url, '/nothing-here');
    assert.equal(result.status, 404);
    assert.ok(result.body.error_code && result.body.error_msg);
  });

  test('a malformed HTTP request gets a JSON 400, and the server keeps serving', async () => {
    const { port } = new URL(sandbox.url);
    const answer = await new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 400/);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    assert.ok(body.error_code && body.error_msg);
    assert.equal((await call(sandbox.url, 'loginByEmailCode', { body: validBody('loginByEmailCode') })).status, 200);
  });
});

describe('CORS for a browser app on another origin', () => {
  test('a preflight is allowed with the headers it asks for', async () => {
    const asked = Object.keys(appHeaders('verifyMfaSms', { stateToken: 'x' })).join(',');
    const response = await fetch(sandbox.url + operations.verifyMfaSms.path, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': asked },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('access-control-allow-methods'), /POST/);
    assert.equal(response.headers.get('access-control-allow-headers'), asked);
  });

  test('answers carry the CORS headers and expose the sandbox reason', async () => {
    const result = await call(sandbox.url, 'loginByMobilePassword', { headers: { Origin: 'http://localhost:5173' }, raw: '{' });
    assert.equal(result.headers.get('access-control-allow-origin'), '*');
    assert.match(result.headers.get('access-control-expose-headers'), /X-Sandbox-Reason/i);
  });
});
