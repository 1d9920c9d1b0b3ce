// Traceability: every header, field, status value and error code that the vendor's pages give is in
// each product's bundled contract, as the pages give it, on the operation that names the page in
// `x-source`; and every operation of a contract has a page. The checker is run on the real bundles
// (no problems allowed) and on mutated copies (each must be caught), so it is known to be able to fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { pages } from './page-facts.js';
import { traceabilityProblems } from './traceability.js';

for (const product of products) {
  test(`every fact of the ${product} pages is in the ${product} contract, and every operation has a page`, () => {
    assert.deepEqual(traceabilityProblems(product, bundles[product], pages[product]), []);
  });
}

const errorEntry = (d, code) => d.components.schemas.ErrorCode.oneOf.find((e) => e.const === code)['x-error'];

/** @type {[string, string, (d: any) => unknown, RegExp][]} */
const mutations = [
  ['ciam', 'a header removed', (d) => d.paths['/api/v2/sdk/login/mobile-pwd'].post.parameters.splice(3, 1), /header X-agent missing/],
  ['eiam', 'an optional header made required', (d) => (d.components.parameters.DeviceIp.required = true), /X-device-ip required should be false/],
  [
    'eiam',
    'X-state-token where the page does not ask for it',
    (d) => d.paths['/api/v2/sdk/sms/send'].post.parameters.push({ $ref: '#/components/parameters/StateToken' }),
    /X-state-token is not on the page/,
  ],
  [
    'eiam',
    'a request field renamed',
    (d) => {
      const schema = d.components.schemas.MfaSmsRequest;
      schema.properties.verifyCode = schema.properties.verify_code;
      delete schema.properties.verify_code;
    },
    /request field verify_code missing/,
  ],
  [
    'ciam',
    'a required field made optional',
    (d) => (d.components.schemas.EmailCodeLoginRequest.required = ['verify_code']),
    /field email required should be true/,
  ],
  [
    'ciam',
    'a status value removed',
    (d) => (d.components.schemas.PasswordChangeRequired.properties.status.enum = ['PASSWORD_EXPIRED']),
    /status PASSWORD_WARN missing/,
  ],
  ['eiam', 'an SMS scenario removed', (d) => d.components.schemas.SmsScenario.enum.pop(), /UPDATE_MOBILE_SMS missing/],
  ['ciam', 'an EIAM scenario given to CIAM', (d) => d.components.schemas.SmsScenario.enum.push('MFA_AUTH_SMS'), /MFA_AUTH_SMS is not on the page/],
  ['eiam', 'a response field retyped', (d) => (d.components.schemas.SessionResult.properties.expire.type = 'string'), /expire should allow number/],
  [
    'eiam',
    'an SMS scenario tied to the wrong call',
    (d) => (d.components.schemas.SmsScenario['x-accepted-by'].MFA_AUTH_SMS = 'updatePasswordByMobile'),
    /MFA_AUTH_SMS should be accepted by verifyMfaSms/,
  ],
  ['ciam', 'a body given to the email answer', (d) => (d.paths['/api/v2/sdk/email/send'].post.responses['200'].content = {}), /no body/],
  ['ciam', 'an error status changed', (d) => (errorEntry(d, 'IDAAS.SDK.LOGIN.0002').httpStatus = 401), /LOGIN\.0002 should come with HTTP 400/],
  ['ciam', 'a Chinese message changed', (d) => (errorEntry(d, 'IDAAS.SDK.USER.0039').message.zh = '用户被禁用'), /USER\.0039 Chinese message differs/],
  [
    'ciam',
    'a handling measure reworded',
    (d) => (errorEntry(d, 'IDAAS.SDK.USER.0039').measure.en = 'Contact the tenant administrator.'),
    /USER\.0039 handling measure is not the page's words/,
  ],
  [
    'ciam',
    'an error example removed',
    (d) => delete d.paths['/api/v2/sdk/login/email-verify-code'].post.responses['400'].content['application/json'].examples.userNotFound,
    /no 400 example of error IDAAS\.SDK\.USER\.0001/,
  ],
  [
    'eiam',
    'a code dropped from the catalogue',
    (d) => (d.components.schemas.ErrorCode.oneOf = d.components.schemas.ErrorCode.oneOf.filter((e) => e.const !== 'SDK.COMMON.1001')),
    /SDK\.COMMON\.1001 missing from the catalogue/,
  ],
  ['ciam', 'a page source lost', (d) => delete d.paths['/api/v2/sdk/pwd/update'].post['x-source'], /pwd\/update .*x-source should name the page/],
  [
    'ciam',
    'an operation without a page',
    (d) => (d.paths['/api/v2/sdk/extra'] = { get: { operationId: 'extraCall', responses: {} } }),
    /extraCall .* has no vendor page/,
  ],
  [
    'ciam',
    'an uncatalogued code left unnamed',
    (d) => (d.paths['/api/v2/sdk/sms/send'].post.description = 'Sends a code.'),
    /should name IDAAS\.SDK\.CAPTCHA\.0006/,
  ],
];

for (const [product, name, mutate, expected] of mutations) {
  test(`the traceability check catches ${name} (${product})`, () => {
    const copy = structuredClone(bundles[product]);
    mutate(copy);
    const problems = traceabilityProblems(product, copy, pages[product]);
    assert.ok(
      problems.some((problem) => expected.test(problem)),
      `expected ${expected} among:\n${problems.join('\n')}`,
    );
  });
}
