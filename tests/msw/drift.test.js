// generated/<product>/sandbox-contract.json, the contract data the MSW entry carries, is what
// scripts/build-sandbox-contract.js makes from today's bundles: nothing stale is shipped, and the
// trim keeps no prose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { sandboxContract, sandboxContractPath } from '../../scripts/build-sandbox-contract.js';
import { products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';

const script = fileURLToPath(new URL('../../scripts/build-sandbox-contract.js', import.meta.url));

test('the generated sandbox contracts are up to date', async () => {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, '--check']).catch((error) => error);
  assert.equal(`${stdout}${stderr}`, '', 'run node scripts/build-sandbox-contract.js');
  for (const product of products) assert.deepEqual(JSON.parse(readFileSync(sandboxContractPath(product), 'utf8')), sandboxContract(bundles[product]));
});

test('the trim drops descriptions and error notes but keeps what the sandbox reads', () => {
  for (const product of products) {
    const trimmed = sandboxContract(bundles[product]);
    const text = JSON.stringify(trimmed);
    assert.ok(text.length < JSON.stringify(bundles[product]).length / 2, `${product}: under half the bundle`);
    assert.doesNotMatch(text, /"description":|"note":|"measure":/);
    const [entry] = trimmed.components.schemas.ErrorCode.oneOf;
    assert.deepEqual(
      Object.keys(entry['x-error']).sort(),
      ['httpStatus', 'inferredFor', 'message', 'operations', 'placeholders', 'scenario'].filter((key) => key in entry['x-error']).sort(),
    );
  }
});
