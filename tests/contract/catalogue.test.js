// Each product's error catalogue (components.schemas.ErrorCode) and its operations' examples tell one
// story: each code belongs to its product's family and names its vendor page; each code's example
// has its code, status and message; each operation shows exactly the codes the catalogue gives it;
// each status value of a result has its example and its discriminator entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogue, deref, operations, products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { messagePattern } from '../../scripts/lib/catalogue-messages.js';

// The vendor's two code families (its error lists and pages): EIAM `SDK.*`, CIAM `IDAAS.SDK.*`.
const family = { eiam: /^SDK\.[A-Z]+\.\d{4}$/, ciam: /^IDAAS\.SDK\.[A-Z]+\.\d{4}$/ };
const ourParts = new Set(['message.zh', 'measure.en', 'measure.zh']);

function placeholderIndices(template) {
  return [...new Set([...template.matchAll(/\{(\d+)\}/g)].map((match) => Number(match[1])))].sort();
}

for (const product of products) {
  const bundle = bundles[product];
  const entries = catalogue(bundle);
  const operationIds = operations(bundle).map(({ operation }) => operation.operationId);

  for (const entry of entries) {
    test(`${product} catalogue entry ${entry.code} is complete and consistent`, () => {
      assert.match(entry.code, family[product], `a ${product} code`);
      assert.ok([400, 500].includes(entry.httpStatus), 'HTTP status is 400 or 500');
      assert.match(entry.source, /^https:\/\/open\.bccastle\.com\/en\/development\//, 'names the vendor page that gives it');
      for (const part of entry.ours ?? []) assert.ok(ourParts.has(part), `${part} may be ours (the code and English message never are)`);
      for (const language of ['en', 'zh']) {
        assert.ok(entry.message[language], `message.${language}`);
        assert.ok(entry.measure[language], `measure.${language}`);
        assert.deepEqual(
          placeholderIndices(entry.message[language]),
          entry.placeholders.map((_, index) => index),
          `placeholders of message.${language}`,
        );
      }
      for (const placeholder of entry.placeholders) {
        assert.ok(placeholder.name && placeholder.meaning && placeholder.type, 'each placeholder has a name, a type and a meaning');
      }
      const inferred = entry.inferredFor ?? [];
      assert.ok(entry.operations.length + inferred.length > 0, 'applies to at least one operation');
      for (const id of [...entry.operations, ...inferred]) assert.ok(operationIds.includes(id), `${id} is an operation of ${product}`);
      if (inferred.length > 0) {
        assert.ok(entry.note, 'an inferred use says why in a note');
        assert.deepEqual(
          inferred.filter((id) => entry.operations.includes(id)),
          [],
          'inferred and documented do not overlap',
        );
      }
      const example = bundle.components.examples[entry.scenario];
      assert.ok(example, `example ${entry.scenario} exists`);
      assert.equal(example.value.error_code, entry.code);
      assert.match(example.value.error_msg, messagePattern(entry.message.en, entry.placeholders));
    });
  }

  test(`${product} catalogue: one scenario per code`, () => {
    const scenarios = entries.map((entry) => entry.scenario);
    assert.deepEqual([...new Set(scenarios)], scenarios);
  });

  for (const { operation } of operations(bundle)) {
    test(`${product} ${operation.operationId} shows exactly the error codes the catalogue gives it`, () => {
      const expected = entries
        .filter((entry) => entry.operations.includes(operation.operationId) || entry.inferredFor?.includes(operation.operationId))
        .map((entry) => `${entry.httpStatus} ${entry.scenario} ${entry.code}`)
        .sort();
      const shown = Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400)
        .flatMap(([status, response]) =>
          Object.entries(response.content['application/json'].examples).map(
            ([name, example]) => `${status} ${name} ${deref(bundle, example).value.error_code}`,
          ),
        )
        .sort();
      assert.deepEqual(shown, expected);
    });

    const success = operation.responses['200'].content?.['application/json'];
    const schema = success && deref(bundle, success.schema);
    if (!schema || !(schema.oneOf ?? [schema]).some((member) => deref(bundle, member).properties?.status)) continue;
    test(`${product} ${operation.operationId} has an example and a discriminator entry for every status value`, () => {
      const members = (schema.oneOf ?? [schema]).map((member) => [member.$ref, deref(bundle, member)]);
      const statuses = members.flatMap(([ref, member]) => {
        const status = member.properties.status;
        return (status.const !== undefined ? [status.const] : status.enum).map((value) => [value, ref]);
      });
      const exampleStatuses = Object.values(success.examples).map((example) => deref(bundle, example).value.status);
      for (const [status] of statuses) assert.ok(exampleStatuses.includes(status), `an example of ${status}`);
      if (schema.oneOf) {
        assert.equal(schema.discriminator?.propertyName, 'status');
        assert.deepEqual(Object.fromEntries(statuses), schema.discriminator.mapping);
      }
    });
  }
}
