// A configuration that cannot work is an IdaasError of kind `config`, never `network`: when the
// client is made where the option is given there (base URL, domain, device headers, client id,
// language, timeout), else when a call is made and before anything is sent (per-call headers and
// tokens). Each message names the option; none quotes a header value, which may be a secret.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IdaasError } from '../../dist/index.js';
import { app, factories, productFixtures, products, recordingFetch } from './fixtures.js';

const secret = 'fixture-secret-0007';
// Values the platform's Headers refuses: line breaks, NUL, a character beyond U+00FF.
const unsendable = [`${secret}\nInjected: yes`, `${secret}\rInjected: yes`, `${secret}\0`, `${secret}中`, `${secret}😀`];

function assertConfigError(error, option) {
  assert.ok(error instanceof IdaasError, `not an IdaasError: ${error}`);
  assert.equal(error.kind, 'config');
  assert.ok(error.message.includes(option), `the message does not name ${option}: ${error.message}`);
  assert.ok(!error.message.includes(secret), 'the message quotes the value');
  assert.equal(error.cause, undefined);
}

const throws = (make, option) => {
  let thrown;
  try {
    make();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown, `the client was made (${option})`);
  assertConfigError(thrown, option);
};

for (const product of products) {
  describe(product, () => {
    const { calls, invoke, create, wire, sessionExample } = productFixtures(product);
    const withState = calls.find((o) => o.tokens.stateToken);

    test('a baseUrl that is not an http(s) URL a path can be appended to', () => {
      for (const baseUrl of [
        'not a url',
        'localhost:8080',
        'ftp://files.example.com',
        'https://user:pw@tenant.example.com',
        'https://tenant.example.com/?q=1',
        'https://tenant.example.com/#top',
        '',
      ]) {
        throws(() => create({ baseUrl }), 'options.baseUrl');
      }
    });

    test("a domain that does not make the URL of the contract's server", () => {
      for (const domain of [
        'acme tenant.example.com',
        'https://acme.example.com',
        'acme.example.com/idaas',
        'acme.example.com?x=1',
        'acme.example.com:99999',
        '',
      ]) {
        throws(() => create({ domain }), 'options.domain');
      }
    });

    test('neither a domain nor a baseUrl', () => {
      throws(() => factories[product]({ ...app }), 'options.domain');
    });

    test('a timeout a timer cannot wait for', () => {
      for (const timeoutMs of [0, -1, Number.NaN, 2 ** 31]) throws(() => create({ baseUrl: 'http://127.0.0.1:9', timeoutMs }), 'options.timeoutMs');
    });

    test('a device header, client id or language that cannot be sent, at creation', () => {
      const cases = {
        'options.device.osVersion': (v) => ({ device: { ...app.device, osVersion: v } }),
        'options.device.fingerprint': (v) => ({ device: { ...app.device, fingerprint: v } }),
        'options.device.agent': (v) => ({ device: { ...app.device, agent: v } }),
        'options.device.ip': (v) => ({ device: { ...app.device, ip: v } }),
        'options.clientId': (v) => ({ clientId: v }),
        'options.language': (v) => ({ language: v }),
      };
      for (const [option, options] of Object.entries(cases)) {
        for (const value of unsendable) throws(() => create({ baseUrl: 'http://127.0.0.1:9', ...options(value) }), option);
      }
    });

    test('Latin-1 text is sendable, and the spaces around a value are trimmed as Headers does', async () => {
      const { fetch, requests } = recordingFetch(() => Response.json(sessionExample));
      const client = create({ baseUrl: 'http://127.0.0.1:9', device: { ...app.device, agent: ' Démo/1.0 ' }, fetch });
      await invoke(
        client,
        calls.find((o) => o.headers.includes('Agent')),
      );
      assert.equal(requests[0].headers.get(wire.Agent), 'Démo/1.0');
    });

    test('a token or header override that cannot be sent rejects the call before anything is sent', async () => {
      const { fetch, requests } = recordingFetch(() => assert.fail('a request was sent'));
      const client = create({ baseUrl: 'http://127.0.0.1:9', fetch });
      for (const value of unsendable) {
        assertConfigError(await invoke(client, withState, { stateToken: value }).catch((e) => e), 'options.stateToken');
        assertConfigError(await invoke(client, withState, { headers: { [wire.Language]: value } }).catch((e) => e), `options.headers["${wire.Language}"]`);
      }
      assertConfigError(await invoke(client, withState, { headers: { 'Not a token': 'x' } }).catch((e) => e), 'options.headers["Not a token"]');
      assert.equal(requests.length, 0);
    });
  });
}

test('every token option of both contracts is checked before sending', async () => {
  let checked = 0;
  for (const product of products) {
    const { calls, invoke, create } = productFixtures(product);
    const { fetch, requests } = recordingFetch(() => assert.fail('a request was sent'));
    const client = create({ baseUrl: 'http://127.0.0.1:9', fetch });
    for (const operation of calls) {
      for (const option of Object.keys(operation.tokens)) {
        assertConfigError(await invoke(client, operation, { [option]: unsendable[0] }).catch((e) => e), `options.${option}`);
        checked++;
      }
    }
    assert.equal(requests.length, 0);
  }
  assert.ok(checked > 0);
});
