// The try-it pages in a real browser (Chromium): served beside a /servers.json, as `npm start`
// serves them, each product's page sends a named request example, with the contract's example
// headers, to that product's sandbox and shows the status and the answer the sandbox gave; and asks
// the scenario mock for a named answer, which it shows. Served without /servers.json, as a copy of
// the published site is, the page says it sends nothing and sends nothing. On load, no page asks
// anything of any origin but its own.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { languages } from '../../scripts/docs/decorate.js';
import { serversPath, tryItPage, tryItPath } from '../../scripts/docs/try-it.js';
import { launchChromium } from '../../scripts/lib/chromium.js';
import { serveFolder } from '../../scripts/lib/static-server.js';
import { bundles, deref, operations, products } from '../support/contract.js';
import { startPrism } from '../support/prism.js';
import { forProduct, startSandbox } from '../support/sandbox.js';

let browser;
let folders;
const servers = {};
const sites = {};

async function writeSite(withServers) {
  const folder = await mkdtemp(join(tmpdir(), 'try-it-'));
  for (const product of products) {
    for (const lang of languages) {
      await mkdir(join(folder, tryItPath(product, lang)), { recursive: true });
      await writeFile(join(folder, tryItPath(product, lang), 'index.html'), tryItPage({ product, lang, bundle: bundles[product] }));
    }
  }
  if (withServers) {
    const urls = Object.fromEntries(products.map((product) => [product, { sandbox: servers[product].sandbox.url, mock: servers[product].mock.url }]));
    await writeFile(join(folder, serversPath), JSON.stringify(urls));
  }
  return folder;
}

before(async () => {
  const started = await Promise.all(
    products.map(async (product) => [product, { sandbox: await startSandbox({ product }), mock: await startPrism({ product }) }]),
  );
  Object.assign(servers, Object.fromEntries(started));
  folders = { local: await writeSite(true), published: await writeSite(false) };
  sites.local = await serveFolder(folders.local);
  sites.published = await serveFolder(folders.published);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const site of Object.values(sites)) await site.stop();
  for (const { sandbox, mock } of Object.values(servers)) await Promise.all([sandbox?.stop(), mock?.stop()]);
  for (const folder of Object.values(folders ?? {})) await rm(folder, { recursive: true, force: true });
});

/** A page in a fresh context that records the address of every request any of its pages makes. */
async function recordedPage() {
  const context = await browser.newContext();
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { page, requests };
}

const originOf = (url) => new URL(url).origin;

/**
 * The first operation that has a named request example and a named error answer; the error answer
 * is the last one the contract lists for it, so that the mock is asked for one it would not give
 * unasked.
 */
function exampleCall(product) {
  const bundle = bundles[product];
  for (const { path, method, operation } of operations(bundle)) {
    const requests = operation.requestBody?.content['application/json']?.examples;
    const errors = Object.entries(operation.responses).filter(([code, response]) => Number(code) >= 400 && response.content?.['application/json']?.examples);
    if (!requests || !errors.length) continue;
    const [requestName, requestExample] = Object.entries(requests).at(-1);
    const [code, response] = errors.at(-1);
    const [answerName, answerExample] = Object.entries(response.content['application/json'].examples).at(-1);
    const headers = Object.fromEntries(
      operation.parameters.map((parameter) => deref(bundle, parameter)).filter((parameter) => parameter.in === 'header').map((parameter) => [parameter.name.toLowerCase(), String(parameter.example)]),
    );
    return {
      path,
      method: method.toUpperCase(),
      operation,
      requestName,
      requestBody: deref(bundle, requestExample).value,
      headers,
      code: Number(code),
      answerName,
      answerBody: deref(bundle, answerExample).value,
    };
  }
  throw new Error(`${product} has no operation with a named request example and a named error answer`);
}

