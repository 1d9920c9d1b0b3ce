// verifyIdToken of the CIAM client: tokens signed here with RSA keys made here, verified against a
// key set that the client fetches from the contract's keys path through its own fetch and baseUrl
// (a fetch stub, and once a local server through the global fetch). A good token gives its claims;
// a wrong signature, algorithm, key, expiry or claim is an IdaasError of kind `invalid-token`; a key
// fetch that fails is the call's own error. Keys are kept, and fetched again for an unknown key id
// once the last fetch is old enough.
import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, importJWK, SignJWT, UnsecuredJWT } from 'jose';
import { IdaasError } from '../../dist/index.js';
import { productFixtures, recordingFetch } from './fixtures.js';

const { bundle, calls, create, resolve, wire } = productFixtures('ciam');
const keysOperation = calls.find((o) => o.op.operationId === 'getSigningKeys') ?? assert.fail('the CIAM contract has getSigningKeys');
const contractKeys = resolve(Object.values(keysOperation.op.responses['200'].content['application/json'].examples)[0]).value;
const baseUrl = 'https://acme-shop.idaas.example.com';
const audience = bundle.components.parameters.ClientId.example;

let signer;
let other;
before(async () => {
  signer = await keyPair('fixture-key-1');
  other = await keyPair('fixture-key-2');
});

async function keyPair(kid) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateJwk: await exportJWK(privateKey), jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** A token signed with `key`'s private key, used with `alg`; `expiresIn: null` sets no expiry. */
async function sign(claims = {}, { key = signer, kid = key.kid, alg = 'RS256', expiresIn = '5m' } = {}) {
  const jwt = new SignJWT({ sub: 'user-0001', aud: audience, ...claims }).setProtectedHeader({ alg, kid }).setIssuedAt();
  if (expiresIn !== null) jwt.setExpirationTime(expiresIn);
  return jwt.sign(await importJWK(key.privateJwk, alg));
}

/** A client whose fetch serves `jwks()` at the keys path and records every request. */
function clientServing(jwks = () => ({ keys: [signer.jwk] })) {
  const recorded = recordingFetch((request) => {
    if (new URL(request.url).pathname !== keysOperation.path) return Response.json({}, { status: 404 });
    return Response.json(jwks());
  });
  return { client: create({ baseUrl, fetch: recorded.fetch }), requests: recorded.requests };
}

async function refusal(promise, pattern) {
  const error = await promise.then(
    () => assert.fail('the token was accepted'),
    (e) => e,
  );
  assert.ok(error instanceof IdaasError, `not an IdaasError: ${error}`);
  assert.equal(error.kind, 'invalid-token');
  assert.match(error.message, pattern);
  return error;
}

test("the contract's example key set is one jose reads as an RS256 key", async () => {
  for (const jwk of contractKeys.keys) await importJWK(jwk, 'RS256');
});

test('a good token gives its claims; the keys come through the client, without its headers, once', async () => {
  const { client, requests } = clientServing();
  const token = await sign({ name: 'Alex Demo' });
  const claims = await client.verifyIdToken(token, { audience });
  assert.equal(claims.sub, 'user-0001');
  assert.equal(claims.name, 'Alex Demo');
  assert.equal(typeof claims.exp, 'number');
  await client.verifyIdToken(await sign());
  assert.equal(requests.length, 1, 'the keys were fetched more than once');
  assert.equal(requests[0].url, baseUrl + keysOperation.path);
  assert.equal(requests[0].method, keysOperation.method.toUpperCase());
  for (const name of Object.values(wire)) assert.equal(requests[0].headers.get(name), null, name);
});

