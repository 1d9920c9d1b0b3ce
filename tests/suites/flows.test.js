// The Arazzo login flows of openapi/flows/: they lint, they use only facts the contract documents,
// and `redocly respect` runs every workflow green against a fresh sandbox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { bundle, operations } from '../support/contract.js';
import { startSandbox } from '../support/sandbox.js';
import { flowFiles, flowsDir, runRedocly, runRespect } from './flows/respect.js';

const documents = flowFiles.map((file) => YAML.parse(readFileSync(file, 'utf8'), { merge: true }));
const workflows = documents.flatMap((document) => document.workflows);

test('the Arazzo flows lint clean', async (t) => {
  const { code, output } = await runRedocly(['lint', '--lint-config', 'error', ...flowFiles]);
  t.diagnostic(`redocly lint: ${flowFiles.length} file(s), exit ${code}`);
  assert.equal(code, 0, output);
});

test('the flows use only values, operations and headers that the contract documents', () => {
  const documented = new Set();
  JSON.stringify(bundle.components.schemas, (key, value) => {
    if (key === 'const' && typeof value === 'string') documented.add(value);
    if (key === 'enum') value.forEach((item) => documented.add(item));
    return value;
  });
  const operationIds = new Set(operations().map(({ operation }) => operation.operationId));
  const headers = new Set(Object.values(bundle.components.parameters).map((parameter) => parameter.name));

  for (const document of documents) {
    const steps = document.workflows.flatMap((workflow) => workflow.steps);
    for (const step of steps) {
      assert.ok(operationIds.has(step.operationId.split('.').at(-1)), `${step.stepId}: ${step.operationId}`);
      for (const criterion of step.successCriteria) {
        const literal = /== '([^']+)'$/.exec(criterion.condition)?.[1];
        if (literal) assert.ok(documented.has(literal), `${step.stepId}: ${literal} is not in the contract`);
      }
      const smsType = step.requestBody?.payload?.type;
      if (smsType) assert.ok(documented.has(smsType), `${step.stepId}: ${smsType} is not in the contract`);
    }
    const named = [...Object.values(document.components.parameters), ...steps.flatMap((step) => step.parameters ?? [])];
    for (const parameter of named.filter((p) => p.name)) assert.ok(headers.has(parameter.name), parameter.name);
  }
});

test('every Arazzo workflow runs green against the sandbox', async (t) => {
  const sandbox = await startSandbox();
  t.after(sandbox.stop);
  const result = await runRespect({ serverUrl: sandbox.url });
  t.diagnostic(`redocly respect: ${result.summary ?? 'no summary line'}`);
  assert.equal(result.code, 0, result.output);
  assert.equal(result.total, workflows.length, result.output);
  assert.equal(result.passed, workflows.length, result.output);
});