async function send(page, call, target) {
  const form = page.locator(`form[data-operation="${call.operation.operationId}"]`);
  await form.getByRole('button').waitFor({ state: 'visible' });
  await page.waitForFunction((id) => !document.querySelector(`form[data-operation="${id}"] button`).disabled, call.operation.operationId);
  const requestSelect = form.locator('[data-role=example]');
  const requestIndex = Object.keys(call.operation.requestBody.content['application/json'].examples).indexOf(call.requestName);
  await requestSelect.selectOption(String(requestIndex));
  await form.locator(`input[type=radio][value=${target}]`).check();
  if (target === 'mock') {
    const answer = form.locator('[data-role=answer]');
    const value = await answer.locator('option').evaluateAll((options, name) => options.find((option) => option.value.endsWith(`example=${name}`)).value, call.answerName);
    await answer.selectOption(value);
  }
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => candidate.url().endsWith(call.path) && candidate.request().method() === call.method),
    form.getByRole('button').click(),
  ]);
  const result = form.locator('[data-role=result]');
  await result.locator('pre').waitFor({ state: 'visible' });
  return { response, status: await result.locator('p').textContent(), body: JSON.parse(await result.locator('pre').textContent()) };
}

for (const product of products) {
  describe(`the ${product} try-it page, served as npm start serves it`, () => {
    const call = () => exampleCall(product);

    test('sends a named example with the contract’s headers to the sandbox, and shows its status and answer', async () => {
      const { page, requests } = await recordedPage();
      const { operationId } = call().operation;
      await page.goto(`${sites.local.url}/${tryItPath(product, 'en')}#${operationId}`);
      await page.locator(`#${operationId}`).waitFor();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(
        [...new Set(requests.map(originOf))],
        [sites.local.url],
        `on load the page asks only its own site: ${requests.join(', ')}`,
      );

      const { response, status, body } = await send(page, call(), 'sandbox');
      assert.equal(originOf(response.url()), servers[product].sandbox.url);
      const sent = response.request();
      assert.deepEqual(sent.postDataJSON(), call().requestBody, `the body of the example ${call().requestName}`);
      const sentHeaders = await sent.allHeaders();
      for (const [name, value] of Object.entries(call().headers)) assert.equal(sentHeaders[name], value, `header ${name}`);
      const text = await response.text();
      forProduct(product).assertConforms({
        method: call().method,
        path: call().path,
        language: call().headers[bundles[product].components.parameters.Language.name.toLowerCase()],
        status: response.status(),
        contentType: response.headers()['content-type'],
        text,
      });
      assert.match(status, new RegExp(`\\b${response.status()}\\b`));
      assert.deepEqual(body, JSON.parse(text));
      await page.context().close();
    });

    test('asks the scenario mock for a named answer, and shows it', async () => {
      const { page } = await recordedPage();
      await page.goto(`${sites.local.url}/${tryItPath(product, 'zh')}`);
      const { response, status, body } = await send(page, call(), 'mock');
      assert.equal(originOf(response.url()), servers[product].mock.url);
      assert.equal(response.status(), call().code);
      assert.match(status, new RegExp(`\\b${call().code}\\b`));
      assert.deepEqual(body, call().answerBody, `the example ${call().answerName}`);
      await page.context().close();
    });
  });
}

test('a copy of the site without /servers.json says so and sends nothing, even when asked to', async () => {
  for (const product of products) {
    for (const lang of languages) {
      const { page, requests } = await recordedPage();
      await page.goto(`${sites.published.url}/${tryItPath(product, lang)}`);
      await page.waitForLoadState('networkidle');
      const { operationId } = exampleCall(product).operation;
      const button = page.locator(`form[data-operation="${operationId}"]`).getByRole('button');
      assert.ok(await button.isDisabled(), `${product} ${lang}: the send button stays disabled`);
      await button.click({ force: true });
      await page.locator(`form[data-operation="${operationId}"]`).evaluate((form) => form.requestSubmit());
      assert.match(await page.locator('#servers').textContent(), /npm start/);
      assert.deepEqual([...new Set(requests.map(originOf))], [sites.published.url], `${product} ${lang}: ${requests.join(', ')}`);
      assert.deepEqual(
        requests.map((url) => new URL(url).pathname).filter((path) => path !== `/${tryItPath(product, lang)}`),
        [serversPath],
        `${product} ${lang}: the only other request is for ${serversPath}`,
      );
      await page.context().close();
    }
  }
});
