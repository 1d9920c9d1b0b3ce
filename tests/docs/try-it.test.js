// The try-it pages in a real browser (Chromium): served beside a /servers.json, as `npm start`
// serves them, each product's page sends a named request example, with the contract's example
// headers, to that product's sandbox and shows the status and the answer the sandbox gave; and asks
// the scenario mock for a named answer, which it shows. Served without /servers.json, as a copy of
// the published site is, the page says it sends nothing and sends nothing. On load, no page asks
// anything of any origin but its own; where /servers.json lists no server, it logs no error either.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { languages } from '../../scripts/docs/decorate.js';
import { tryItPage, tryItPath } from '../../scripts/docs/try-it.js';
import { serversPath } from '../../scripts/lib/docs-server.js';
import { launchChromium } from '../../scripts/lib/chromium.js';
import { serveFolder } from '../../scripts/lib/static-server.js';
import { deref, operations, products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { startPrism } from '../../scripts/lib/prism.js';
import { forProduct, startSandbox } from '../../scripts/lib/sandbox-client.js';

let browser;
let folders;
const servers = {};
const sites = {};

/** A site of every try-it page; `servers` is what its /servers.json says, or undefined for none. */
async function writeSite(servers) {
  const folder = await mkdtemp(join(tmpdir(), 'try-it-'));
  for (const product of products) {
    for (const lang of languages) {
      await mkdir(join(folder, tryItPath(product, lang)), { recursive: true });
      await writeFile(join(folder, tryItPath(product, lang), 'index.html'), tryItPage({ product, lang, bundle: bundles[product] }));
    }
  }
  if (servers) await writeFile(join(folder, serversPath), JSON.stringify(servers));
  return folder;
}

before(async () => {
  const started = await Promise.all(
    products.map(async (product) => [product, { sandbox: await startSandbox({ product }), mock: await startPrism({ product }) }]),
  );
  Object.assign(servers, Object.fromEntries(started));
  const urls = Object.fromEntries(products.map((product) => [product, { sandbox: servers[product].sandbox.url, mock: servers[product].mock.url }]));
  folders = { local: await writeSite(urls), published: await writeSite(undefined), empty: await writeSite({}) };
  for (const [name, folder] of Object.entries(folders)) sites[name] = await serveFolder(folder);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const site of Object.values(sites)) await site.stop();
  for (const { sandbox, mock } of Object.values(servers)) await Promise.all([sandbox?.stop(), mock?.stop()]);
  for (const folder of Object.values(folders ?? {})) await rm(folder, { recursive: true, force: true });
});

/**
 * A page in a fresh context that records the address of every request any of its pages makes, and
 * every console error and page error.
 */
async function recordedPage() {
  const context = await browser.newContext();
  const requests = [];
  const errors = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  context.on('weberror', (error) => errors.push(error.error().message));
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { page, requests, errors };
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
    const last = (list) => list[list.length - 1];
    const [requestName, requestExample] = last(Object.entries(requests));
    const [code, response] = last(errors);
    const [answerName, answerExample] = last(Object.entries(response.content['application/json'].examples));
    const headers = Object.fromEntries(
      operation.parameters
        .map((parameter) => deref(bundle, parameter))
        .filter((parameter) => parameter.in === 'header')
        .map((parameter) => [parameter.name.toLowerCase(), String(parameter.example)]),
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

/** Waits until the page has read /servers.json and lets the reader send `operationId`. */
const sendable = (page, operationId) =>
  page.waitForFunction((id) => document.querySelector(`form[data-operation="${id}"] button`)?.matches(':enabled'), operationId);

async function send(page, call, target) {
  const form = page.locator(`form[data-operation="${call.operation.operationId}"]`);
  await sendable(page, call.operation.operationId);
  const requestSelect = form.locator('[data-role=example]');
  const requestIndex = Object.keys(call.operation.requestBody.content['application/json'].examples).indexOf(call.requestName);
  await requestSelect.selectOption(String(requestIndex));
  await form.locator(`input[type=radio][value=${target}]`).check();
  if (target === 'mock') {
    const answer = form.locator('[data-role=answer]');
    const value = await answer
      .locator('option')
      .evaluateAll((options, name) => options.find((option) => option.value.endsWith(`example=${name}`)).value, call.answerName);
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
      await sendable(page, operationId);
      assert.deepEqual([...new Set(requests.map(originOf))], [sites.local.url], `on load the page asks only its own site: ${requests.join(', ')}`);

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

for (const [copy, how] of [
  ['published', 'without /servers.json'],
  ['empty', 'whose /servers.json lists no server'],
]) {
  test(`a copy of the site ${how} says so and sends nothing, even when asked to`, async () => {
    for (const product of products) {
      for (const lang of languages) {
        const { page, requests, errors } = await recordedPage();
        await Promise.all([
          page.waitForResponse((response) => new URL(response.url()).pathname === serversPath),
          page.goto(`${sites[copy].url}/${tryItPath(product, lang)}`),
        ]);
        const { operationId } = exampleCall(product).operation;
        const button = page.locator(`form[data-operation="${operationId}"]`).getByRole('button');
        assert.ok(await button.isDisabled(), `${product} ${lang}: the send button stays disabled`);
        await button.click({ force: true });
        await page.locator(`form[data-operation="${operationId}"]`).evaluate((form) => form.requestSubmit());
        assert.match(await page.locator('#servers').textContent(), /npm start/);
        assert.deepEqual([...new Set(requests.map(originOf))], [sites[copy].url], `${product} ${lang}: ${requests.join(', ')}`);
        assert.deepEqual(
          requests.map((url) => new URL(url).pathname).filter((path) => path !== `/${tryItPath(product, lang)}`),
          [serversPath],
          `${product} ${lang}: the only other request is for ${serversPath}`,
        );
        if (copy === 'empty') assert.deepEqual(errors, [], `${product} ${lang}: no console error`);
        await page.context().close();
      }
    }
  });
}
