// Traceability: every header, field, status value and error code that the vendor's pages give is in
// each product's bundled contract, as the pages give it, on the operation that names the page in
// `x-source`; and every operation of a contract has a page. The checker is run on the real bundles
// (no problems allowed) and on mutated copies (each must be caught), so it is known to be able to fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundles, catalogue, deref, operations, products } from '../support/contract.js';
import { pages } from './page-facts.js';

function jsonTypesOf(schema) {
  return [schema.type ?? []].flat().map((type) => (type === 'integer' ? 'number' : type));
}

function members(document, schema) {
  return schema.oneOf ? schema.oneOf.map((member) => deref(document, member)) : [schema];
}

function statusValues(document, schema) {
  return members(document, schema).flatMap((member) => {
    const status = deref(document, member.properties?.status ?? {});
    return status.const !== undefined ? [status.const] : (status.enum ?? []);
  });
}

function responseProperties(document, schema) {
  return Object.assign({}, ...members(document, schema).map((member) => member.properties ?? {}));
}

function fillTemplate(template, values) {
  return template.replace(/\{(\d+)\}/g, (_, index) => values[index]);
}

function traceabilityProblems(document, productPages) {
  const problems = [];
  const entries = new Map(catalogue(document).map((entry) => [entry.code, entry]));
  const paged = new Set(productPages.map((page) => `${page.method} ${page.path}`));
  const all = operations(document);
  const byRoute = new Map(all.map(({ path, method, operation }) => [`${method} ${path}`, operation]));
  for (const { path, method, operation } of all) {
    if (!paged.has(`${method} ${path}`)) {
      problems.push(`${operation.operationId} (${method.toUpperCase()} ${path}) has no vendor page in tests/contract/page-facts.js: write down what its page says`);
    }
  }

  for (const page of productPages) {
    const where = `${page.method.toUpperCase()} ${page.path} (${page.page})`;
    const operation = byRoute.get(`${page.method} ${page.path}`);
    if (!operation) {
      problems.push(`${where}: operation missing`);
      continue;
    }
    if (operation['x-source'] !== page.page) problems.push(`${where}: x-source should name the page`);

    const headers = new Map(
      (operation.parameters ?? [])
        .map((parameter) => deref(document, parameter))
        .filter((parameter) => parameter.in === 'header')
        .map((parameter) => [parameter.name, parameter.required === true]),
    );
    for (const [name, required] of Object.entries(page.headers)) {
      if (!headers.has(name)) problems.push(`${where}: header ${name} missing`);
      else if (headers.get(name) !== required) problems.push(`${where}: header ${name} required should be ${required}`);
    }
    for (const name of headers.keys()) {
      if (!(name in page.headers)) problems.push(`${where}: header ${name} is not on the page`);
    }

    const request = deref(document, operation.requestBody?.content?.['application/json']?.schema ?? {});
    const requiredFields = new Set(request.required ?? []);
    for (const [field, required] of Object.entries(page.requestFields ?? {})) {
      const property = request.properties?.[field];
      if (!property) problems.push(`${where}: request field ${field} missing`);
      else {
        if (requiredFields.has(field) !== required) problems.push(`${where}: request field ${field} required should be ${required}`);
        if (deref(document, property).type !== 'string') problems.push(`${where}: request field ${field} should be a string`);
      }
    }
    for (const field of Object.keys(request.properties ?? {})) {
      if (!(field in (page.requestFields ?? {}))) problems.push(`${where}: request field ${field} is not on the page`);
    }
    for (const field of page.passwordFields ?? []) {
      const property = deref(document, request.properties?.[field] ?? {});
      if (property.format !== 'password' || property.writeOnly !== true) {
        problems.push(`${where}: ${field} should be format password and writeOnly`);
      }
    }
    if (page.scenarios) {
      const scenarios = deref(document, request.properties?.type ?? {}).enum ?? [];
      for (const scenario of page.scenarios) {
        if (!scenarios.includes(scenario)) problems.push(`${where}: scenario ${scenario} missing`);
      }
      for (const scenario of scenarios) {
        if (!page.scenarios.includes(scenario)) problems.push(`${where}: scenario ${scenario} is not on the page`);
      }
      const captcha = deref(document, request.properties?.captcha_token ?? {});
      if (captcha.type !== 'string' || (captcha.pattern && !new RegExp(captcha.pattern, 'u').test(page.captchaTokenExample))) {
        problems.push(`${where}: captcha_token does not accept the page's example`);
      }
    }

    if (page.codeScenario) {
      const scenarioSchema = Object.values(document.components.schemas).find((schema) => schema.enum?.includes(page.codeScenario));
      if (scenarioSchema?.['x-accepted-by']?.[page.codeScenario] !== operation.operationId) {
        problems.push(`${where}: scenario ${page.codeScenario} should be accepted by ${operation.operationId}`);
      }
    }

    const success = operation.responses?.['200'];
    if (!success) problems.push(`${where}: 200 response missing`);
    else if (page.emptySuccessBody) {
      if (success.content) problems.push(`${where}: the 200 answer has no body on the page`);
    } else {
      const schema = deref(document, success.content?.['application/json']?.schema ?? {});
      const statuses = statusValues(document, schema);
      for (const status of page.statuses) {
        if (!statuses.includes(status)) problems.push(`${where}: status ${status} missing`);
      }
      const properties = responseProperties(document, schema);
      for (const [field, type] of Object.entries(page.responseFields)) {
        const property = properties[field];
        if (!property) problems.push(`${where}: response field ${field} missing`);
        else if (!jsonTypesOf(deref(document, property)).includes(type)) problems.push(`${where}: response field ${field} should allow ${type}`);
      }
    }

    for (const [code, seen] of Object.entries(page.errors)) {
      const entry = entries.get(code);
      if (!entry) {
        problems.push(`${where}: error ${code} missing from the catalogue`);
        continue;
      }
      if (entry.httpStatus !== seen.status) problems.push(`${where}: error ${code} should come with HTTP ${seen.status}`);
      const english = entry.placeholders.length && !seen.en.includes('{0}') ? fillTemplate(entry.message.en, ['X-client-id']) : entry.message.en;
      if (english !== seen.en) problems.push(`${where}: error ${code} English message differs from the page`);
      if (seen.zh && entry.message.zh !== seen.zh) problems.push(`${where}: error ${code} Chinese message differs from the page`);
      if (seen.measure && entry.measure.en !== seen.measure && !entry.note?.includes(`"${seen.measure}"`)) {
        problems.push(`${where}: error ${code} handling measure is not the page's words`);
      }
      if (!entry.operations.includes(operation.operationId)) problems.push(`${where}: error ${code} should list ${operation.operationId}`);
      const examples = Object.values(operation.responses?.[String(seen.status)]?.content?.['application/json']?.examples ?? {});
      if (!examples.some((example) => deref(document, example).value?.error_code === code)) {
        problems.push(`${where}: no ${seen.status} example of error ${code}`);
      }
    }
    for (const code of page.uncatalogued ?? []) {
      if (!operation.description.includes(code)) problems.push(`${where}: the description should name ${code}, which the page shows`);
      if (entries.has(code)) problems.push(`${where}: ${code} is catalogued although no page gives its whole message`);
    }
  }
  return problems;
}

