// Each product's Arazzo login flows (openapi/<product>/flows/): they lint, they use only that
// product's contract and facts it documents, their inputs are that product's fixture tenant, and
// `redocly respect` runs every workflow green against a fresh sandbox of that product.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import YAML from 'yaml';
import { operations, products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { root } from '../../scripts/lib/root.js';
import { forProduct, startSandbox } from '../../scripts/lib/sandbox-client.js';
import { flowFiles, runRedocly, runRespect } from './flows/respect.js';

// Whose account each workflow runs as: the fixture user of that behaviour, or the one reserved for lockouts.
const runsAs = {
  eiam: {
    passwordLogin: 'success',
    expiredPasswordChangeBySms: 'passwordExpired',
    warnedPasswordSkipped: 'passwordWarn',
    smsSecondFactor: 'mfaRequired',
    lockout: 'lockout',
  },
  ciam: {
    mobilePasswordLogin: 'success',
    expiredPasswordChange: 'passwordExpired',
    warnedPasswordSkipped: 'passwordWarn',
    emailCodeLogin: 'success',
    lockout: 'lockout',
    idTokenVerifiedAgainstKeys: 'success',
  },
};
const userInputs = { userName: 'userName', mobile: 'mobile', email: 'email' };

for (const product of products) {
  const files = flowFiles(product);
  const documents = files.map((file) => ({ file, document: YAML.parse(readFileSync(file, 'utf8'), { merge: true }) }));
  const workflows = documents.flatMap(({ document }) => document.workflows);
  const bundle = bundles[product];
  const kit = forProduct(product);
  const { tenant } = kit;
  const inputsOf = (document, workflow) => document.components.inputs[workflow.inputs.$ref.split('/').at(-1)].properties;

  describe(`${product} flows`, () => {
    test('the Arazzo flows lint clean', async (t) => {
      assert.ok(files.length > 0, `openapi/${product}/flows/ has flows`);
      const { code, output } = await runRedocly(['lint', '--lint-config', 'error', ...files]);
      t.diagnostic(`redocly lint: ${files.length} file(s), exit ${code}`);
      assert.equal(code, 0, output);
    });

    test(`the flows name only the ${product} contract, and use only values, operations and headers it documents`, () => {
      const documented = new Set();
      JSON.stringify(bundle.components.schemas, (key, value) => {
        if (key === 'const' && typeof value === 'string') documented.add(value);
        if (key === 'enum') for (const item of value) documented.add(item);
        return value;
      });
      const operationIds = new Set(operations(bundle).map(({ operation }) => operation.operationId));
      const headers = new Set(Object.values(bundle.components.parameters).map((parameter) => parameter.name));

      for (const { file, document } of documents) {
        assert.equal(document.sourceDescriptions.length, 1, `${file}: one source`);
        const [source] = document.sourceDescriptions;
        assert.equal(source.name, product);
        assert.equal(resolve(dirname(file), source.url), resolve(root, `openapi/${product}/openapi.yaml`));
        const steps = document.workflows.flatMap((workflow) => workflow.steps);
        for (const step of steps) {
          const [prefix, id] = [step.operationId.slice(0, step.operationId.lastIndexOf('.') + 1), step.operationId.split('.').at(-1)];
          assert.equal(prefix, `$sourceDescriptions.${product}.`, step.stepId);
          assert.ok(operationIds.has(id), `${step.stepId}: ${step.operationId}`);
          for (const criterion of step.successCriteria) {
            const literal = /== '([^']+)'$/.exec(criterion.condition)?.[1];
            if (literal) assert.ok(documented.has(literal), `${step.stepId}: ${literal} is not in the ${product} contract`);
          }
          const codeType = step.requestBody?.payload?.type;
          if (codeType) assert.ok(documented.has(codeType), `${step.stepId}: ${codeType} is not in the ${product} contract`);
        }
        const named = [...Object.values(document.components.parameters), ...steps.flatMap((step) => step.parameters ?? [])];
        for (const parameter of named.filter((candidate) => candidate.name)) assert.ok(headers.has(parameter.name), parameter.name);
      }
    });

    test(`the inputs default to the ${product} fixture tenant, each workflow to its own user`, () => {
      const others = products.filter((other) => other !== product).flatMap((other) => forProduct(other).tenant.users);
      for (const { document } of documents) {
        for (const workflow of document.workflows) {
          const inputs = inputsOf(document, workflow);
          const expected = runsAs[product][workflow.workflowId];
          assert.ok(expected, `${workflow.workflowId} is in the table of who runs what`);
          const user = expected === 'lockout' ? kit.lockoutUser : kit.user(expected);
          for (const [input, field] of Object.entries(userInputs)) {
            if (!inputs[input]) continue;
            assert.equal(inputs[input].default, user[field], `${workflow.workflowId}: ${input}`);
            assert.ok(
              !others.some((other) => Object.values(other).includes(inputs[input].default)),
              `${workflow.workflowId}: ${input} is no other product's user`,
            );
          }
          assert.equal(inputs.clientId.default, tenant.clientId);
          assert.equal(inputs.password.default, tenant.password);
          if (inputs.smsCode) assert.equal(inputs.smsCode.default, tenant.codes.sms);
          if (inputs.emailCode) assert.equal(inputs.emailCode.default, tenant.codes.email);
          if (inputs.pointJson) assert.deepEqual(JSON.parse(inputs.pointJson.default), JSON.parse(kit.solution));
          if (inputs.kid) assert.equal(inputs.kid.default, tenant.idToken.signingKey.kid);
        }
      }
    });

    test('a Base64url header a flow matches an id_token against names the key the flow expects', () => {
      for (const { document } of documents) {
        for (const workflow of document.workflows) {
          for (const criterion of workflow.steps.flatMap((step) => step.successCriteria)) {
            const encoded = /^\^(eyJ[\w-]+)\\\./.exec(criterion.type === 'regex' ? criterion.condition : '')?.[1];
            if (!encoded) continue;
            const header = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
            assert.equal(header.alg, 'RS256');
            assert.equal(header.kid, inputsOf(document, workflow).kid.default, workflow.workflowId);
            assert.ok(workflow.summary.includes(encoded) && workflow.summary.includes(JSON.stringify(header)), 'the summary says what the Base64url reads');
          }
        }
      }
    });

    test('every Arazzo workflow runs green against the sandbox', async (t) => {
      const sandbox = await startSandbox({ product });
      t.after(sandbox.stop);
      const result = await runRespect({ product, serverUrl: sandbox.url });
      t.diagnostic(`redocly respect: ${result.summary ?? 'no summary line'}`);
      assert.equal(result.code, 0, result.output);
      assert.equal(result.total, workflows.length, result.output);
      assert.equal(result.passed, workflows.length, result.output);
    });
  });
}
