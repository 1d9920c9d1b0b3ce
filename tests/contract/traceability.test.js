// Traceability: every header, field, status value and error code that the vendor's pages give is in
// the bundled contract, as the pages give it. The checker is run on the real bundle (no problems
// allowed) and on mutated copies (each must be caught), so the test is known to be able to fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundle, catalogue, deref } from '../support/contract.js';
import { pages } from './seed-facts.js';

function jsonTypeOf(schema) {
  return schema.type === 'integer' ? 'number' : schema.type;
}

function statusValues(document, schema) {
  const members = schema.oneOf ? schema.oneOf.map((member) => deref(document, member)) : [schema];
  return members.flatMap((member) => {
    const status = deref(document, member.properties?.status ?? {});
    return status.const !== undefined ? [status.const] : (status.enum ?? []);
  });
}

function responseProperties(document, schema) {
  const members = schema.oneOf ? schema.oneOf.map((member) => deref(document, member)) : [schema];
  return Object.assign({}, ...members.map((member) => member.properties ?? {}));
}

function fillTemplate(template, values) {
  return template.replace(/\{(\d+)\}/g, (_, index) => values[index]);
}

function traceabilityProblems(document) {
  const problems = [];
  const entries = new Map(catalogue(document).map((entry) => [entry.code, entry]));

  for (const seed of pages) {
    const where = `${seed.page} POST ${seed.path}`;
    const operation = document.paths[seed.path]?.post;
    if (!operation) {
      problems.push(`${where}: operation missing`);
      continue;
    }

    const headers = new Map(
      (operation.parameters ?? [])
        .map((parameter) => deref(document, parameter))
        .filter((parameter) => parameter.in === 'header')
        .map((parameter) => [parameter.name, parameter.required === true]),
    );
    for (const [name, required] of Object.entries(seed.headers)) {
      if (!headers.has(name)) problems.push(`${where}: header ${name} missing`);
      else if (headers.get(name) !== required) problems.push(`${where}: header ${name} required should be ${required}`);
    }
    for (const name of headers.keys()) {
      if (!(name in seed.headers)) problems.push(`${where}: header ${name} is not on the page`);
    }

    const request = deref(document, operation.requestBody?.content?.['application/json']?.schema ?? {});
    const requiredFields = new Set(request.required ?? []);
    for (const [field, required] of Object.entries(seed.requestFields)) {
      const property = request.properties?.[field];
      if (!property) problems.push(`${where}: request field ${field} missing`);
      else {
        if (requiredFields.has(field) !== required) problems.push(`${where}: request field ${field} required should be ${required}`);
        if (deref(document, property).type !== 'string') problems.push(`${where}: request field ${field} should be a string`);
      }
    }
    for (const field of Object.keys(request.properties ?? {})) {
      if (!(field in seed.requestFields)) problems.push(`${where}: request field ${field} is not on the page`);
    }
    for (const field of seed.passwordFields ?? []) {
      const property = deref(document, request.properties?.[field] ?? {});
      if (property.format !== 'password' || property.writeOnly !== true) {
        problems.push(`${where}: ${field} should be format password and writeOnly`);
      }
    }
    if (seed.smsScenarios) {
      const scenarios = deref(document, request.properties?.type ?? {}).enum ?? [];
      for (const scenario of seed.smsScenarios) {
        if (!scenarios.includes(scenario)) problems.push(`${where}: SMS scenario ${scenario} missing`);
      }
      if (scenarios.length !== seed.smsScenarios.length) problems.push(`${where}: SMS scenarios are not the page's seven`);
      const captcha = deref(document, request.properties?.captcha_token ?? {});
      if (!captcha.pattern || !new RegExp(captcha.pattern, 'u').test(seed.captchaTokenExample)) {
        problems.push(`${where}: captcha_token pattern does not accept the page's example`);
      }
    }

    if (seed.codeScenario) {
      const acceptedBy = document.components.schemas.SmsScenario?.['x-accepted-by'] ?? {};
      if (acceptedBy[seed.codeScenario] !== operation.operationId) {
        problems.push(`${where}: SMS scenario ${seed.codeScenario} should be accepted by ${operation.operationId}`);
      }
    }

    const success = operation.responses?.['200'];
    if (!success) problems.push(`${where}: 200 response missing`);
    else if (seed.emptySuccessBody) {
      if (success.content) problems.push(`${where}: the 200 answer has no body on the page`);
    } else {
      const schema = deref(document, success.content?.['application/json']?.schema ?? {});
      const statuses = statusValues(document, schema);
      for (const status of seed.statuses) {
        if (!statuses.includes(status)) problems.push(`${where}: status ${status} missing`);
      }
      const properties = responseProperties(document, schema);
      for (const [field, type] of Object.entries(seed.responseFields)) {
        const property = properties[field];
        if (!property) problems.push(`${where}: response field ${field} missing`);
        else if (jsonTypeOf(deref(document, property)) !== type) problems.push(`${where}: response field ${field} should be a ${type}`);
      }
    }

    for (const [code, seen] of Object.entries(seed.errors)) {
      const entry = entries.get(code);
      if (!entry) {
        problems.push(`${where}: error ${code} missing from the catalogue`);
        continue;
      }
      if (entry.httpStatus !== seen.status) problems.push(`${where}: error ${code} should come with HTTP ${seen.status}`);
      const english = entry.placeholders.length && !seen.en.includes('{0}') ? fillTemplate(entry.message.en, ['X-client-id']) : entry.message.en;
      if (english !== seen.en) problems.push(`${where}: error ${code} English message differs from the page`);
      if (seen.zh && entry.message.zh !== seen.zh) problems.push(`${where}: error ${code} Chinese message differs from the page`);
      if (!entry.operations.includes(operation.operationId)) problems.push(`${where}: error ${code} should list ${operation.operationId}`);
      const examples = Object.values(operation.responses?.[String(seen.status)]?.content?.['application/json']?.examples ?? {});
      if (!examples.some((example) => deref(document, example).value?.error_code === code)) {
        problems.push(`${where}: no ${seen.status} example of error ${code}`);
      }
    }
  }
  return problems;
}

