// The two ways a method reaches the network: without a fetch option the client builds no Request
// of its own and calls the global fetch with a URL and an init, so what a server receives is
// checked here on a real socket; with a fetch option, that fetch gets a real Request, signal
// included. The raw client stays a standard openapi-fetch client, apart from the methods.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createIdaasClient } from '../../dist/index.js';
import { app, bundle, operations } from './fixtures.js';

const wire = Object.fromEntries(Object.entries(bundle.components.parameters).map(([component, p]) => [component, p.name]));
const sessionExample = bundle.components.examples.successCiam.value;
const stateToken = 'fixture-state-token';

let server;
let baseUrl;
let received = [];
before(async () => {
  server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(sessionExample));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});
after(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

test('without a fetch option, every method sends its method, path, headers and JSON body', async () => {
  received = [];
  const client = createIdaasClient({ baseUrl, ...app, language: 'zh' });
  for (const { op, body, needsStateToken } of operations) {
    await client[op.operationId](body, needsStateToken ? { stateToken } : {});
  }
  assert.equal(received.length, operations.length);
  received.forEach(({ method, url, headers, body }, i) => {
    const operation = operations[i];
    const header = (component) => headers[wire[component].toLowerCase()];
    assert.equal(method, operation.method.toUpperCase());
    assert.equal(url, operation.path);
    assert.match(headers['content-type'], /^application\/json/);
    assert.deepEqual(JSON.parse(body), operation.body);
    assert.deepEqual(
      [header('OperatingSysVersion'), header('DeviceFingerprint'), header('Agent'), header('ClientId'), header('Language')],
      [app.device.osVersion, app.device.fingerprint, app.device.agent, app.clientId, 'zh'],
    );
    assert.equal(header('DeviceIp'), undefined);
    assert.equal(header('StateToken'), operation.needsStateToken ? stateToken : undefined);
  });
});

test('a fetch option gets a real Request, whose signal follows the caller\'s', async () => {
  const requests = [];
  const fetch = (request) => {
    requests.push(request);
    return new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
  };
  const client = createIdaasClient({ baseUrl, ...app, fetch });
  const { op, body } = operations.find((o) => !o.needsStateToken);
  const controller = new AbortController();
  const call = client[op.operationId](body, { signal: controller.signal });
  controller.abort();
  await assert.rejects(call, { name: 'AbortError' });
  assert.equal(requests.length, 1);
  assert.ok(requests[0] instanceof Request);
  assert.deepEqual(await requests[0].json(), body);
});

test('middleware on the raw client gets real Requests, for the raw client\'s calls only', async () => {
  received = [];
  const client = createIdaasClient({ baseUrl, ...app });
  const seen = [];
  client.raw.use({
    onRequest({ request }) {
      seen.push(request);
      return new Request(request, { headers: { ...Object.fromEntries(request.headers), [wire.Language]: 'zh' } });
    },
  });
  const { op, path, body } = operations.find((o) => !o.needsStateToken);
  const { data } = await client.raw.POST(path, { body });
  assert.deepEqual(data, sessionExample);
  await client[op.operationId](body);
  assert.equal(seen.length, 1);
  assert.ok(seen[0] instanceof Request);
  assert.equal(received.length, 2);
  assert.equal(received[0].headers[wire.Language.toLowerCase()], 'zh');
  assert.equal(received[1].headers[wire.Language.toLowerCase()], undefined);
});