describe('refused tokens', () => {
  test('a signature by another key under the same key id', async () => {
    const { client } = clientServing();
    await refusal(client.verifyIdToken(await sign({}, { key: other, kid: signer.kid })), /signature/);
  });

  test('a token whose payload was changed after signing', async () => {
    const { client } = clientServing();
    const [header, , signature] = (await sign()).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'someone-else', exp: 4_102_444_800 })).toString('base64url');
    await refusal(client.verifyIdToken(`${header}.${payload}.${signature}`), /signature/);
  });

  test('algorithms other than RS256: RS384 and PS256 with the same key, HS256, none', async () => {
    const { client } = clientServing();
    await refusal(client.verifyIdToken(await sign({}, { alg: 'RS384' })), /not signed with RS256/);
    await refusal(client.verifyIdToken(await sign({}, { alg: 'PS256' })), /not signed with RS256/);
    const hs = await new SignJWT({ sub: 'x', exp: 4_102_444_800 })
      .setProtectedHeader({ alg: 'HS256', kid: signer.kid })
      .sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!!'));
    await refusal(client.verifyIdToken(hs), /not signed with RS256/);
    const none = new UnsecuredJWT({ sub: 'x', exp: 4_102_444_800 }).encode();
    await refusal(client.verifyIdToken(none), /not signed with RS256|not a signed JWT/);
  });

  test('an expired token, and one without an expiry', async () => {
    const { client } = clientServing();
    await refusal(client.verifyIdToken(await sign({}, { expiresIn: '-1m' })), /expired/);
    await refusal(client.verifyIdToken(await sign({}, { expiresIn: /** @type {any} */ (null) })), /claims/);
  });

  test('a claim the caller asks for that does not match', async () => {
    const { client } = clientServing();
    await refusal(client.verifyIdToken(await sign(), { audience: 'anotherApp' }), /claims/);
    await refusal(client.verifyIdToken(await sign(), { issuer: baseUrl }), /claims/);
  });

  test('text that is not a JWT, and the message never quotes the token', async () => {
    const { client } = clientServing();
    await refusal(client.verifyIdToken('not.a.jwt'), /not a signed JWT/);
    const token = await sign({}, { expiresIn: '-1m' });
    const error = await refusal(client.verifyIdToken(token), /expired/);
    assert.ok(!error.message.includes(token.split('.')[2]));
  });
});

describe('keys', () => {
  after(() => mock.timers.reset());

  test('an unknown key id: refused at once, then accepted after the keys are fetched again later', async () => {
    let published = [signer.jwk];
    const { client, requests } = clientServing(() => ({ keys: published }));
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    await client.verifyIdToken(await sign());
    published = [signer.jwk, other.jwk];
    const rotated = await sign({}, { key: other });
    await refusal(client.verifyIdToken(rotated), /names a key/);
    assert.equal(requests.length, 1, 'a token with an unknown key id fetched the keys at once');
    mock.timers.tick(60_000);
    const claims = await client.verifyIdToken(rotated);
    assert.equal(claims.sub, 'user-0001');
    assert.equal(requests.length, 2);
    mock.timers.reset();
  });

  test("a key fetch that fails is the call's own error, and a later call fetches again", async () => {
    let fail = true;
    const { fetch, requests } = recordingFetch(() =>
      fail ? Response.json({ error_code: 'X', error_msg: 'down' }, { status: 503 }) : Response.json({ keys: [signer.jwk] }),
    );
    const client = create({ baseUrl, fetch });
    const error = await client.verifyIdToken(await sign()).then(
      () => assert.fail('accepted'),
      (e) => e,
    );
    assert.ok(error instanceof IdaasError);
    assert.equal(error.kind, 'http');
    assert.equal(error.httpStatus, 503);
    fail = false;
    assert.equal((await client.verifyIdToken(await sign())).sub, 'user-0001');
    assert.equal(requests.length, 2);
  });

  test('keys that are not a key set are an invalid response', async () => {
    const { client } = clientServing(() => /** @type {any} */ ({ keys: 'not a list' }));
    const error = await client.verifyIdToken(await sign()).then(
      () => assert.fail('accepted'),
      (e) => e,
    );
    assert.equal(error.kind, 'invalid-response');
  });

  test("a caller's signal aborts the key fetch", async () => {
    const fetch = (request) => new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
    const client = create({ baseUrl, fetch });
    const controller = new AbortController();
    const call = client.verifyIdToken(await sign(), { signal: controller.signal });
    controller.abort();
    await assert.rejects(call, { name: 'AbortError' });
  });
});

test('without a fetch option, the keys come from baseUrl through the global fetch', async (t) => {
  const paths = [];
  const server = createServer((req, res) => {
    paths.push(req.url);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [signer.jwk] }));
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(undefined)));
  t.after(() => new Promise((closed) => server.close(closed)));
  const client = create({ baseUrl: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}` });
  assert.equal((await client.verifyIdToken(await sign())).sub, 'user-0001');
  assert.deepEqual(paths, [keysOperation.path]);
});
