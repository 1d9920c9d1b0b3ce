// generated/<product>/client-contract.js and .d.ts are committed: regenerating them from each
// product's bundle must give the same files, or a client ships facts that its contract no longer
// states.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { products } from './fixtures.js';
import { root } from '../../scripts/lib/root.js';

test('regenerating the client contract changes nothing', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'client-contract-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const product of products) await mkdir(join(dir, product));
  await promisify(execFile)(process.execPath, [join(root, 'scripts/build-client-contract.js'), dir]);
  for (const product of products) {
    for (const file of [`${product}/client-contract.js`, `${product}/client-contract.d.ts`]) {
      const fresh = await readFile(join(dir, file), 'utf8');
      const committed = await readFile(join(root, 'generated', file), 'utf8');
      assert.equal(committed, fresh, `generated/${file} is stale: run npm run build:types`);
    }
  }
});
