// generated/ is committed for consumers; it must be exactly what the build makes from openapi/. Each
// product's bundle is rebuilt into a temporary folder and compared, and openapi-typescript checks
// its own output with --check, so a hand edit or a forgotten `npm run build` fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { products } from '../../src/contract.js';
import { root } from '../../scripts/lib/root.js';

const run = promisify(execFile);
const bin = (name) => join(root, 'node_modules', '.bin', name);
const redoclyApis = Object.entries(parse(await readFile(join(root, 'redocly.yaml'), 'utf8')).apis);

for (const product of products) {
  // Bundled by its root file: given an API name, redocly writes to the API's configured `output`
  // (generated/ itself) whatever `-o` says; given the root, it applies the same API's settings.
  const api = redoclyApis.find(([name]) => name.startsWith(`${product}@`))?.[1];

  for (const file of ['openapi.yaml', 'openapi.json']) {
    test(`generated/${product}/${file} is what redocly bundle makes of openapi/${product}/`, async () => {
      assert.ok(api, `redocly.yaml has an API for ${product}`);
      const dir = await mkdtemp(join(tmpdir(), 'drift-'));
      try {
        await run(bin('redocly'), ['bundle', api.root, '-o', join(dir, file)], { cwd: root });
        const [fresh, committed] = await Promise.all([readFile(join(dir, file), 'utf8'), readFile(join(root, 'generated', product, file), 'utf8')]);
        assert.ok(fresh === committed, `generated/${product}/${file} is stale or edited by hand: run npm run build`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  test(`generated/${product}/schema.d.ts is what openapi-typescript makes of the bundle`, async () => {
    const args = [`generated/${product}/openapi.json`, '-o', `generated/${product}/schema.d.ts`, '--redocly', 'scripts/typegen/redocly.yaml', '--check'];
    await assert.doesNotReject(
      run(bin('openapi-typescript'), args, { cwd: root }),
      `generated/${product}/schema.d.ts is stale or edited by hand: run npm run build`,
    );
  });
}
