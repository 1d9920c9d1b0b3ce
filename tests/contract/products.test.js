// The two products stay apart: a tenant is EIAM or CIAM, so nothing in one product's contract may
// lead into the other. Each bundle is searched for the other product's error codes and for the
// operations and scenarios only the other product has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogue, operations, products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';

const operationIds = (product) => new Set(operations(bundles[product]).map(({ operation }) => operation.operationId));
// The code scenarios (`type` of the SMS and email sends) are the enums of the *Scenario schemas.
const scenarios = (product) =>
  new Set(Object.entries(bundles[product].components.schemas).flatMap(([name, schema]) => (name.endsWith('Scenario') ? schema.enum : [])));

for (const product of products) {
  const [other] = products.filter((candidate) => candidate !== product);
  const text = JSON.stringify(bundles[product]);

  test(`the ${product} contract names no ${other} error code`, () => {
    const leaked = catalogue(bundles[other])
      .map(({ code }) => code)
      .filter((code) => text.includes(code));
    assert.deepEqual(leaked, []);
  });

  test(`the ${product} contract names no operation or code scenario that only ${other} has`, () => {
    const own = new Set([...operationIds(product), ...scenarios(product)]);
    const foreign = [...operationIds(other), ...scenarios(other)].filter((name) => !own.has(name));
    assert.ok(foreign.length > 0, `${other} has operations of its own`);
    assert.deepEqual(
      foreign.filter((name) => new RegExp(`\\b${name}\\b`).test(text)),
      [],
    );
  });
}
