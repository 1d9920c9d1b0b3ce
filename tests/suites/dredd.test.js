// The Dredd suite of each product, proved three ways: against the product's Prism every named
// example of its contract runs and keeps it; against a deliberately wrong server the suite fails and
// names each broken field; in server mode against the product's sandbox it runs the subset that is
// safe on a real tenant, skipping the rest with the reason.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { products } from '../../src/contract.js';
import { startPrism } from '../../scripts/lib/prism.js';
import { runDredd } from './dredd/run.js';
import { transactionsOf } from './dredd/scenarios.js';
import { breakerFor, startWrongServer } from './dredd/wrong-server.js';
import { sandboxTenant } from './dredd/sandbox-tenant.js';

function report(t, label, result) {
  t.diagnostic(`dredd, ${label}: ${result.summary ?? 'no summary line'}`);
  return `exit ${result.code}\n${result.output}`;
}

for (const product of products) {
  const transactions = transactionsOf(product);
  const names = new Set(transactions.keys());

  describe(`${product}: the Dredd suite`, () => {
    test(`runs every named example of the ${product} contract against its Prism, and every answer keeps it`, async (t) => {
      const prism = await startPrism({ product });
      t.after(prism.stop);
      const result = await runDredd({ product, endpoint: prism.url });
      const details = report(t, `${product} against Prism`, result);

      assert.equal(result.code, 0, details);
      assert.deepEqual(result.passed, names, details);
      assert.deepEqual(result.counts, { passing: names.size, failing: 0, errors: 0, skipped: 0, total: names.size });
    });

    test('fails against a server that breaks the contract, naming each broken field', async (t) => {
      const server = await startWrongServer(product);
      t.after(server.stop);
      const result = await runDredd({ product, endpoint: server.url });
      const details = report(t, `${product} against the wrong server`, result);

      const breaker = breakerFor(product);
      const broken = new Map(
        [...transactions].flatMap(([name, { operation, scenario }]) => {
          const breakage = breaker(operation, scenario);
          return breakage ? [[name, breakage]] : [];
        }),
      );
      assert.notEqual(result.code, 0, details);
      assert.ok(broken.size > 0 && broken.size < names.size, 'the wrong server breaks some answers, not all');
      assert.deepEqual(result.failed, new Set(broken.keys()), details);
      assert.equal(result.counts.passing, names.size - broken.size, details);
      for (const [name, { field, expected }] of broken) {
        assert.ok(result.failures.get(name)?.includes(expected), `${name}: the failure names ${field} (${expected}), got ${result.failures.get(name)}`);
      }
      const kinds = new Set([...broken.values()].map(({ kind }) => kind));
      assert.deepEqual(kinds, new Set(['wrong type', 'missing', 'undocumented value']), 'every kind of breakage is caught');
    });

    test('in server mode runs only what is safe on a real tenant, against the sandbox', async (t) => {
      const { start, env } = sandboxTenant(product);
      const sandbox = await start();
      t.after(sandbox.stop);
      const result = await runDredd({ product, endpoint: sandbox.url, target: 'server', env });
      const details = report(t, `${product} in server mode against the sandbox`, result);
      t.diagnostic(`skipped, with the reason: ${result.skippedNames.size}`);

      assert.equal(result.code, 0, details);
      assert.equal(result.counts.failing + result.counts.errors, 0, details);
      assert.equal(result.counts.total, names.size, details);
      assert.ok(result.counts.passing > 0 && result.counts.skipped > 0, details);
      for (const name of result.skippedNames) assert.match(name, /\(skipped: .+\)$/, 'a skipped transaction says why');
      const answered = [...result.passed].filter((name) => Number(transactions.get(name)?.scenario.status) < 300);
      assert.ok(answered.length > 0, `the test user's settings get real answers, not only errors: ${[...result.passed].join(', ')}`);
      // What would cost the test user: a wrong password counts towards the lockout.
      const unsafe = [...transactions].filter(([, { scenario }]) => /lockedOut|invalidCredentials|parameterError/.test(scenario.exampleName));
      assert.ok(unsafe.length > 0);
      for (const [name] of unsafe) {
        assert.ok(
          [...result.skippedNames].some((skipped) => skipped.startsWith(`${name} (skipped:`)),
          `${name} needs wrong passwords: skipped`,
        );
      }
    });
  });
}
