// Every operation and every named example of each product's contract, through that product's
// client, against a Prism mock of the product's bundle: successes resolve with the example (plus
// the parsed password policy), errors reject with an IdaasError that carries the example's status,
// code, message and figures.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPrism } from '../../scripts/lib/prism.js';
import { root } from '../../scripts/lib/root.js';
import { IdaasError } from '../../dist/index.js';
import { productFixtures, products } from './fixtures.js';

for (const product of products) {
  describe(product, () => {
    const { calls, invoke, create, resolve, catalogue } = productFixtures(product);
    const catalogueByCode = new Map(catalogue.map((entry) => [entry.code, entry]));

    let prism;
    let client;
    before(async () => {
      prism = await startPrism({ spec: `${root}generated/${product}/openapi.yaml` });
      client = create({ baseUrl: prism.url });
    });
    after(() => prism?.stop());

    for (const operation of calls) {
      const { op } = operation;
      describe(op.operationId, () => {
        const call = (prefer) => invoke(client, operation, { headers: { Prefer: prefer } });

        for (const [httpStatus, response] of Object.entries(op.responses)) {
          const examples = Object.entries(response.content?.['application/json']?.examples ?? {});
          const ok = Number(httpStatus) < 300;

          if (examples.length === 0) {
            test(`${httpStatus} without a body resolves undefined`, async () => {
              assert.ok(ok, `the contract gives ${httpStatus} no example`);
              assert.equal(await call(`code=${httpStatus}`), undefined);
            });
          }

          for (const [name, ref] of examples) {
            const { value } = resolve(ref);
            test(`${httpStatus} ${name}`, async () => {
              const prefer = `code=${httpStatus}, example=${name}`;
              if (ok) {
                const { passwordPolicy, ...result } = await call(prefer);
                assert.deepEqual(result, value);
                assert.deepEqual(passwordPolicy, typeof value.data === 'string' ? JSON.parse(value.data) : undefined);
                return;
              }
              const error = await call(prefer).then(
                () => assert.fail('the call resolved'),
                (e) => e,
              );
              assert.ok(error instanceof IdaasError);
              assert.equal(error.kind, 'http');
              assert.equal(error.httpStatus, Number(httpStatus));
              assert.equal(error.code, value.error_code);
              assert.equal(error.message, value.error_msg);
              assert.equal(error.is(value.error_code), true);
              const placeholders = catalogueByCode.get(value.error_code).placeholders;
              assert.deepEqual(
                Object.keys(error.params),
                placeholders.map((p) => p.name),
              );
              for (const { name, type } of placeholders) {
                assert.equal(typeof error.params[name], type === 'integer' ? 'number' : 'string');
                assert.ok(value.error_msg.includes(String(error.params[name])));
              }
            });
          }
        }
      });
    }
  });
}
