// The password policy of the contract's examples, read from `data` and used to check candidates:
// each rule that fails is named, with the tenant's tip; lengths count characters, not UTF-16 units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPassword, parsePasswordPolicy } from '../../dist/index.js';
import { bundle } from './fixtures.js';

const policyExamples = Object.entries(bundle.components.examples).filter(([, e]) => typeof e.value.data === 'string');

test('the contract has examples that carry a policy', () => {
  assert.ok(policyExamples.length > 0);
});

for (const [name, { value }] of policyExamples) {
  test(`the policy of ${name}`, () => {
    const policy = parsePasswordPolicy(value.data);
    assert.deepEqual(policy, JSON.parse(value.data));
    assert.deepEqual(checkPassword(policy, 'Demo-Passw0rd'), { ok: true });
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
