// The MSW handlers as a frontend team uses them in its unit tests: msw/node's setupServer with
// sandboxHandlers, and each product's Arazzo flows (openapi/<product>/flows/) run step by step
// through the typed client from dist/, every criterion of every step met.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { createCiamClient } from '../../dist/ciam.js';
import { createEiamClient } from '../../dist/eiam.js';
import { sandboxHandlers } from '../../dist/msw.js';
import { flowFiles } from '../suites/flows/respect.js';
import { products } from '../../src/contract.js';
import { readFlows, runWorkflow } from './arazzo.js';

const createClient = { eiam: createEiamClient, ciam: createCiamClient };
const baseUrl = 'https://tenant.example.com';

for (const product of products) {
  describe(`${product} flows through msw/node`, () => {
    const sandbox = sandboxHandlers({ product: /** @type {'eiam' | 'ciam'} */ (product), baseUrl });
    const server = setupServer(...sandbox.handlers);
    before(() => server.listen({ onUnhandledRequest: 'error' }));
    after(() => server.close());

    for (const file of flowFiles(product)) {
      const document = readFlows(file);
      for (const workflow of document.workflows) {
        test(workflow.workflowId, async () => {
          sandbox.reset();
          const inputs = document.components.inputs[workflow.inputs.$ref.split('/').at(-1)].properties;
          // Made after listen(): the client keeps the fetch it finds, and MSW's is the one to find.
          const client = createClient[product]({
            baseUrl,
            clientId: inputs.clientId.default,
            device: { osVersion: inputs.operatingSysVersion.default, fingerprint: inputs.deviceFingerprint.default, agent: inputs.agent.default },
          });
          const ran = await runWorkflow({ product, document, workflow, client });
          assert.equal(ran.length, workflow.steps.length, `every step ran: ${JSON.stringify(ran)}`);
          assert.deepEqual(
            ran.filter((step) => step.failed.length),
            [],
            'every criterion met',
          );
        });
      }
    }
  });
}
