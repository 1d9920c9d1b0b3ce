// The Dredd suite against a real tenant, when one is configured: IDAAS_PRODUCT says which product the
// tenant is (a tenant is one or the other), and only that product's transactions that are safe on a
// tenant run (no wrong passwords or codes, no state or session tokens, no server faults); the rest
// are skipped with the reason. Without a tenant the tests are skipped, and the skip says what to set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { products } from '../../src/contract.js';
import { runDredd } from './dredd/run.js';

const settings = ['IDAAS_PRODUCT', 'IDAAS_BASE_URL', 'IDAAS_CLIENT_ID'];
const missing = settings.filter((name) => !process.env[name]);
const configured = process.env.IDAAS_PRODUCT ?? '';
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('IDAAS_')));

function skipFor(product) {
  if (missing.length) return `no tenant configured: set ${missing.join(', ')} (README, "Against a real tenant")`;
  if (configured !== product) return `the tenant is ${configured} (IDAAS_PRODUCT), not ${product}`;
  return false;
}

test('IDAAS_PRODUCT, when set, names a product', { skip: !configured && 'IDAAS_PRODUCT is not set' }, () => {
  assert.ok(products.includes(configured), `IDAAS_PRODUCT is ${configured}; the products are ${products.join(', ')}`);
});

for (const product of products) {
  test(`${product}: the Dredd transactions that are safe on a real tenant keep the contract`, { skip: skipFor(product) }, async (t) => {
    const result = await runDredd({ product, endpoint: process.env.IDAAS_BASE_URL, target: 'server', env });
    t.diagnostic(`dredd: ${result.summary ?? 'no summary line'}`);
    for (const name of result.skippedNames) t.diagnostic(`skip: ${name}`);
    assert.equal(result.code, 0, result.output);
    assert.ok(result.counts.passing > 0, result.output);
  });
}
