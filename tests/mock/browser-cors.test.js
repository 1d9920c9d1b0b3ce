// A browser app served from another origin can call both mocks of each product with the vendor's
// headers: a real Chromium page on one port fetches the sandbox and Prism on others, so CORS is
// checked the way a frontend team meets it (preflight included), not only by reading response headers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launchChromium } from '../../scripts/lib/chromium.js';
import { products } from '../support/contract.js';
import { startPrism } from '../support/prism.js';
import { forProduct, startSandbox } from '../support/sandbox.js';

const mocks = {};
let page;
let browser;
let app;
before(async () => {
  await Promise.all(
    products.map(async (product) => {
      const [sandbox, prism] = await Promise.all([startSandbox({ product }), startPrism({ product })]);
      mocks[product] = { sandbox, prism };
    }),
  );
  app = createServer((request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title>'));
  await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${app.address().port}/`);
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
      return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text(), reason: response.headers.get('x-sandbox-reason') };
    },
    { url, headers, body },
  );

for (const product of products) {
  const { tenant, appHeaders, assertConforms, errorEntry, operations, parameters } = forProduct(product);
  const login = Object.keys(operations).find((id) => id.startsWith('loginBy') && operations[id].requestBody);
  const { path } = operations[login];
  const language = parameters.Language.example;
  const headers = { ...appHeaders(login), [parameters.Language.name]: language };
  const [user] = tenant.users;
  const credentials = JSON.stringify(product === 'eiam' ? { user_name: user.userName, password: tenant.password } : { mobile: user.mobile, password: tenant.password });

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
