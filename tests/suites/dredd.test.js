// The Dredd suite, proved three ways: against Prism every named example of the contract runs and
// keeps it; against a deliberately wrong server the suite fails and names the broken fields; in
// server mode against the sandbox it runs the subset that is safe on a real tenant, skipping the
// rest with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPrism } from '../support/prism.js';
import { startSandbox } from '../support/sandbox.js';
import * as tenant from '../../src/sandbox/tenant.js';
import { operations } from '../support/contract.js';
import { runDredd } from './dredd/run.js';
import { allTransactionNames, scenariosOf, transactionName } from './dredd/scenarios.js';
import { breakBody, startWrongServer, UNDOCUMENTED_STATUS } from './dredd/wrong-server.js';

const everyTransaction = new Set(allTransactionNames());

function report(t, result) {
  t.diagnostic(`dredd: ${result.summary ?? 'no summary line'}`);
  return `exit ${result.code}\n${result.output}`;
}

test('Dredd runs every named example of the contract against Prism, and every answer keeps it', async (t) => {
  const prism = await startPrism();
  t.after(prism.stop);
  const result = await runDredd({ endpoint: prism.url });
  const details = report(t, result);

  assert.equal(result.code, 0, details);
  assert.deepEqual(result.passed, everyTransaction, details);
  assert.deepEqual(result.counts, { passing: everyTransaction.size, failing: 0, errors: 0, skipped: 0, total: everyTransaction.size });
});

test('Dredd fails against a server that breaks the contract, naming each broken field', async (t) => {
  const server = await startWrongServer();
  t.after(server.stop);
  const result = await runDredd({ endpoint: server.url });
  const details = report(t, result);

  const broken = new Set(
    operations().flatMap(({ operation }) =>
      scenariosOf(operation)
        .filter(({ example }) => example && JSON.stringify(breakBody(example)) !== JSON.stringify(example))
        .map((scenario) => transactionName(operation, scenario)),
    ),
  );
  assert.notEqual(result.code, 0, details);
  assert.ok(broken.size > 0 && broken.size < everyTransaction.size, 'the wrong server breaks some answers, not all');
  assert.deepEqual(result.failed, broken, details);
  assert.equal(result.counts.passing, everyTransaction.size - broken.size, details);
  assert.match(result.output, /\/expire must be integer/);
  assert.match(result.output, /must have required property 'state_token'/);
  assert.match(result.output, new RegExp(`/status is "${UNDOCUMENTED_STATUS}"`));
});

test('Dredd in server mode runs only what is safe on a real tenant, against the sandbox', async (t) => {
  const sandbox = await startSandbox();
  t.after(sandbox.stop);
  const [account] = tenant.users;
  const result = await runDredd({
    endpoint: sandbox.url,
    target: 'server',
    env: { IDAAS_CLIENT_ID: tenant.clientId, IDAAS_TEST_MOBILE: account.mobile, IDAAS_TEST_PASSWORD: tenant.password, IDAAS_ALLOW_SMS: '1' },
  });
  const details = report(t, result);

  assert.equal(result.code, 0, details);
  assert.equal(result.counts.failing + result.counts.errors, 0, details);
  assert.equal(result.counts.total, everyTransaction.size, details);
  assert.ok(result.counts.passing > 0 && result.counts.skipped > 0, details);
  for (const name of result.skippedNames) assert.match(name, /\(skipped: .+\)$/, 'a skipped transaction says why');
  const unsafe = [...everyTransaction].filter((name) => /> (lockedOut|invalidCredentials)$/.test(name));
  assert.ok(unsafe.length > 0);
  for (const name of unsafe) {
    assert.ok([...result.skippedNames].some((skipped) => skipped.startsWith(`${name} (skipped:`)), `${name} needs wrong passwords: skipped`);
  }
});
