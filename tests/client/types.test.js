// Type-checks the client's sources and types.test-d.ts with the repository's tsconfig, so that
// `npm test` fails when a misuse marked @ts-expect-error compiles or a correct use does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { root } from '../../scripts/lib/root.js';

// TypeScript's verdict does not depend on the Node that runs it: `npm test` runs this once, and the
// runs of `npm run test:runtime` on the other Nodes skip it.
const sameOnEveryNode = process.env.npm_lifecycle_event === 'test:runtime' && 'TypeScript checks alike on every Node; npm test runs it';

test('the client and its type tests compile', { skip: sameOnEveryNode }, async () => {
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', `${root}tsconfig.json`]).catch((e) => e);
  assert.equal(result.code ?? 0, 0, result.stdout);
});
