// Fuzzes the sandbox, run as its own process, with 10,000 generated bad requests from a fixed seed:
// each request breaks at least one rule (a header, the client id, the body, the path or the method).
// Every answer must be an error the contract allows, and the process must stay up and keep serving.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tenant from '../../src/sandbox/tenant.js';
import { deref } from '../support/contract.js';
import { appHeaders, assertConforms, bundle, call, operations, parameters, smsTypeFor, startSandbox } from '../support/sandbox.js';

const total = 10_000;
const concurrency = 16;
const seed = 0x5eed;
// A small limit keeps oversized bodies cheap to send while still testing the limit.
const bodyLimit = 4096;

// mulberry32: a small, well-mixed PRNG, so a failing request can be regenerated from the seed.
function random(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const ids = Object.keys(operations);
const strangeValues = [null, 0, -1, 1e309, true, false, [], {}, [1, 'a'], { nested: { deep: [] } }, '', ' ', '\u0000', '🙂'.repeat(50), 'x'.repeat(5000), '../../etc/passwd', '<script>', "' OR 1=1 --"];
const brokenJson = ['{', '}', '{"mobile":', '[1,2', 'nul', '{"a":1,}', '\u00ff\u00fe', '{"mobile":"1"}{"mobile":"2"}', '   ', '0x10'];
const paths = ['/', '/api', '/api/v2/sdk', '/api/v2/sdk/login', '/api/v2/sdk/login/mobile-pwd/extra', '/API/V2/SDK/SMS/SEND', '/%zz', '/api/v2/sdk/mfa/sms/..'];

const accessDenied = bundle.components.schemas.AccessDenied.properties.status.const;
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function generate(next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const operationId = pick(ids);
  const operation = operations[operationId];
  const headers = appHeaders(operationId, { stateToken: pick(['', 'forged', undefined, 'x'.repeat(300)]) });
  if (next() < 0.3) headers[parameters.Language.name] = pick(['zh', 'en', 'zh-TW', 'de', '', '\t']);
  const schema = deref(bundle, operation.requestBody.content['application/json'].schema);
  let body = Object.fromEntries(schema.required.map((field) => [field, pick(['13800000001', tenant.smsCode, 'alex@example.com', smsTypeFor('updatePasswordByMobile')])]));
  let raw;
  let method = 'POST';
  let path = operation.path;

  const required = operation.parameters.map((parameter) => deref(bundle, parameter)).filter((header) => header.required);
  const faults = [
    () => delete headers[pick(required).name],
    () => (headers[pick(required).name] = pick(['', ' ', '\t'])),
    () => (headers[parameters.ClientId.name] = pick(['unknown', tenant.clientId.toLowerCase(), `${tenant.clientId}0`, '0'.repeat(1000)])),
    // A body already replaced by a strange value is broken enough; only a real object is edited.
    () => isObject(body) && delete body[pick(schema.required)],
    () => isObject(body) && (body[pick(schema.required)] = pick(strangeValues)),
    () => (body = pick(strangeValues)),
    () => (raw = pick(brokenJson)),
    () => (raw = JSON.stringify({ ...body, padding: 'y'.repeat(bodyLimit) })),
    () => (path = pick(paths)),
    () => (method = pick(['GET', 'PUT', 'DELETE', 'PATCH'])),
  ];
  faults[Math.floor(next() * faults.length)]();
  while (next() < 0.4) faults[Math.floor(next() * faults.length)]();
  return { method, path, headers, raw: raw ?? JSON.stringify(body), language: headers[parameters.Language.name] };
}

let sandbox;
before(async () => {
  sandbox = await startSandbox({ child: true, bodyLimit });
});
after(() => sandbox.stop());

test(`${total} generated bad requests each get an error the contract allows, and the sandbox stays up`, async () => {
  const next = random(seed);
  const requests = Array.from({ length: total }, () => generate(next));
  const statuses = new Map();
  let index = 0;
  const worker = async () => {
    while (index < requests.length) {
      const request = requests[index++];
      const response = await fetch(sandbox.url + request.path, {
        method: request.method,
        headers: request.headers,
        body: request.method === 'GET' ? undefined : request.raw,
      });
      const text = await response.text();
      const { pathname } = new URL(sandbox.url + request.path);
      const body = assertConforms({ method: request.method, path: pathname, language: request.language, status: response.status, contentType: response.headers.get('content-type'), text });
      // The second factor documents its refusal of a bad state token as a 200 ACCESS_DENIED.
      const refused = response.status >= 400 || body?.status === accessDenied;
      assert.ok(refused, `a bad request is refused: ${JSON.stringify(request).slice(0, 300)} → ${response.status} ${text}`);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  assert.equal([...statuses.values()].reduce((sum, count) => sum + count, 0), total);
  assert.ok(statuses.get(400) > 0 && statuses.get(404) > 0 && statuses.get(405) > 0, JSON.stringify([...statuses]));
  assert.equal(sandbox.process.exitCode, null, 'the sandbox process is still running');
  const alive = await call(sandbox.url, 'loginByEmailCode', { body: { email: tenant.users[0].email, verify_code: tenant.emailCode } });
  assert.equal(alive.status, 200);
  assert.doesNotMatch(sandbox.log(), /Warning: sandbox:/, 'no request made the sandbox fail internally');
});
