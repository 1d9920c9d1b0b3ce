// Each product's sandbox answers each fault of a request with the code its catalogue gives for that
// fault on that call (the message in the language X-L asks for), and a fault its product documents
// no code for with a SANDBOX.* code of its own and the reason. Every answer is checked against the
// product's contract by `call`.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { componentName, products } from '../../src/contract.js';
import { forProduct, ownCode, startSandbox } from '../../scripts/lib/sandbox-client.js';

const device = new Set(['OperatingSysVersion', 'DeviceFingerprint', 'Agent']);

// What each product answers to a missing or blank header or field, from its catalogue's entries
// (which faults they name, on which calls): `[scenario, values]`, or `{ own }` for the sandbox's code.
const expected = {
  eiam: {
    header: (component, name) => (device.has(component) ? ['deviceInfoIncomplete', []] : ['parameterBlank', [name]]),
    field: (_operationId, field) => ['parameterBlank', [field]],
  },
  ciam: {
    header: (component) =>
      ({ ClientId: ['clientIdEmpty', []], StateToken: ['stateTokenInvalid', []], SessionToken: ['sessionTokenInvalid', []] })[component] ??
      (device.has(component) ? ['deviceInfoIncomplete', []] : undefined),
    field: (operationId, field) => {
      if (field === 'mobile') return ['mobileEmpty', []];
      // The email login's page lists the mobile-empty code; the email sending page does not.
      if (field === 'email') return operationId === 'loginByEmailCode' ? ['mobileEmpty', []] : { own: 'PARAMETER_BLANK' };
      if (['password', 'old_password', 'new_password'].includes(field)) return ['passwordEmpty', []];
      if (field === 'verify_code') return ['verifyCodeEmpty', []];
      return { own: 'PARAMETER_BLANK' };
    },
  },
};

