// The error catalogue (components.schemas.ErrorCode) and the operations' examples tell one story:
// each code's example has its code, status and message; each operation shows exactly the codes the
// catalogue gives it; each status value of a result has its example and its discriminator entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundle, catalogue, deref, messagePattern, operations } from '../support/contract.js';

const entries = catalogue();
const operationIds = operations().map(({ operation }) => operation.operationId);

function placeholderIndices(template) {
  return [...new Set([...template.matchAll(/\{(\d+)\}/g)].map((match) => Number(match[1])))].sort();
}

for (const entry of entries) {
  test(`catalogue entry ${entry.code} is complete and consistent`, () => {
    assert.ok([400, 500].includes(entry.httpStatus), 'HTTP status is 400 or 500');
    for (const language of ['en', 'zh']) {
      assert.ok(entry.message[language], `message.${language}`);
      assert.ok(entry.measure[language], `measure.${language}`);
      assert.deepEqual(placeholderIndices(entry.message[language]), entry.placeholders.map((_, index) => index), `placeholders of message.${language}`);
    }
    for (const placeholder of entry.placeholders) {
      assert.ok(placeholder.name && placeholder.meaning && placeholder.type, 'each placeholder has a name, a type and a meaning');
    }
    assert.ok(entry.operations.length > 0, 'documented by at least one operation');
    for (const id of [...entry.operations, ...(entry.inferredFor ?? [])]) assert.ok(operationIds.includes(id), `${id} is an operation`);
    if (entry.inferredFor) {
      assert.ok(entry.note, 'an inferred use says why in a note');
      assert.deepEqual(entry.inferredFor.filter((id) => entry.operations.includes(id)), [], 'inferred and documented do not overlap');
    }
    const example = bundle.components.examples[entry.scenario];
    assert.ok(example, `example ${entry.scenario} exists`);
    assert.equal(example.value.error_code, entry.code);
    assert.match(example.value.error_msg, messagePattern(entry.message.en, entry.placeholders));
  });
}

for (const { operation } of operations()) {
  test(`${operation.operationId} shows exactly the error codes the catalogue gives it`, () => {
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
  if (!success) continue;
  test(`${operation.operationId} has an example and a discriminator entry for every status value`, () => {
    const schema = deref(bundle, success.schema);
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