for (const product of products) {
  test(`every fact of the ${product} pages is in the ${product} contract, and every operation has a page`, () => {
    assert.deepEqual(traceabilityProblems(bundles[product], pages[product]), []);
  });
}

const errorEntry = (d, code) => d.components.schemas.ErrorCode.oneOf.find((e) => e.const === code)['x-error'];

const mutations = [
  ['ciam', 'a header removed', (d) => d.paths['/api/v2/sdk/login/mobile-pwd'].post.parameters.splice(3, 1), /header X-agent missing/],
  ['eiam', 'an optional header made required', (d) => (d.components.parameters.DeviceIp.required = true), /X-device-ip required should be false/],
  ['eiam', 'X-state-token where the page does not ask for it', (d) => d.paths['/api/v2/sdk/sms/send'].post.parameters.push({ $ref: '#/components/parameters/StateToken' }), /X-state-token is not on the page/],
  ['eiam', 'a request field renamed', (d) => {
    const schema = d.components.schemas.MfaSmsRequest;
    schema.properties.verifyCode = schema.properties.verify_code;
    delete schema.properties.verify_code;
  }, /request field verify_code missing/],
  ['ciam', 'a required field made optional', (d) => (d.components.schemas.EmailCodeLoginRequest.required = ['verify_code']), /field email required should be true/],
  ['ciam', 'a status value removed', (d) => (d.components.schemas.PasswordChangeRequired.properties.status.enum = ['PASSWORD_EXPIRED']), /status PASSWORD_WARN missing/],
  ['eiam', 'an SMS scenario removed', (d) => d.components.schemas.SmsScenario.enum.pop(), /UPDATE_MOBILE_SMS missing/],
  ['ciam', 'an EIAM scenario given to CIAM', (d) => d.components.schemas.SmsScenario.enum.push('MFA_AUTH_SMS'), /MFA_AUTH_SMS is not on the page/],
  ['eiam', 'a response field retyped', (d) => (d.components.schemas.SessionResult.properties.expire.type = 'string'), /expire should allow number/],
  ['eiam', 'an SMS scenario tied to the wrong call', (d) => (d.components.schemas.SmsScenario['x-accepted-by'].MFA_AUTH_SMS = 'updatePasswordByMobile'), /MFA_AUTH_SMS should be accepted by verifyMfaSms/],
  ['ciam', 'a body given to the email answer', (d) => (d.paths['/api/v2/sdk/email/send'].post.responses['200'].content = {}), /no body/],
  ['ciam', 'an error status changed', (d) => (errorEntry(d, 'IDAAS.SDK.LOGIN.0002').httpStatus = 401), /LOGIN\.0002 should come with HTTP 400/],
  ['ciam', 'a Chinese message changed', (d) => (errorEntry(d, 'IDAAS.SDK.USER.0039').message.zh = '用户被禁用'), /USER\.0039 Chinese message differs/],
  ['ciam', 'a handling measure reworded', (d) => (errorEntry(d, 'IDAAS.SDK.USER.0039').measure.en = 'Contact the tenant administrator.'), /USER\.0039 handling measure is not the page's words/],
  ['ciam', 'an error example removed', (d) => delete d.paths['/api/v2/sdk/login/email-verify-code'].post.responses['400'].content['application/json'].examples.userNotFound, /no 400 example of error IDAAS\.SDK\.USER\.0001/],
  ['eiam', 'a code dropped from the catalogue', (d) => (d.components.schemas.ErrorCode.oneOf = d.components.schemas.ErrorCode.oneOf.filter((e) => e.const !== 'SDK.COMMON.1001')), /SDK\.COMMON\.1001 missing from the catalogue/],
  ['ciam', 'a page source lost', (d) => delete d.paths['/api/v2/sdk/pwd/update'].post['x-source'], /pwd\/update .*x-source should name the page/],
  ['ciam', 'an operation without a page', (d) => (d.paths['/api/v2/sdk/extra'] = { get: { operationId: 'extraCall', responses: {} } }), /extraCall .* has no vendor page/],
  ['ciam', 'an uncatalogued code left unnamed', (d) => (d.paths['/api/v2/sdk/sms/send'].post.description = 'Sends a code.'), /should name IDAAS\.SDK\.CAPTCHA\.0006/],
];

for (const [product, name, mutate, expected] of mutations) {
  test(`the traceability check catches ${name} (${product})`, () => {
    const copy = structuredClone(bundles[product]);
    mutate(copy);
    const problems = traceabilityProblems(copy, pages[product]);
    assert.ok(problems.some((problem) => expected.test(problem)), `expected ${expected} among:\n${problems.join('\n')}`);
  });
}
