// One behaviour, two adapters: the same requests through the Node sandbox (over HTTP) and through
// the MSW handlers (msw/node, at the same URL) get identical statuses and bodies. The requests are,
// for every fixture scenario of both products (each row of scripts/scenarios.js), that row's call
// with the app's headers, the operation's valid example and the row's Prefer header and query, in
// English and in Chinese; and every step of every Arazzo flow, which walks the stateful paths
// (logins, lockouts, codes, tokens). Secrets drawn at random are compared by shape, id_tokens by
// header and claims (their iat and exp by the second they fall in, which may differ by one).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { createCiamClient } from '../../dist/ciam.js';
import { createEiamClient } from '../../dist/eiam.js';
import { sandboxHandlers } from '../../dist/msw.js';
import { scenarioRows, selectors } from '../../scripts/scenarios.js';
import { flowFiles } from '../suites/flows/respect.js';
import { products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { control, forProduct, startSandbox } from '../../scripts/lib/sandbox-client.js';
import { readFlows, runWorkflow } from './arazzo.js';

const createClient = { eiam: createEiamClient, ciam: createCiamClient };
const secrets = new Set(['state_token', 'session_token', 'token', 'secretKey', 'captcha_token']);

const decode = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
function comparable(body) {
  return JSON.parse(JSON.stringify(body ?? null), (key, value) => {
    if (secrets.has(key) && typeof value === 'string') return `<secret of ${value.length} characters>`;
    if (key === 'id_token' && typeof value === 'string') {
      const [header, claims] = value.split('.');
      const { iat, exp, ...rest } = decode(claims);
      return { header: decode(header), claims: rest, lifetime: exp - iat };
    }
    return value;
  });
}

for (const product of products) {
  describe(`${product}: the Node sandbox and the MSW handlers answer alike`, () => {
    const kit = forProduct(product);
    let sandbox;
    let handlers;
    let server;
    before(async () => {
      sandbox = await startSandbox({ product });
      handlers = sandboxHandlers({ product: /** @type {'eiam' | 'ciam'} */ (product), baseUrl: sandbox.url });
      server = setupServer(...handlers.handlers);
    });
    after(async () => {
      server.close();
      await sandbox.stop();
    });

    // Runs `requests` on the Node sandbox, then on the MSW handlers at the same URL, each from a
    // fresh state; answers both lists of answers, and asserts that MSW answered every call of its
    // turn (none reached the Node sandbox).
    async function bothWays(requests) {
      await control(sandbox.url, '/reset', { method: 'POST' });
      const viaNode = await requests();
      let mocked = 0;
      const count = () => {
        mocked += 1;
      };
      server.events.on('response:mocked', count);
      server.listen({ onUnhandledRequest: 'error' });
      try {
        handlers.reset();
        const viaMsw = await requests();
        assert.equal(mocked, viaMsw.length, 'MSW answered every call');
        return { viaNode, viaMsw };
      } finally {
        server.events.removeListener('response:mocked', count);
        server.close();
      }
    }

    test('every fixture scenario: the row call, in English and in Chinese', async () => {
      const rows = scenarioRows(bundles[product]);
      const calls = rows.flatMap((row) => ['en', 'zh'].map((language) => ({ row, language })));
      const { viaNode, viaMsw } = await bothWays(async () => {
        const answers = [];
        for (const { row, language } of calls) {
          const operation = kit.operationsById[row.operationId];
          const { prefer, query } = selectors(row);
          const response = await fetch(`${sandbox.url}${operation.path}${query}`, {
            method: operation.method,
            headers: {
              ...kit.appHeaders(row.operationId, { stateToken: 'a-state-token', sessionToken: 'a-session-token' }),
              prefer,
              [kit.parameters.Language.name]: language,
            },
            body: kit.requestSchema(row.operationId) ? JSON.stringify(kit.validBody(row.operationId)) : undefined,
          });
          const text = await response.text();
          answers.push({ call: `${row.operationId} ${prefer} ${language}`, status: response.status, body: comparable(text ? JSON.parse(text) : undefined) });
        }
        return answers;
      });
      assert.equal(viaMsw.length, rows.length * 2);
      assert.deepEqual(viaMsw, viaNode);
    });

    for (const file of flowFiles(product)) {
      const document = readFlows(file);
      test(`every step of the Arazzo flows of ${file.split('/').at(-1)}`, async () => {
        const { viaNode, viaMsw } = await bothWays(async () => {
          const steps = [];
          for (const workflow of document.workflows) {
            const inputs = document.components.inputs[workflow.inputs.$ref.split('/').at(-1)].properties;
            const client = createClient[product]({
              baseUrl: sandbox.url,
              clientId: inputs.clientId.default,
              device: { osVersion: inputs.operatingSysVersion.default, fingerprint: inputs.deviceFingerprint.default, agent: inputs.agent.default },
            });
            for (const step of await runWorkflow({ product, document, workflow, client })) {
              steps.push({ step: `${workflow.workflowId}.${step.stepId}`, status: step.status, body: comparable(step.body), failed: step.failed });
            }
          }
          return steps;
        });
        assert.equal(
          viaMsw.length,
          document.workflows.reduce((sum, workflow) => sum + workflow.steps.length, 0),
        );
        assert.deepEqual(viaMsw, viaNode);
      });
    }
  });
}
