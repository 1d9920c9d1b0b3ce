// generated/ is committed for consumers; it must be exactly what the build makes from openapi/.
// The bundle is rebuilt into a temporary folder and compared, and openapi-typescript checks its own
// output with --check, so a hand edit or a forgotten `npm run build` fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from '../support/contract.js';

const run = promisify(execFile);
const bin = (name) => join(root, 'node_modules', '.bin', name);

for (const file of ['openapi.yaml', 'openapi.json']) {
  test(`generated/${file} is what redocly bundle makes of openapi/`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'drift-'));
    try {
      await run(bin('redocly'), ['bundle', 'idaas@v1', '-o', join(dir, file)], { cwd: root });
      const [fresh, committed] = await Promise.all([
        readFile(join(dir, file), 'utf8'),
        readFile(join(root, 'generated', file), 'utf8'),
      ]);
      assert.ok(fresh === committed, `generated/${file} is stale or edited by hand: run npm run build`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test('generated/schema.d.ts is what openapi-typescript makes of the contract', async () => {
  await assert.doesNotReject(
    run(bin('openapi-typescript'), ['--check'], { cwd: root }),
    'generated/schema.d.ts is stale or edited by hand: run npm run build',
  );
});
