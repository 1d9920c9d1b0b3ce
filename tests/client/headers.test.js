// What goes on the wire: the common headers configured once, under the wire names the contract
// gives them, on every operation and on the raw client; per-call overrides; the state token only
// where given; the contract's path and method; the tenant URL built from the contract's server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createIdaasClient } from '../../dist/index.js';
import { app, bundle, operations, recordingFetch } from './fixtures.js';

const wire = Object.fromEntries(Object.entries(bundle.components.parameters).map(([component, p]) => [component, p.name]));
const sessionExample = bundle.components.examples.successCiam.value;
const answerSuccess = () => Response.json(sessionExample);

test('every operation sends the configured headers to its path', async () => {
  const { fetch, requests } = recordingFetch(answerSuccess);
  const device = { ...app.device, ip: '192.0.2.44' };
  const client = createIdaasClient({ baseUrl: 'http://127.0.0.1:9', clientId: app.clientId, device, language: 'zh', fetch });
  for (const { op, body, needsStateToken } of operations) {
    await client[op.operationId](body, needsStateToken ? { stateToken: 'fixture-state-token' } : {});
  }
  assert.equal(requests.length, operations.length);
  requests.forEach((request, i) => {
    const { path, method, needsStateToken } = operations[i];
    assert.equal(new URL(request.url).pathname, path);
    assert.equal(request.method, method.toUpperCase());
    assert.deepEqual(
      {
        os: request.headers.get(wire.OperatingSysVersion),
        fingerprint: request.headers.get(wire.DeviceFingerprint),
        ip: request.headers.get(wire.DeviceIp),
        agent: request.headers.get(wire.Agent),
        language: request.headers.get(wire.Language),
        clientId: request.headers.get(wire.ClientId),
        stateToken: request.headers.get(wire.StateToken),
      },
      {
        os: device.osVersion,
        fingerprint: device.fingerprint,
        ip: device.ip,
        agent: device.agent,
        language: 'zh',
        clientId: app.clientId,
        stateToken: needsStateToken ? 'fixture-state-token' : null,
      },
    );
  });
});

test('optional headers stay unset, and a call may override a common header', async () => {
  const { fetch, requests } = recordingFetch(answerSuccess);
  const client = createIdaasClient({ baseUrl: 'http://127.0.0.1:9', ...app, fetch });
  const { op, body } = operations.find((o) => !o.needsStateToken);
  await client[op.operationId](body);
  await client[op.operationId](body, { headers: { [wire.Language]: 'zh', [wire.Agent]: 'OtherAgent/2.0' } });
  assert.equal(requests[0].headers.get(wire.DeviceIp), null);
  assert.equal(requests[0].headers.get(wire.Language), null);
  assert.equal(requests[1].headers.get(wire.Language), 'zh');
  assert.equal(requests[1].headers.get(wire.Agent), 'OtherAgent/2.0');
  assert.equal(requests[1].headers.get(wire.ClientId), app.clientId);
});

test('the raw client sends the common headers too', async () => {
  const { fetch, requests } = recordingFetch(answerSuccess);
  const client = createIdaasClient({ baseUrl: 'http://127.0.0.1:9', ...app, fetch });
  const { path, body } = operations.find((o) => !o.needsStateToken);
  const { data } = await client.raw.POST(path, { body });
  assert.deepEqual(data, sessionExample);
  assert.equal(requests[0].headers.get(wire.ClientId), app.clientId);
  assert.equal(requests[0].headers.get(wire.OperatingSysVersion), app.device.osVersion);
});

test('a domain becomes the URL of the contract\'s server', async () => {
  const { fetch, requests } = recordingFetch(answerSuccess);
  const [server] = bundle.servers;
  const domain = 'acme-demo.idaas.example.com';
  const client = createIdaasClient({ domain, ...app, fetch });
  const { op, path, body } = operations[0];
  await client[op.operationId](body, { stateToken: 'fixture-state-token' });
  const expected = server.url.replace(`{${Object.keys(server.variables)[0]}}`, domain) + path;
  assert.equal(requests[0].url, expected);
});

test('without a domain or a base URL the client refuses to start', () => {
  assert.throws(() => createIdaasClient({ ...app }), TypeError);
});
