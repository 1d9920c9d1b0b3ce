// The contract suites against a real tenant, when one is configured: Dredd's safe subset (no
// wrong passwords, no state tokens, SMS only with IDAAS_ALLOW_SMS=1) and the password login flow.
// Without a tenant the tests are skipped, and the skip message says what to set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDredd } from './dredd/run.js';
import { runRespect } from './flows/respect.js';

const settings = ['IDAAS_BASE_URL', 'IDAAS_CLIENT_ID', 'IDAAS_TEST_MOBILE', 'IDAAS_TEST_PASSWORD'];
const missing = settings.filter((name) => !process.env[name]);
const skip = missing.length > 0 && `no tenant configured: set ${missing.join(', ')} (README, "Against a real tenant")`;
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('IDAAS_')));

test('Dredd: the transactions that are safe on a real tenant keep the contract', { skip }, async (t) => {
  const result = await runDredd({ endpoint: process.env.IDAAS_BASE_URL, target: 'server', env });
  t.diagnostic(`dredd: ${result.summary ?? 'no summary line'}`);
  for (const name of result.skippedNames) t.diagnostic(`skip: ${name}`);
  assert.equal(result.code, 0, result.output);
  assert.ok(result.counts.passing > 0, result.output);
});

test('Arazzo: password login against the tenant', { skip }, async (t) => {
  const result = await runRespect({
    serverUrl: process.env.IDAAS_BASE_URL,
    workflows: ['passwordLogin'],
    inputs: { clientId: process.env.IDAAS_CLIENT_ID, mobile: process.env.IDAAS_TEST_MOBILE, password: process.env.IDAAS_TEST_PASSWORD },
  });
  t.diagnostic(`redocly respect: ${result.summary ?? 'no summary line'}`);
  assert.equal(result.code, 0, result.output);
  assert.equal(result.passed, 1, result.output);
});
