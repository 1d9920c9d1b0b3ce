// Fuzzes each product's sandbox, run as its own process, with 5,000 generated bad requests from a
// fixed seed (10,000 in all): each request breaks at least one rule (a header, the client id, the
// body, the path or the method). Every answer must be an error the product's contract allows (or
// the sandbox's own code, with its reason), and the process must stay up and keep serving.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deref, products } from '../../src/contract.js';
import { forProduct, ownCode, startSandbox } from '../../scripts/lib/sandbox-client.js';

const total = 5_000;
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

const strangeValues = [
  null,
  0,
  -1,
  // What a JSON number too large for a double becomes; JSON.stringify sends it as null.
  Number.POSITIVE_INFINITY,
  true,
  false,
  [],
  {},
  [1, 'a'],
  { nested: { deep: [] } },
  '',
  ' ',
  '\u0000',
  '🙂'.repeat(50),
  'x'.repeat(5000),
  '../../etc/passwd',
  '<script>',
  "' OR 1=1 --",
];
const brokenJson = ['{', '}', '{"mobile":', '[1,2', 'nul', '{"a":1,}', '\u00ff\u00fe', '{"mobile":"1"}{"mobile":"2"}', '   ', '0x10'];
const paths = [
  '/',
  '/api',
  '/api/v2/sdk',
  '/api/v2/sdk/login/mobile-pwd/extra',
  '/API/V2/SDK/SMS/SEND',
  '/%zz',
  '/api/v2/sdk/mfa/sms/..',
  '/api/v1/oauth2/keys/..%2F..%2Fetc',
];
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

for (const product of products) {
  const { bundle, tenant, operationsById, parameters, appHeaders, assertConforms, call, requestSchema } = forProduct(product);
  // Every operation that takes something to break; the key set takes nothing, so only its path and
  // method are fuzzed, through the others' path and method faults.
  const ids = Object.keys(operationsById).filter((id) => operationsById[id].parameters?.length);
  const accessDenied = bundle.components.schemas.AccessDenied.properties.status.const;
  const someValues = [tenant.users[0].mobile, tenant.users[0].email, tenant.codes.sms, tenant.password, bundle.components.schemas.SmsScenario.enum[0]];

  function generate(next) {
    const pick = (list) => list[Math.floor(next() * list.length)];
    const operationId = pick(ids);
    const operation = operationsById[operationId];
    const headers = appHeaders(operationId, { stateToken: pick(['', 'forged', undefined, 'x'.repeat(300)]), sessionToken: pick(['', 'forged', undefined]) });
    if (next() < 0.3) headers[parameters.Language.name] = pick(['zh', 'en', 'zh-TW', 'de', '', '\t', 'constructor']);
    const schema = requestSchema(operationId);
    let body = schema && Object.fromEntries(schema.required.map((field) => [field, pick(someValues)]));
    let raw;
    let method = operation.method;
    let path = operation.path;

    const required = operation.parameters.map((parameter) => deref(bundle, parameter)).filter((header) => header.required);
    const faults = [
      () => delete headers[pick(required).name],
      () => (headers[pick(required).name] = pick(['', ' ', '\t'])),
      () => (headers[parameters.ClientId.name] = pick(['unknown', tenant.clientId.toLowerCase(), `${tenant.clientId}0`, '0'.repeat(1000)])),
      () => (path = pick(paths)),
      () => (method = pick(['GET', 'PUT', 'DELETE', 'PATCH'].filter((other) => other !== operation.method))),
    ];
    // A body already replaced by a strange value is broken enough; only a real object is edited.
    if (schema) {
      faults.push(
        () => isObject(body) && delete body[pick(schema.required)],
        () => {
          if (isObject(body)) body[pick(schema.required)] = structuredClone(pick(strangeValues));
        },
        () => (body = structuredClone(pick(strangeValues))),
        () => (raw = pick(brokenJson)),
        () => (raw = JSON.stringify({ ...body, padding: 'y'.repeat(bodyLimit) })),
      );
    }
    faults[Math.floor(next() * faults.length)]();
    while (next() < 0.4) faults[Math.floor(next() * faults.length)]();
    const sendsBody = method !== 'GET' && (schema || raw !== undefined);
    return { method, path, headers, raw: sendsBody ? (raw ?? JSON.stringify(body)) : undefined, language: headers[parameters.Language.name] };
  }

  describe(`${product} sandbox`, () => {
    let sandbox;
    before(async () => {
      sandbox = await startSandbox({ product, child: true, bodyLimit });
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
          const response = await fetch(sandbox.url + request.path, { method: request.method, headers: request.headers, body: request.raw });
          const text = await response.text();
          const { pathname } = new URL(sandbox.url + request.path);
          const reason = response.headers.get('x-sandbox-reason');
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          // An oversized body is refused at the HTTP level, before the call is read: the sandbox's own 413.
          if (response.status === 413) {
            assert.equal(JSON.parse(text).error_code, ownCode('PAYLOAD_TOO_LARGE'));
            continue;
          }
          const body = assertConforms({
            method: request.method,
            path: pathname,
            language: request.language,
            status: response.status,
            contentType: response.headers.get('content-type'),
            text,
            reason,
          });
          // The second factor documents its refusal of a bad state token as a 200 ACCESS_DENIED.
          const refused = response.status >= 400 || body?.status === accessDenied;
          assert.ok(refused, `a bad request is refused: ${JSON.stringify(request).slice(0, 300)} → ${response.status} ${text.slice(0, 300)}`);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));

      assert.equal(
        [...statuses.values()].reduce((sum, count) => sum + count, 0),
        total,
      );
      assert.ok(statuses.get(400) > 0 && statuses.get(404) > 0 && statuses.get(405) > 0, JSON.stringify([...statuses]));
      assert.equal(sandbox.process.exitCode, null, 'the sandbox process is still running');
      assert.equal((await call(sandbox.url, 'getCaptcha')).status, 200);
      assert.doesNotMatch(sandbox.log(), /Warning: sandbox:/, 'no request made the sandbox fail internally');
    });
  });
}
