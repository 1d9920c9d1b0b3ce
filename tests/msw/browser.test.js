// The MSW handlers in a browser's service worker, as a team runs them while it develops: a static
// page in Chromium registers mockServiceWorker.js (made by `msw init` into a temporary folder),
// starts msw/browser's worker with sandboxHandlers, and logs in through the typed client at its own
// origin. The static server of the page's folder is the only server: it must see the page's files and
// no API call at all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { launchChromium } from '../../scripts/lib/chromium.js';
import { forProduct } from '../../scripts/lib/sandbox-client.js';
import { root } from '../../scripts/lib/root.js';
import { serveFolder } from '../../scripts/lib/static-server.js';

const kit = forProduct('ciam');

let folder;
let server;
let browser;
const served = [];

// The page's script: the worker, the handlers and a login, as an app's dev entry would hold them.
const page = `
import { setupWorker } from 'msw/browser';
import { sandboxHandlers } from './dist/msw.js';
import { createCiamClient } from './dist/ciam.js';
window.login = async (device) => {
  const sandbox = sandboxHandlers({ product: 'ciam' });
  await setupWorker(...sandbox.handlers).start({ quiet: true, onUnhandledRequest: 'error', serviceWorker: { url: '/mockServiceWorker.js' } });
  const { clientId, password, users: [user] } = sandbox.tenant;
  const client = createCiamClient({ baseUrl: location.origin, clientId, device });
  const result = await client.loginByMobilePassword({ mobile: user.mobile, password });
  const wrong = await client.loginByMobilePassword({ mobile: user.mobile, password: password + '!' }).catch((error) => error);
  return { sessionToken: typeof result.session_token, sessions: sandbox.summary().state.sessions, code: wrong.code, remaining: wrong.remainingAttempts };
};
`;

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'idaas-msw-page-'));
  await promisify(execFile)(join(root, 'node_modules/.bin/msw'), ['init', folder, '--no-save'], { cwd: root });
  await build({
    stdin: { contents: page, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(folder, 'app.js'),
    logLevel: 'warning',
  });
  await writeFile(join(folder, 'index.html'), '<!doctype html><meta charset="utf-8"><title>Login</title><script type="module" src="/app.js"></script>');
  server = await serveFolder(folder, { onRequest: (request) => served.push(`${request.method} ${request.url}`) });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await rm(folder, { recursive: true, force: true });
});

test('a page logs in through the service worker, and no API call leaves it', { timeout: 60_000 }, async () => {
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  const origin = server.url;
  await tab.goto(`${origin}/`);
  // The page's script puts login() on its window, which the DOM's own types do not know; these
  // functions run in the page, so each casts for itself.
  await tab.waitForFunction(() => typeof (/** @type {any} */ (window).login) === 'function');
  const outcome = await tab.evaluate((device) => /** @type {any} */ (window).login(device), {
    osVersion: 'web',
    fingerprint: 'demo-browser-0001',
    agent: 'Chromium (fictitious test page)',
  });

  assert.deepEqual(errors, [], 'the page ran without errors');
  assert.equal(outcome.sessionToken, 'string', 'a session token came back');
  assert.equal(outcome.sessions, 1, "the worker's sandbox holds the session");
  assert.equal(outcome.code, kit.errorEntry('invalidCredentials')[0]);
  assert.equal(outcome.remaining, kit.tenant.limits.maxPasswordAttempts - 1);
  const apiPaths = new Set(Object.values(kit.operationsById).map((operation) => operation.path));
  assert.deepEqual(
    served.filter((line) => apiPaths.has(line.split(' ')[1].split('?')[0])),
    [],
    'no API call reached a server',
  );
  assert.ok(served.includes('GET /mockServiceWorker.js'), `the worker script was served: ${served.join(', ')}`);
});
