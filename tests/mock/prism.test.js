// The scenario mock, one Prism per product: each serves every named example of every operation of
// its own product's contract, picked by the `Prefer` header or by the `__code` / `__example` query,
// and lets a browser app on another origin call it (CORS). `npm run mock:<product>` serves the same
// bundle the tests serve, on a port of its own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { deref, operations, products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { specOf, startPrism } from '../../scripts/lib/prism.js';
import { root } from '../../scripts/lib/root.js';
import { mockScript, scenarioRows, selectors } from '../../scripts/scenarios.js';

const JSON_TYPE = 'application/json';
const scripts = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).scripts;

/** The headers a well-behaved app sends to an operation: each header parameter's own example. */
function headersOf(bundle, operation) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const parameter of (operation.parameters ?? []).map((each) => deref(bundle, each))) {
    if (parameter.in === 'header') headers[parameter.name] = String(parameter.example);
  }
  return headers;
}

function requestOf(bundle, operation) {
  const media = operation.requestBody?.content[JSON_TYPE];
  if (!media) return { headers: headersOf(bundle, operation) };
  const [example] = Object.values(media.examples);
  return {
    headers: { ...headersOf(bundle, operation), 'content-type': JSON_TYPE },
    body: JSON.stringify(deref(bundle, example).value),
  };
}

test('each product has its own mock script, serving its own bundle on its own port', () => {
  const ports = products.map((product) => {
    const command = scripts[mockScript(product)];
    assert.ok(command, `package.json has ${mockScript(product)}`);
    assert.match(command, new RegExp(`^prism mock ${relative(root, specOf(product)).replaceAll('.', '\\.')} `));
    return /--port (\d+)/.exec(command)?.[1];
  });
  assert.ok(ports.every(Boolean), 'every mock script names its port');
  assert.equal(new Set(ports).size, products.length, 'the products can be mocked at the same time');
});

for (const product of products) {
  const bundle = bundles[product];
  const operationsById = new Map(operations(bundle).map((entry) => [entry.operation.operationId, entry]));

  describe(`${product}: the scenario mock`, () => {
    let prism;
    before(async () => {
      prism = await startPrism({ product });
    });
    after(() => prism?.stop());

    const send = (row, { query = '', headers = {} } = {}) => {
      const { operation } = operationsById.get(row.operationId) ?? assert.fail(`${row.operationId} is an operation of ${product}`);
      const request = requestOf(bundle, operation);
      return fetch(`${prism.url}${row.path}${query}`, { method: row.method, body: request.body, headers: { ...request.headers, ...headers } });
    };

    describe('every scenario of the README table can be picked', () => {
      const rows = scenarioRows(bundle);

      test('the table has a row for every named example and every body-less response', () => {
        const expected = operations(bundle).flatMap(({ operation }) =>
          Object.values(operation.responses).map((response) => Object.keys(response.content?.[JSON_TYPE]?.examples ?? { '': 1 }).length),
        );
        assert.equal(
          rows.length,
          expected.reduce((sum, count) => sum + count, 0),
        );
      });

      for (const row of rows) {
        test(`${row.operationId} ${row.code} ${row.name ?? '(no body)'}, by Prefer header and by query`, async () => {
          const { prefer, query } = selectors(row);
          const { operation } = operationsById.get(row.operationId) ?? assert.fail(`${row.operationId} is an operation of ${product}`);
          const media = operation.responses[row.code].content?.[JSON_TYPE];
          for (const response of [await send(row, { headers: { Prefer: prefer } }), await send(row, { query })]) {
            assert.equal(response.status, Number(row.code));
            const text = await response.text();
            if (row.name) assert.deepEqual(JSON.parse(text), deref(bundle, media.examples[row.name]).value);
            else assert.equal(text, '');
          }
        });
      }
    });

    test("the other product's own operations are not served here", async () => {
      const foreign = products
        .filter((other) => other !== product)
        .flatMap((other) => operations(bundles[other]).map((each) => ({ ...each, other })))
        .filter(({ path, method }) => !bundle.paths[path]?.[method]);
      assert.ok(foreign.length > 0, 'the products differ');
      for (const { path, method, operation, other } of foreign) {
        const { headers, body } = requestOf(bundles[other], operation);
        const response = await fetch(prism.url + path, { method: method.toUpperCase(), headers, body });
        await response.arrayBuffer();
        assert.ok([404, 405].includes(response.status), `${other} ${operation.operationId} (${method} ${path}) answers ${response.status}`);
      }
    });

    describe('CORS', () => {
      const origin = 'http://localhost:5173';
      // The operation with the most headers, so that the preflight asks for all of them.
      const [entry] = operations(bundle).toSorted(
        (a, b) => Object.keys(headersOf(bundle, b.operation)).length - Object.keys(headersOf(bundle, a.operation)).length,
      );
      const row = { operationId: entry.operation.operationId, method: entry.method.toUpperCase(), path: entry.path };

      test('a preflight from another origin is allowed with the headers it asks for', async () => {
        const asked = Object.keys(requestOf(bundle, entry.operation).headers).join(',');
        const response = await fetch(prism.url + row.path, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': row.method, 'Access-Control-Request-Headers': asked },
        });
        assert.equal(response.status, 204);
        assert.equal(response.headers.get('access-control-allow-origin'), origin);
        assert.equal(response.headers.get('access-control-allow-headers'), asked);
      });

      test('an answer to another origin carries Access-Control-Allow-Origin', async () => {
        const response = await send(row, { headers: { Origin: origin } });
        await response.arrayBuffer();
        assert.ok(response.ok, `${row.operationId} answers ${response.status}`);
        assert.equal(response.headers.get('access-control-allow-origin'), origin);
      });
    });
  });
}