for (const product of products) {
  const kit = forProduct(product);
  const { tenant, call, control, assertError, assertOwnError, parameters, operationsById } = kit;
  const chinese = parameters.Language.example;
  const requiredHeaders = (operationId) =>
    (operationsById[operationId].parameters ?? []).map(({ $ref }) => componentName($ref)).filter((name) => parameters[name].required);
  const requiredFields = (operationId) => kit.requestSchema(operationId)?.required ?? [];
  const tokens = { [parameters.StateToken.name]: 'any', ...(parameters.SessionToken ? { [parameters.SessionToken.name]: 'any' } : {}) };
  const expectFault = (result, answer, language) => (Array.isArray(answer) ? assertError(result, ...answer, language) : assertOwnError(result, answer.own));
  const login = Object.keys(operationsById).find((id) => id.startsWith('loginBy') && requiredFields(id).includes('password'));

  describe(`${product} sandbox`, () => {
    let sandbox;
    before(async () => {
      sandbox = await startSandbox({ product, bodyLimit: 4096 });
    });
    after(() => sandbox.stop());
    beforeEach(() => control(sandbox.url, '/reset', { method: 'POST' }));

    for (const operationId of Object.keys(operationsById)) {
      const takesBody = requiredFields(operationId).length > 0;
      const body = () => (takesBody ? kit.validBody(operationId) : undefined);

      describe(operationId, () => {
        for (const component of requiredHeaders(operationId)) {
          const name = parameters[component].name;
          test(`a missing ${name} is answered with the code the catalogue gives`, async () => {
            const result = await call(sandbox.url, operationId, { headers: { ...tokens, [name]: undefined }, body: body() });
            expectFault(result, expected[product].header(component, name));
          });
          test(`a blank ${name} counts as missing, in Chinese with X-L`, async () => {
            const result = await call(sandbox.url, operationId, { headers: { ...tokens, [name]: '   ' }, body: body(), language: chinese });
            expectFault(result, expected[product].header(component, name), chinese);
          });
        }

        if (requiredHeaders(operationId).includes('ClientId')) {
          test('an unregistered client id is answered with appNotRegistered', async () => {
            const result = await call(sandbox.url, operationId, { headers: { ...tokens, [parameters.ClientId.name]: 'someoneElsesClientId' }, body: body() });
            assertError(result, 'appNotRegistered');
          });
        }

        for (const field of requiredFields(operationId)) {
          test(`a missing ${field} is answered with the code the catalogue gives, or the sandbox's own`, async () => {
            const { [field]: _, ...rest } = body();
            expectFault(await call(sandbox.url, operationId, { headers: tokens, body: rest }), expected[product].field(operationId, field));
          });
          test(`a ${field} of the wrong type is answered like a missing one, with a reason`, async () => {
            const result = await call(sandbox.url, operationId, { headers: tokens, body: { ...body(), [field]: 42 } });
            expectFault(result, expected[product].field(operationId, field));
            assert.match(result.reason, new RegExp(`${field} must be a string`));
          });
        }

        if (takesBody) {
          const [first] = requiredFields(operationId);
          test('malformed JSON is answered as an unreadable body, with a reason', async () => {
            const result = await call(sandbox.url, operationId, { headers: tokens, raw: '{"mobile": "138' });
            expectFault(result, expected[product].field(operationId, first));
            assert.match(result.reason, /not valid JSON/);
          });

          test('a body that is not an object, or is empty, is answered the same way', async () => {
            for (const raw of ['[]', 'null', '"text"', '']) {
              const result = await call(sandbox.url, operationId, { headers: tokens, raw });
              expectFault(result, expected[product].field(operationId, first));
              assert.ok(result.reason, `a reason for ${JSON.stringify(raw)}`);
            }
          });

          // An HTTP-level fault, answered before the call is read: the sandbox's own 413, not a vendor code.
          test('an oversized body is answered 413, not dropped', async () => {
            const { path, method } = operationsById[operationId];
            const response = await fetch(sandbox.url + path, {
              method,
              headers: { ...kit.appHeaders(operationId), ...tokens },
              body: JSON.stringify({ ...body(), padding: 'x'.repeat(64 * 1024) }),
            });
            assert.equal(response.status, 413);
            assert.equal((await response.json()).error_code, ownCode('PAYLOAD_TOO_LARGE'));
            assert.match(response.headers.get('x-sandbox-reason') ?? '', /larger than 4096 bytes/);
          });
        }

        test('another method on the path is a 405 in the error shape', async () => {
          const other = operationsById[operationId].method === 'GET' ? 'PUT' : 'GET';
          const result = await call(sandbox.url, operationsById[operationId].path, { method: other });
          assert.equal(result.status, 405);
          assert.match(result.headers.get('allow'), new RegExp(operationsById[operationId].method));
        });
      });
    }

    describe('body values the schema refuses', () => {
      test(`an SMS scenario outside ${product}'s list gets the sandbox's own code, naming the field`, async () => {
        const result = await call(sandbox.url, 'sendSmsCode', { body: { ...kit.validBody('sendSmsCode'), type: 'NOT_A_SCENARIO' } });
        assertOwnError(result, 'PARAMETER_INVALID', 'type');
        assert.match(result.reason, /allowed values/);
      });
    });

    describe('language', () => {
      const missingDevice = { [parameters.DeviceFingerprint.name]: undefined };
      for (const language of [chinese, `${chinese}-CN`, chinese.toUpperCase()]) {
        test(`X-L: ${language} answers in Chinese`, async () => {
          const result = await call(sandbox.url, login, { headers: missingDevice, body: kit.validBody(login), language });
          assertError(result, 'deviceInfoIncomplete', [], chinese);
        });
      }
      for (const language of [undefined, 'en', 'fr', '', 'constructor']) {
        test(`X-L: ${JSON.stringify(language)} answers in English`, async () => {
          const result = await call(sandbox.url, login, { headers: missingDevice, body: kit.validBody(login), language });
          assertError(result, 'deviceInfoIncomplete');
        });
      }
    });

    describe('injected failures', () => {
      const captcha = () => call(sandbox.url, 'getCaptcha');

      test('the next n calls answer the documented 500, then calls succeed again', async () => {
        assert.equal((await control(sandbox.url, '/failures', { method: 'POST', body: { times: 2 } })).status, 204);
        assertError(await captcha(), 'systemBusy');
        assertError(await call(sandbox.url, login, { body: kit.validBody(login) }), 'systemBusy');
        assert.equal((await captcha()).status, 200);
      });

      test('a failing path fails until cleared, other paths do not', async () => {
        await control(sandbox.url, '/failures', { method: 'POST', body: { path: operationsById.getCaptcha.path } });
        assertError(await captcha(), 'systemBusy');
        assertError(await captcha(), 'systemBusy');
        assert.notEqual((await call(sandbox.url, login, { body: kit.validBody(login) })).status, 500);
        await control(sandbox.url, '/failures', { method: 'DELETE' });
        assert.equal((await captcha()).status, 200);
      });

      test('reset clears injected failures', async () => {
        await control(sandbox.url, '/failures', { method: 'POST', body: { times: 5 } });
        await control(sandbox.url, '/reset', { method: 'POST' });
        assert.equal((await captcha()).status, 200);
      });

      test('the X-Sandbox-Fail header fails that call only, in the language asked', async () => {
        assertError(await call(sandbox.url, 'getCaptcha', { headers: { 'X-Sandbox-Fail': '500' }, language: chinese }), 'systemBusy', [], chinese);
        assert.equal((await captcha()).status, 200);
      });

      test('a malformed injection request is refused and injects nothing', async () => {
        for (const body of [{ times: -1 }, { path: '/nowhere' }]) {
          assert.equal((await control(sandbox.url, '/failures', { method: 'POST', body })).status, 400);
        }
        assert.equal((await captcha()).status, 200);
      });

      const undocumented = Object.values(operationsById).filter((operation) => !operation.responses['500']);
      for (const operation of undocumented) {
        test(`${operation.operationId} documents no 500, so nothing makes it fail`, async () => {
          assert.equal((await control(sandbox.url, '/failures', { method: 'POST', body: { path: operation.path } })).status, 400);
          assert.equal((await call(sandbox.url, operation.operationId, { headers: { 'X-Sandbox-Fail': '500' } })).status, 200);
        });
      }
    });

    describe('off the contract', () => {
      test('an unknown path is a 404 in the error shape', async () => {
        const result = await call(sandbox.url, '/api/v2/sdk/login/unknown', { body: {} });
        assert.equal(result.status, 404);
      });

      test('an unknown control route is a 404 in the error shape', async () => {
        const result = await control(sandbox.url, '/nothing-here');
        assert.equal(result.status, 404);
        assert.ok(result.body.error_code.startsWith('SANDBOX.') && result.body.error_msg);
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
        assert.ok(body.error_code.startsWith('SANDBOX.') && body.error_msg);
        assert.equal((await call(sandbox.url, 'getCaptcha')).status, 200);
      });
    });

    describe('CORS for a browser app on another origin', () => {
      const finishing = /** @type {string} */ (Object.keys(operationsById).find((id) => requiredHeaders(id).includes('StateToken')));

      test('a preflight from a page on localhost is granted the headers it asks for, for its own origin', async () => {
        const asked = Object.keys(kit.appHeaders(finishing, { stateToken: 'x' }));
        const response = await fetch(sandbox.url + operationsById[finishing].path, {
          method: 'OPTIONS',
          headers: {
            Origin: 'http://localhost:5173',
            'Access-Control-Request-Method': operationsById[finishing].method,
            'Access-Control-Request-Headers': asked.join(','),
          },
        });
        assert.equal(response.status, 204);
        assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:5173');
        assert.match(response.headers.get('access-control-allow-methods') ?? '', new RegExp(operationsById[finishing].method));
        const granted = (response.headers.get('access-control-allow-headers') ?? '').split(/\s*,\s*/);
        for (const name of asked) assert.ok(granted.includes(name.toLowerCase()), name);
      });

      test('answers carry the CORS headers for the calling origin and expose the sandbox reason', async () => {
        const result = await call(sandbox.url, login, { headers: { Origin: 'http://localhost:5173' }, raw: '{' });
        assert.equal(result.headers.get('access-control-allow-origin'), 'http://localhost:5173');
        assert.match(result.headers.get('access-control-expose-headers'), /X-Sandbox-Reason/i);
      });
    });

    test(`the fixture tenant's client id is the contract's example, so the docs' examples work as they are`, () => {
      assert.equal(tenant.clientId, parameters.ClientId.example);
    });
  });
}

test("where the table above expects the sandbox's own code, the CIAM catalogue has no empty-field code for that call", () => {
  const { catalogueByCode } = forProduct('ciam');
  const fieldEmpties = [...catalogueByCode.values()].filter((entry) => /Empty$/.test(entry.scenario) && entry.scenario !== 'clientIdEmpty');
  for (const [operationId, field] of [
    ['sendEmailCode', 'email'],
    ['sendEmailCode', 'type'],
    ['sendEmailCode', 'captcha_token'],
    ['verifyCaptcha', 'sender'],
  ]) {
    assert.deepEqual(expected.ciam.field(operationId, field), { own: 'PARAMETER_BLANK' });
    const listing = fieldEmpties.filter((entry) => [...entry.operations, ...(entry.inferredFor ?? [])].includes(operationId));
    assert.deepEqual(
      listing.map((entry) => entry.code),
      [],
      `${operationId} ${field}`,
    );
  }
});
