// The CIAM client in a real browser: dist/ciam.js bundled by esbuild for browsers, run in Chromium
// against a Prism mock of the CIAM contract (which answers CORS preflights), so that it needs
// nothing from Node at run time; and an id_token verified there by jose on the browser's WebCrypto.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { launchChromium } from '../../scripts/lib/chromium.js';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startPrism } from '../../scripts/lib/prism.js';
import { app, productFixtures } from './fixtures.js';
import { root } from '../../scripts/lib/root.js';

const { bundle } = productFixtures('ciam');

let prism;
let browser;
let appUrl;
// The app's page, served from a loopback origin: a secure context, as WebCrypto (and so jose)
// requires, and in the same address space as the mock, as Chromium requires to let it call there.
const appServer = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><title>app</title>');
});
before(async () => {
  await new Promise((listening) => appServer.listen(0, '127.0.0.1', () => listening(undefined)));
  appUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (appServer.address()).port}/`;
  prism = await startPrism({ spec: `${root}generated/ciam/openapi.yaml` });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await prism?.stop();
  appServer.closeAllConnections();
  await new Promise((closed) => appServer.close(closed));
});

async function pageWithClient() {
  const { outputFiles } = await build({
    entryPoints: [`${root}dist/ciam.js`],
    bundle: true,
    format: 'iife',
    globalName: 'idaas',
    platform: 'browser',
    write: false,
  });
  const page = await browser.newPage();
  await page.goto(appUrl);
  await page.addScriptTag({ content: outputFiles[0].text });
  return page;
}

test('a login and a documented error, from a browser page', async () => {
  const page = await pageWithClient();
  const { examples } = bundle.components;
  const outcome = await page.evaluate(
    async ({ baseUrl, app, body }) => {
      const client = /** @type {any} */ (window).idaas.createCiamClient({ baseUrl, ...app });
      const result = await client.loginByMobilePassword(body, { headers: { Prefer: 'code=200, example=passwordWarn' } });
      const error = await client.loginByMobilePassword(body, { headers: { Prefer: 'code=400, example=lockedOut' } }).catch((e) => e);
      return {
        status: result.status,
        policy: result.passwordPolicy,
        error: { isIdaasError: error instanceof /** @type {any} */ (window).idaas.IdaasError, code: error.code, minutes: error.lockout?.minutes },
      };
    },
    { baseUrl: prism.url, app, body: examples.mobilePasswordLoginRequest.value },
  );
  assert.equal(outcome.status, examples.passwordWarn.value.status);
  assert.deepEqual(outcome.policy, JSON.parse(examples.passwordWarn.value.data));
  assert.equal(outcome.error.isIdaasError, true);
  assert.equal(outcome.error.code, examples.lockedOut.value.error_code);
  assert.equal(typeof outcome.error.minutes, 'number');
});

test('an id_token verified in the browser, and a tampered one refused', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'browser-key-1', alg: 'RS256', use: 'sig' }] };
  const token = await new SignJWT({ sub: 'user-0001' }).setProtectedHeader({ alg: 'RS256', kid: 'browser-key-1' }).setExpirationTime('5m').sign(privateKey);
  const page = await pageWithClient();
  const outcome = await page.evaluate(
    async ({ app, jwks, token }) => {
      const fetch = async () => Response.json(jwks);
      const client = /** @type {any} */ (window).idaas.createCiamClient({ baseUrl: 'https://acme-shop.idaas.example.com', ...app, fetch });
      const claims = await client.verifyIdToken(token);
      const [header, payload, signature] = token.split('.');
      const tampered = `${header}.${payload}.${signature.slice(0, -4)}AAAA`;
      const refused = await client.verifyIdToken(tampered).catch((e) => e);
      return { sub: claims.sub, refusedKind: refused.kind };
    },
    { app, jwks, token },
  );
  assert.deepEqual(outcome, { sub: 'user-0001', refusedKind: 'invalid-token' });
});
