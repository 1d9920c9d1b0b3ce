// How the browser tests find Chromium (scripts/lib/chromium.js): the variable first, then a system
// browser, then the one shipped in an npm package. The packaged one is unpacked here into a temporary
// folder of this test's own, so that it is proven even on a machine whose system Chromium the other
// browser tests use, and so is the race of two test files unpacking it at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumVariable, findChromium } from '../../scripts/lib/chromium.js';

const scratch = async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'idaas-chromium-test-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

/** Starts `server` on a port of the system's choosing and gives its origin. */
const listen = async (server) => {
  await once(server.listen(0, '127.0.0.1'), 'listening');
  return `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
};

test('the variable wins over a system browser, and a wrong path in it is an error', async (t) => {
  const dir = await scratch(t);
  const [named, system] = [join(dir, 'named'), join(dir, 'system')];
  await Promise.all([writeFile(named, ''), writeFile(system, '')]);
  const found = await findChromium({ env: { [chromiumVariable]: named }, candidates: [system] });
  assert.deepEqual([found.source, found.executablePath], ['variable', named]);
  await assert.rejects(
    findChromium({ env: { [chromiumVariable]: join(dir, 'missing') }, candidates: [system] }),
    new RegExp(`^Error: ${chromiumVariable} names .*missing, which does not exist\\.$`),
  );
});

test('without the variable, the first system browser that exists', async (t) => {
  const dir = await scratch(t);
  const system = join(dir, 'chrome');
  await writeFile(system, '');
  const found = await findChromium({ env: {}, candidates: [join(dir, 'chromium'), system] });
  assert.deepEqual([found.source, found.executablePath], ['system', system]);
});

test('else the packaged Chromium, unpacked once although two callers race, enforcing CORS, surviving a closed page', async (t) => {
  const dir = await scratch(t);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  t.after(() => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  });
  const [first, second] = await Promise.all([findChromium({ env: {}, candidates: [] }), findChromium({ env: {}, candidates: [] })]);
  assert.equal(first.source, 'package');
  assert.equal(second.executablePath, first.executablePath);
  assert.ok(first.executablePath.startsWith(dir));
  accessSync(first.executablePath, constants.X_OK);
  assert.equal((await readdir(dir)).length, 1, 'the losing copy is removed');

  const browser = await chromium.launch({ executablePath: first.executablePath, args: first.args });
  t.after(() => browser.close());
  const other = createServer((_request, response) => response.end('not for other origins'));
  const otherOrigin = await listen(other);
  t.after(() => other.close());
  const app = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title>'));
  const appOrigin = await listen(app);
  t.after(() => app.close());

  await (await browser.newPage()).close();
  const page = await browser.newPage();
  await page.goto(`${appOrigin}/`);
  const outcome = await page.evaluate(
    (url) =>
      fetch(url).then(
        () => 'read',
        (error) => error.name,
      ),
    `${otherOrigin}/`,
  );
  assert.equal(outcome, 'TypeError', 'a cross-origin read without CORS headers fails');
});
