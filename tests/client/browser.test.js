// The client in a real browser: dist/ bundled by esbuild for browsers, run in Chromium against a
// Prism mock (which answers CORS preflights), so that it needs nothing from Node at run time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startPrism } from '../support/prism.js';
import { app, bundle } from './fixtures.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

let prism;
let browser;
before(async () => {
  prism = await startPrism();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => {
  await browser?.close();
  await prism?.stop();
});

test('a login and a documented error, from a browser page', async () => {
  const { outputFiles } = await build({
    entryPoints: [`${root}dist/index.js`],
    bundle: true,
    format: 'iife',
    globalName: 'idaas',
    platform: 'browser',
    write: false,
  });
  const page = await browser.newPage();
  await page.addScriptTag({ content: outputFiles[0].text });
  const { examples } = bundle.components;
  const outcome = await page.evaluate(
    async ({ baseUrl, app, body }) => {
      const client = window.idaas.createIdaasClient({ baseUrl, ...app });
      const result = await client.loginByMobilePassword(body, { headers: { Prefer: 'code=200, example=passwordWarn' } });
      const error = await client
        .loginByMobilePassword(body, { headers: { Prefer: 'code=400, example=lockedOut' } })
        .catch((e) => e);
      return {
        status: result.status,
        policy: result.passwordPolicy,
        error: { isIdaasError: error instanceof window.idaas.IdaasError, code: error.code, minutes: error.lockout?.minutes },
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
