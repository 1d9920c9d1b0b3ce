// The two ways a method of either product's client reaches the network: without a fetch option
// through the global fetch, so what a server receives is checked here on a real socket, GET and
// bodiless calls included; with a fetch option, that fetch gets a real Request, signal included.
// The raw client stays a standard openapi-fetch client, apart from the methods.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { app, commonHeaders, productFixtures, products } from './fixtures.js';

let server;
let baseUrl;
let received = [];
let answer;
before(async () => {
  server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
});
after(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

for (const product of products) {
  describe(product, () => {
    const { wire, calls, invoke, create, sessionExample } = productFixtures(product);

    test('without a fetch option, every method sends its method, path, headers and body', async () => {
      received = [];
      answer = sessionExample;
      const client = create({ baseUrl, language: 'zh' });
      for (const operation of calls) await invoke(client, operation);
      assert.equal(received.length, calls.length);
      received.forEach(({ method, url, headers, body }, i) => {
        const operation = calls[i];
        const header = (component) => headers[wire[component].toLowerCase()];
        assert.equal(method, operation.method.toUpperCase());
        assert.equal(url, operation.path);
        if (operation.body === undefined) {
          assert.equal(body, '');
          assert.equal(headers['content-type'], undefined);
        } else {
          assert.match(headers['content-type'], /^application\/json/);
          assert.deepEqual(JSON.parse(body), operation.body);
        }
        const configured = [app.device.osVersion, app.device.fingerprint, undefined, app.device.agent, 'zh', app.clientId];
        commonHeaders.forEach((component, j) => {
          assert.equal(header(component), operation.headers.includes(component) ? configured[j] : undefined, wire[component]);
        });
        for (const { wire: name, example } of Object.values(operation.tokens)) assert.equal(headers[name.toLowerCase()], example);
      });
    });

    test("a fetch option gets a real Request, whose signal follows the caller's", async () => {
      const requests = [];
      const fetch = (request) => {
        requests.push(request);
        return new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
      };
      const client = create({ baseUrl, fetch });
      const operation = calls.find((o) => o.body !== undefined) ?? assert.fail('an operation with a body');
      const controller = new AbortController();
      const call = invoke(client, operation, { signal: controller.signal });
      controller.abort();
      await assert.rejects(call, { name: 'AbortError' });
      assert.equal(requests.length, 1);
      assert.ok(requests[0] instanceof Request);
      assert.deepEqual(await requests[0].json(), operation.body);
    });

    test("middleware on the raw client gets real Requests, for the raw client's calls only", async () => {
      received = [];
      answer = sessionExample;
      const client = create({ baseUrl });
      const seen = [];
      client.raw.use({
        onRequest({ request }) {
          seen.push(request);
          return new Request(request, { headers: { ...Object.fromEntries(request.headers), [wire.Language]: 'zh' } });
        },
      });
      const operation =
        calls.find((o) => o.method === 'post' && o.body !== undefined && Object.keys(o.tokens).length === 0) ?? assert.fail('a POST without tokens');
      const { data } = await client.raw.POST(operation.path, { body: operation.body });
      assert.deepEqual(data, sessionExample);
      await invoke(client, operation);
      assert.equal(seen.length, 1);
      assert.ok(seen[0] instanceof Request);
      assert.equal(received.length, 2);
      assert.equal(received[0].headers[wire.Language.toLowerCase()], 'zh');
      assert.equal(received[1].headers[wire.Language.toLowerCase()], undefined);
    });
  });
}
