// The scenario mode: every named example of both contracts (every row of the README's scenario
// tables, scripts/scenarios.js) is served by scenarioHandlers when a valid request asks for it with
// Prism's `Prefer` header or its query, and a one-line `answer(...)` fixes the pick in one test.
// Requests are still checked as the sandbox checks them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { scenarioRows, selectors } from '../../scripts/scenarios.js';
import { scenarioHandlers } from '../../dist/msw.js';
import { deref, products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { forProduct } from '../../scripts/lib/sandbox-client.js';

const baseUrl = 'https://tenant.example.com/idaas';

for (const product of products) {
  describe(`${product} scenario handlers`, () => {
    const bundle = bundles[product];
    const kit = forProduct(product);
    const scenarios = scenarioHandlers({ product: /** @type {'eiam' | 'ciam'} */ (product), baseUrl });
    const server = setupServer(...scenarios.handlers);
    before(() => server.listen({ onUnhandledRequest: 'error' }));
    after(() => server.close());

    // A request every check passes: the app's headers, any tokens, the operation's valid example.
    const send = (operationId, { headers = {}, query = '' } = {}) => {
      const operation = kit.operationsById[operationId];
      const body = kit.requestSchema(operationId) && JSON.stringify(kit.validBody(operationId));
      return fetch(`${baseUrl}${operation.path}${query}`, {
        method: operation.method,
        headers: { ...kit.appHeaders(operationId, { stateToken: 'any-state-token', sessionToken: 'any-session-token' }), ...headers },
        body,
      });
    };
    const exampleOf = (row) => {
      const response = deref(bundle, kit.operationsById[row.operationId].responses[row.code]);
      return row.name && deref(bundle, response.content['application/json'].examples[row.name]).value;
    };

    test('every named example is served for its Prefer header and for its query', async () => {
      const rows = scenarioRows(bundle);
      assert.ok(rows.length > 20, `${rows.length} scenarios`);
      for (const row of rows) {
        const { prefer, query } = selectors(row);
        for (const picked of [await send(row.operationId, { headers: { prefer } }), await send(row.operationId, { query })]) {
          const text = await picked.text();
          assert.equal(picked.status, Number(row.code), `${row.operationId} ${prefer}: ${text}`);
          assert.deepEqual(text ? JSON.parse(text) : undefined, exampleOf(row), `${row.operationId} ${prefer}`);
        }
      }
    });

    test('a request the sandbox would refuse is refused before any example is picked', async () => {
      const [row] = scenarioRows(bundle).filter((candidate) => kit.requestSchema(candidate.operationId));
      const answer = await send(row.operationId, { headers: { prefer: selectors(row).prefer, [kit.parameters.ClientId.name]: '' } });
      const body = await answer.json();
      assert.equal(answer.status, 400);
      assert.notDeepEqual(body, exampleOf(row));
      assert.ok(kit.catalogueByCode.has(body.error_code), `a vendor code: ${JSON.stringify(body)}`);
    });

    test('answer(...) fixes the pick for one test, and resetHandlers drops it', async () => {
      const row = scenarioRows(bundle).find((candidate) => candidate.code !== '200' && candidate.name);
      assert.ok(row, 'an error scenario with a named example');
      server.use(scenarios.answer(row.operationId, { code: row.code, example: /** @type {string} */ (row.name) }));
      const fixed = await send(row.operationId);
      assert.equal(fixed.status, Number(row.code));
      assert.deepEqual(await fixed.json(), exampleOf(row));
      server.resetHandlers();
      assert.equal((await send(row.operationId)).status, 200);
    });

    test('an example the contract does not have is the sandbox own 400, naming what there is', async () => {
      const [row] = scenarioRows(bundle);
      const answer = await send(row.operationId, { headers: { prefer: `code=${row.code}, example=noSuchExample` } });
      const body = await answer.json();
      assert.equal(answer.status, 400);
      assert.match(body.error_code, /^SANDBOX\./);
      assert.match(body.error_msg, new RegExp(String(row.name ?? row.code)));
    });
  });
}