test('every fact of the five pages is in the bundled contract', () => {
  assert.deepEqual(traceabilityProblems(bundle), []);
});

const mutations = [
  ['a header removed', (d) => d.paths['/api/v2/sdk/login/mobile-pwd'].post.parameters.splice(3, 1), /header X-agent missing/],
  ['an optional header made required', (d) => (d.components.parameters.DeviceIp.required = true), /X-device-ip required should be false/],
  ['X-state-token where the page does not ask for it', (d) => d.paths['/api/v2/sdk/sms/send'].post.parameters.push({ $ref: '#/components/parameters/StateToken' }), /X-state-token is not on the page/],
  ['a request field renamed', (d) => {
    const schema = d.components.schemas.MfaSmsRequest;
    schema.properties.verifyCode = schema.properties.verify_code;
    delete schema.properties.verify_code;
  }, /request field verify_code missing/],
  ['a required field made optional', (d) => (d.components.schemas.EmailCodeLoginRequest.required = ['verify_code']), /field email required should be true/],
  ['a status value removed', (d) => (d.components.schemas.PasswordChangeRequired.properties.status.enum = ['PASSWORD_EXPIRED']), /status PASSWORD_WARN missing/],
  ['an SMS scenario removed', (d) => d.components.schemas.SmsScenario.enum.pop(), /UPDATE_MOBILE_SMS missing/],
  ['a response field retyped', (d) => (d.components.schemas.SessionResult.properties.expire.type = 'string'), /expire should be a number/],
  ['an SMS scenario tied to the wrong call', (d) => (d.components.schemas.SmsScenario['x-accepted-by'].MFA_AUTH_SMS = 'updatePasswordByMobile'), /MFA_AUTH_SMS should be accepted by verifyMfaSms/],
  ['a body given to the SMS answer', (d) => (d.paths['/api/v2/sdk/sms/send'].post.responses['200'].content = {}), /no body/],
  ['an error status changed', (d) => (d.components.schemas.ErrorCode.oneOf.find((e) => e.const === 'IDAAS.SDK.LOGIN.0002')['x-error'].httpStatus = 401), /LOGIN\.0002 should come with HTTP 400/],
  ['a Chinese message changed', (d) => (d.components.schemas.ErrorCode.oneOf.find((e) => e.const === 'IDAAS.SDK.USER.0039')['x-error'].message.zh = '用户被禁用'), /USER\.0039 Chinese message differs/],
  ['an error example removed', (d) => delete d.paths['/api/v2/sdk/login/email-verify-code'].post.responses['400'].content['application/json'].examples.userNotFound, /no 400 example of error IDAAS\.SDK\.USER\.0001/],
  ['a code dropped from the catalogue', (d) => (d.components.schemas.ErrorCode.oneOf = d.components.schemas.ErrorCode.oneOf.filter((e) => e.const !== 'SDK.COMMON.1001')), /SDK\.COMMON\.1001 missing from the catalogue/],
];

for (const [name, mutate, expected] of mutations) {
  test(`the traceability check catches ${name}`, () => {
    const copy = structuredClone(bundle);
    mutate(copy);
    const problems = traceabilityProblems(copy);
    assert.ok(problems.some((problem) => expected.test(problem)), `expected ${expected} among:\n${problems.join('\n')}`);
  });
}
