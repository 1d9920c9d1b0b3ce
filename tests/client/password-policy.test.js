// The password policy of both contracts' examples, read from `data` and used to check candidates:
// each rule that fails is named, with the tenant's tip; lengths count characters, not UTF-16 units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPassword, parsePasswordPolicy } from '../../dist/index.js';
import * as eiam from '../../dist/eiam.js';
import * as ciam from '../../dist/ciam.js';
import { bundles, products } from './fixtures.js';

const policyExamples = products.flatMap((product) =>
  Object.entries(bundles[product].components.examples)
    .filter(([, e]) => typeof e.value.data === 'string')
    .map(([name, example]) => [`${product} ${name}`, example]),
);

test('each contract has examples that carry a policy', () => {
  for (const product of products)
    assert.ok(
      policyExamples.some(([name]) => name.startsWith(`${product} `)),
      product,
    );
});

test('each product entry exports the one policy reader and checker', () => {
  for (const entry of [eiam, ciam]) {
    assert.equal(entry.checkPassword, checkPassword);
    assert.equal(entry.parsePasswordPolicy, parsePasswordPolicy);
  }
});

for (const [name, { value }] of policyExamples) {
  test(`the policy of ${name}`, () => {
    const policy = parsePasswordPolicy(value.data);
    assert.deepEqual(policy, JSON.parse(value.data));
    assert.deepEqual(checkPassword(policy, 'Demo-Passw0rd'), { ok: true });
    /** @type {[string, string[]][]} */
    const cases = [
      ['Ab1-', ['minLength']],
      ['Abcdefgh1-Abcdefgh1-', ['maxLength']],
      ['onlylowercase', ['regEx']],
      ['abc', ['minLength', 'regEx']],
    ];
    for (const [candidate, failed] of cases) {
      assert.deepEqual(checkPassword(policy, candidate), { ok: false, tip: policy.tip, failed }, candidate);
    }
  });
}

test('lengths count characters', () => {
  const policy = { minLength: 3, maxLength: 3, regEx: '^.+$', tip: 'three characters' };
  assert.deepEqual(checkPassword(policy, '😀😀😀'), { ok: true });
  assert.deepEqual(checkPassword(policy, '😀😀'), { ok: false, tip: 'three characters', failed: ['minLength'] });
});

test('data that is not a policy is refused', () => {
  assert.throws(() => parsePasswordPolicy('{"minLength":"8"}'), TypeError);
  assert.throws(() => parsePasswordPolicy('null'), TypeError);
  assert.throws(() => parsePasswordPolicy('not json'), SyntaxError);
});
