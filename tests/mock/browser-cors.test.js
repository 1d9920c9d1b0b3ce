// A browser app served from another origin can call both mocks of each product with the vendor's
// headers: a real Chromium page on localhost at one port fetches the sandbox and Prism on others, so
// CORS is checked the way a frontend team meets it (preflight included), not only by reading
// response headers. And a page on a foreign origin, in the same browser, can read nothing from the
// sandbox and change nothing in it, by fetch, by a no-cors fetch or by a plain HTML form.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launchChromium } from '../../scripts/lib/chromium.js';
import { products } from '../../src/contract.js';
import { startPrism } from '../../scripts/lib/prism.js';
import { control, forProduct, startSandbox } from '../../scripts/lib/sandbox-client.js';

const mocks = {};
let page;
let foreignPage;
let browser;
// A site of another origin: Chromium resolves every *.localhost name to loopback by itself, so the
// page needs no DNS and its requests are not held back as a public site's would be (Private Network
// Access); only the sandbox's own policy stands between it and the sandbox.
const foreignHost = 'attacker.localhost';
let app;
before(async () => {
  await Promise.all(
    products.map(async (product) => {
      const [sandbox, prism] = await Promise.all([startSandbox({ product }), startPrism({ product })]);
      mocks[product] = { sandbox, prism };
    }),
  );
  app = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title><iframe name="sink"></iframe>'),
  );
  await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`http://localhost:${/** @type {import('node:net').AddressInfo} */ (app.address()).port}/`);
  foreignPage = await browser.newPage();
  await foreignPage.goto(`http://${foreignHost}:${/** @type {import('node:net').AddressInfo} */ (app.address()).port}/`);
});
after(async () => {
  await browser?.close();
  app?.close();
  await Promise.all(Object.values(mocks).flatMap(({ sandbox, prism }) => [sandbox.stop(), prism.stop()]));
});

// Runs fetch inside the page; the custom headers make every call a preflighted one.
const fetchInPage = (url, headers, body) =>
  page.evaluate(
    async ({ url, headers, body }) => {
      const response = await fetch(url, { method: 'POST', headers, body });
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        text: await response.text(),
        reason: response.headers.get('x-sandbox-reason'),
      };
    },
    { url, headers, body },
  );

for (const product of products) {
  const { tenant, appHeaders, assertConforms, errorEntry, operationsById, parameters } = forProduct(product);
  const login = /** @type {string} */ (Object.keys(operationsById).find((id) => id.startsWith('loginBy') && operationsById[id].requestBody));
  const { path } = operationsById[login];
  const language = parameters.Language.example;
  const headers = { ...appHeaders(login), [parameters.Language.name]: language };
  const [user] = tenant.users;
  const credentials = JSON.stringify(
    product === 'eiam' ? { user_name: user.userName, password: tenant.password } : { mobile: user.mobile, password: tenant.password },
  );

  describe(product, () => {
    test('the app signs in through the sandbox from another origin', async () => {
      const answer = await fetchInPage(mocks[product].sandbox.url + path, headers, credentials);
      assert.equal(answer.status, 200);
      assertConforms({ method: 'POST', path, language, ...answer });
    });

    test('the app reads a sandbox error and its X-Sandbox-Reason from another origin', async () => {
      const answer = await fetchInPage(mocks[product].sandbox.url + path, headers, '{');
      assert.equal(answer.status, 400);
      assertConforms({ method: 'POST', path, language, ...answer });
      assert.match(answer.reason, /not valid JSON/);
    });

    test('the app picks a Prism scenario from another origin', async () => {
      const [code, { httpStatus }] = errorEntry('lockedOut');
      const answer = await fetchInPage(`${mocks[product].prism.url}${path}?__code=${httpStatus}&__example=lockedOut`, headers, credentials);
      assert.equal(answer.status, httpStatus);
      assert.equal(JSON.parse(answer.text).error_code, code);
    });
  });
}

// Everything a foreign page tries against one sandbox; answers what it could read.
const attack = (base, path, headers, wrongCredentials, attempts) =>
  foreignPage.evaluate(
    async ({ base, path, headers, wrongCredentials, attempts }) => {
      const read = [];
      const tryFetch = async (url, init) => {
        try {
          const response = await fetch(url, init);
          read.push({ url, type: response.type, status: response.status, text: await response.text() });
        } catch {
          // Refused by the browser: nothing read.
        }
      };
      await tryFetch(`${base}/__sandbox/`);
      await tryFetch(`${base}/__sandbox/sms`);
      for (let attempt = 0; attempt < attempts; attempt += 1) {
        await tryFetch(base + path, { method: 'POST', headers, body: wrongCredentials });
        await tryFetch(base + path, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: wrongCredentials });
      }
      for (const [route, body] of [
        ['clock', '{"advanceSeconds":3600}'],
        ['failures', '{}'],
        ['reset', ''],
      ]) {
        await tryFetch(`${base}/__sandbox/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await tryFetch(`${base}/__sandbox/${route}`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body });
      }
      // A plain form, which needs no CORS, posted into a frame so that the page stays.
      const form = Object.assign(document.createElement('form'), { method: 'POST', action: `${base}/__sandbox/clock`, target: 'sink' });
      form.append(Object.assign(document.createElement('input'), { name: 'advanceSeconds', value: '3600' }));
      document.body.append(form);
      const posted = new Promise((resolve) => document.querySelector('iframe')?.addEventListener('load', resolve, { once: true }));
      form.submit();
      await Promise.race([posted, new Promise((resolve) => setTimeout(resolve, 2_000))]);
      return read;
    },
    { base, path, headers, wrongCredentials, attempts },
  );

for (const product of products) {
  const { tenant, appHeaders, operationsById } = forProduct(product);
  const login = /** @type {string} */ (Object.keys(operationsById).find((id) => id.startsWith('loginBy') && operationsById[id].requestBody));
  const [user] = tenant.users;
  const wrongCredentials = JSON.stringify(product === 'eiam' ? { user_name: user.userName, password: 'wrong' } : { mobile: user.mobile, password: 'wrong' });

  test(`${product}: a page on a foreign origin reads nothing from the sandbox and changes nothing in it`, async () => {
    const { url } = mocks[product].sandbox;
    await control(url, '/reset', { method: 'POST', body: {} });
    const read = await attack(url, operationsById[login].path, appHeaders(login), wrongCredentials, tenant.limits.maxPasswordAttempts);
    assert.deepEqual(
      read.filter((answer) => answer.type !== 'opaque' || answer.text !== ''),
      [],
      'every answer the page got is opaque and empty',
    );
    const { body } = await control(url, '/');
    assert.deepEqual(
      { offsetMs: body.state.offsetMs, lockouts: body.state.lockouts, failures: body.state.failures },
      { offsetMs: 0, lockouts: 0, failures: [] },
    );
  });
}
