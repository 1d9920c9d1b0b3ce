// Type-checks the client's sources and types.test-d.ts with the repository's tsconfig, so that
// `npm test` fails when a misuse marked @ts-expect-error compiles or a correct use does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { root } from '../../scripts/lib/root.js';

test('the client and its type tests compile', async () => {
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', `${root}tsconfig.json`]).catch((e) => e);
  assert.equal(result.code ?? 0, 0, result.stdout);
});
