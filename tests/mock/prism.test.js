// The scenario mock: Prism serves every named example of every operation of the bundled contract,
// picked by the `Prefer` header or by the `__code` / `__example` query, and lets a browser app on
// another origin call it (CORS).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deref } from '../support/contract.js';
import { startPrism } from '../support/prism.js';
import { appHeaders, bundle, operations } from '../support/sandbox.js';
import { scenarioRows } from '../../scripts/scenarios.js';

let prism;
before(async () => {
  prism = await startPrism();
});
after(() => prism.stop());

const exampleValue = ({ operationId, code, name }) => {
  return deref(bundle, operations[operationId].responses[code].content['application/json'].examples[name]).value;
};
const validBody = (operationId) => {
  return JSON.stringify(deref(bundle, operations[operationId].requestBody.content['application/json'].examples.valid).value);
};
const send = (row, { query = '', headers = {} } = {}) =>
  fetch(`${prism.url}${row.path}${query}`, {
    method: row.method,
    headers: { ...appHeaders(row.operationId, { stateToken: 'any-state-token' }), ...headers },
    body: validBody(row.operationId),
  });

describe('every scenario of the README table can be picked', () => {
  const rows = scenarioRows(bundle);

  test('the table has a row for every named example and every body-less response', () => {
    const expected = Object.values(operations).flatMap((operation) =>
      Object.values(operation.responses).map((response) => Object.keys(response.content?.['application/json']?.examples ?? { '': 1 }).length),
    );
    assert.equal(rows.length, expected.reduce((sum, count) => sum + count, 0));
  });

  for (const row of rows) {
    test(`${row.operationId} ${row.code} ${row.name ?? '(no body)'}, by Prefer header and by query`, async () => {
      const prefer = row.name ? `code=${row.code}, example=${row.name}` : `code=${row.code}`;
      const query = row.name ? `?__code=${row.code}&__example=${row.name}` : `?__code=${row.code}`;
      for (const response of [await send(row, { headers: { Prefer: prefer } }), await send(row, { query })]) {
        assert.equal(response.status, Number(row.code));
        const text = await response.text();
        if (row.name) assert.deepEqual(JSON.parse(text), exampleValue(row));
        else assert.equal(text, '');
      }
    });
  }
});

describe('CORS', () => {
  const origin = 'http://localhost:5173';
  const row = { operationId: 'loginByMobilePassword', method: 'POST', path: operations.loginByMobilePassword.path };

  test('a preflight from another origin is allowed with the headers it asks for', async () => {
    const asked = Object.keys(appHeaders('loginByMobilePassword')).join(',');
    const response = await fetch(prism.url + row.path, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': asked },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), origin);
    assert.equal(response.headers.get('access-control-allow-headers'), asked);
  });

  test('an answer to another origin carries Access-Control-Allow-Origin', async () => {
    const response = await send(row, { headers: { Origin: origin } });
    await response.arrayBuffer();
    assert.equal(response.headers.get('access-control-allow-origin'), origin);
  });
});
