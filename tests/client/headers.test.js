// What each product's client puts on the wire: the common headers configured once, under the wire
// names the contract gives them, on every operation that takes them and on the raw client; none on
// an operation that takes no header (the signing keys); per-call overrides; the tokens an operation
// takes (state token, session token) only as given per call; no body on a call without one; the
// contract's path and method; the tenant URL built from the contract's server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { app, bundles, commonHeaders, productFixtures, products, recordingFetch, unconfiguredHeaders } from './fixtures.js';

for (const product of products) {
  describe(product, () => {
    const { bundle, wire, calls, invoke, create, sessionExample } = productFixtures(product);
    const answerSuccess = () => Response.json(sessionExample);
    const allTokens = Object.fromEntries(calls.flatMap((o) => Object.entries(o.tokens)).map(([option, { wire }]) => [option, wire]));

    test('every operation sends the configured headers it takes, its tokens, and its body, to its path', async () => {
      const { fetch, requests } = recordingFetch(answerSuccess);
      const device = { osVersion: 'ios17.5', fingerprint: 'a1b2c3d4e5f60718', agent: 'IdaasDemo/2.0', ip: '192.0.2.44' };
      const client = create({ baseUrl: 'http://127.0.0.1:9', device, language: 'zh', fetch });
      for (const operation of calls) await invoke(client, operation);
      assert.equal(requests.length, calls.length);
      for (const [i, request] of requests.entries()) {
        const operation = calls[i];
        assert.equal(new URL(request.url).pathname, operation.path);
        assert.equal(request.method, operation.method.toUpperCase());
        const configured = {
          OperatingSysVersion: device.osVersion,
          DeviceFingerprint: device.fingerprint,
          DeviceIp: device.ip,
          Agent: device.agent,
          Language: 'zh',
          ClientId: app.clientId,
        };
        for (const component of commonHeaders) {
          const expected = operation.headers.includes(component) ? configured[component] : null;
          assert.equal(request.headers.get(wire[component]), expected, `${operation.op.operationId} ${wire[component]}`);
        }
        for (const [option, wireName] of Object.entries(allTokens)) {
          const expected = operation.tokens[option]?.example ?? null;
          assert.equal(request.headers.get(wireName), expected, `${operation.op.operationId} ${wireName}`);
        }
        if (operation.body === undefined) {
          assert.equal(request.body, null, `${operation.op.operationId} sends no body`);
          assert.equal(request.headers.get('content-type'), null);
        } else {
          assert.deepEqual(await request.json(), operation.body);
        }
      }
    });

    test('optional headers stay unset, and a call may override a common header', async () => {
      const { fetch, requests } = recordingFetch(answerSuccess);
      const client = create({ baseUrl: 'http://127.0.0.1:9', fetch });
      const operation = calls.find((o) => o.headers.includes('Language') && o.body !== undefined);
      await invoke(client, operation);
      await invoke(client, operation, { headers: { [wire.Language]: 'zh', [wire.Agent]: 'OtherAgent/2.0' } });
      assert.equal(requests[0].headers.get(wire.DeviceIp), null);
      assert.equal(requests[0].headers.get(wire.Language), null);
      assert.equal(requests[1].headers.get(wire.Language), 'zh');
      assert.equal(requests[1].headers.get(wire.Agent), 'OtherAgent/2.0');
      assert.equal(requests[1].headers.get(wire.ClientId), app.clientId);
    });

    test('the raw client sends the common headers too', async () => {
      const { fetch, requests } = recordingFetch(answerSuccess);
      const client = create({ baseUrl: 'http://127.0.0.1:9', fetch });
      const { path, body } =
        calls.find((o) => o.method === 'post' && o.body !== undefined && Object.keys(o.tokens).length === 0) ?? assert.fail('a POST without tokens');
      const { data } = await client.raw.POST(path, { body });
      assert.deepEqual(data, sessionExample);
      assert.equal(requests[0].headers.get(wire.ClientId), app.clientId);
      assert.equal(requests[0].headers.get(wire.OperatingSysVersion), app.device.osVersion);
    });

    test("a domain becomes the URL of the contract's server", async () => {
      const { fetch, requests } = recordingFetch(answerSuccess);
      const [server] = bundle.servers;
      const domain = 'acme-demo.idaas.example.com';
      const client = create({ domain, fetch });
      await invoke(client, calls[0]);
      const expected = server.url.replace(`{${Object.keys(server.variables)[0]}}`, domain) + calls[0].path;
      assert.equal(requests[0].url, expected);
    });
  });
}

test("an operation without header parameters (the signing keys) sends none of the client's headers", async () => {
  const { fetch, requests } = recordingFetch(() => Response.json({}));
  for (const product of products) {
    const { calls, invoke, create } = productFixtures(product);
    const client = create({ baseUrl: 'http://127.0.0.1:9', language: 'zh', device: { ...app.device, ip: '192.0.2.44' }, fetch });
    for (const operation of calls.filter((o) => o.headers.length === 0)) await invoke(client, operation);
  }
  assert.ok(requests.length > 0, 'no contract has an operation without header parameters');
  for (const request of requests) assert.deepEqual([...request.headers.keys()], [], new URL(request.url).pathname);
});

test('the client sets from its own options every header that all SDK calls of a contract take', () => {
  for (const product of products) {
    const missing = unconfiguredHeaders(bundles[product]);
    assert.deepEqual(
      missing,
      [],
      `every ${product} SDK call takes ${missing.join(', ')}, which a caller would have to give on every call: add it to commonHeaderOptions in src/client/core.ts, with its option in IdaasClientOptions`,
    );
  }
});
