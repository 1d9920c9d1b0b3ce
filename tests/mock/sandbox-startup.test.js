// Each product's sandbox refuses to start when its contract no longer has what the sandbox serves
// it with: an operation without a handler, a handler without an operation, a catalogued error, a
// named example, a body field or a header that a handler uses. Each case removes one such thing
// from a copy of the bundle and expects start-up to name it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadContract } from '../../src/sandbox/contract.js';
import { createSandbox } from '../../src/sandbox/server.js';
import { products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';

const start = (product, edit) => {
  const bundle = structuredClone(bundles[product]);
  edit(bundle);
  return () => createSandbox({ product, contract: loadContract(product, bundle) });
};
const operationAt = (bundle, path) => Object.values(bundle.paths[path]).find((value) => value.operationId);
const withoutScenario = (scenario) => (bundle) => {
  const { ErrorCode } = bundle.components.schemas;
  ErrorCode.oneOf = ErrorCode.oneOf.filter((entry) => entry['x-error'].scenario !== scenario);
};

test('a sandbox needs a product it knows', () => {
  assert.throws(() => createSandbox(), /product/);
  assert.throws(() => createSandbox({ product: 'other' }), /product/);
});

for (const product of products) {
  const loginPath = product === 'eiam' ? '/api/v2/sdk/login' : '/api/v2/sdk/login/mobile-pwd';
  const loginField = product === 'eiam' ? 'user_name' : 'mobile';

  describe(`${product} sandbox`, () => {
    test('starts with its own contract', () => {
      assert.doesNotThrow(() => start(product, () => {})());
    });

    test('refuses an operation it has no handler for', () => {
      const edit = (bundle) => {
        const { responses } = operationAt(bundle, loginPath);
        bundle.paths['/api/v2/sdk/extra'] = { get: { operationId: 'somethingNew', responses: { 200: structuredClone(responses['200']) } } };
      };
      assert.throws(start(product, edit), /no handler for somethingNew/);
    });

    test('refuses to keep a handler whose operation is gone', () => {
      assert.throws(
        start(product, (bundle) => delete bundle.paths['/api/v2/sdk/captcha']),
        /no operation for the handlers getCaptcha/,
      );
    });

    test('refuses a contract without the lockout error its login answers', () => {
      assert.throws(start(product, withoutScenario('lockedOut')), /lockedOut/);
    });

    test('refuses a contract without a code for an unregistered client id', () => {
      assert.throws(start(product, withoutScenario('appNotRegistered')), /unregistered/);
    });

    test("refuses a login without the example of a fixture user's behaviour", () => {
      const edit = (bundle) => {
        delete operationAt(bundle, loginPath).responses['200'].content['application/json'].examples.passwordWarn;
      };
      assert.throws(start(product, edit), /passwordWarn/);
    });

    test('refuses a login whose body lost a field the handler reads', () => {
      const edit = (bundle) => {
        const ref = operationAt(bundle, loginPath).requestBody.content['application/json'].schema.$ref;
        delete bundle.components.schemas[ref.split('/').at(-1)].properties[loginField];
      };
      assert.throws(start(product, edit), new RegExp(`no field ${loginField}`));
    });

    test('refuses a finishing call that no longer takes the state token', () => {
      const edit = (bundle) => {
        const operation = operationAt(bundle, '/api/v2/sdk/pwd/skip-update');
        operation.parameters = operation.parameters.filter((parameter) => !parameter.$ref.endsWith('/StateToken'));
      };
      assert.throws(start(product, edit), /StateToken/);
    });
  });
}
