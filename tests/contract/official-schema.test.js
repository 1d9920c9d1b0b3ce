// Each product's bundle is valid against the official OpenAPI 3.1 JSON Schema, checked by a validator
// that is not Redocly's (@seriousme/openapi-schema-validator ships the schemas published with the spec).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Validator } from '@seriousme/openapi-schema-validator';
import { products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { root } from '../../scripts/lib/root.js';

async function validate(document) {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document));
  return { ...result, version: validator.version };
}

for (const product of products) {
  test(`generated/${product}/openapi.json is a valid OpenAPI 3.1 document`, async () => {
    const result = await validate(bundles[product]);
    assert.equal(result.version, '3.1');
    assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
  });

  test(`generated/${product}/openapi.yaml holds the same document as the JSON`, () => {
    assert.deepEqual(parse(readFileSync(`${root}generated/${product}/openapi.yaml`, 'utf8')), bundles[product]);
  });
}

test('the validator rejects a document that breaks the specification', async () => {
  const broken = structuredClone(bundles.eiam);
  delete broken.paths['/api/v2/sdk/sms/send'].post.responses['200'].description;
  const result = await validate(broken);
  assert.equal(result.valid, false);
});
