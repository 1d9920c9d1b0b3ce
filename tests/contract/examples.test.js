// Every example in each product's contract is valid against the schema it illustrates, checked with a
// JSON Schema 2020-12 validator: named request and response examples, parameter examples, and the
// `example` of every schema and property.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createValidators, deref, operations, pointer, products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';

// Walks every schema of components.schemas and yields [pointer, schema] for each one with an example.
function* schemasWithExamples(node, parts) {
  if (!node || typeof node !== 'object') return;
  if ('example' in node && !('$ref' in node && Object.keys(node).length === 1)) yield [pointer(...parts), node];
  for (const [key, child] of Object.entries(node)) {
    if (key === 'example' || key.startsWith('x-')) continue;
    yield* schemasWithExamples(child, [...parts, key]);
  }
}

for (const product of products) {
  const bundle = bundles[product];
  const validatorAt = createValidators(bundle);

  function check(where, schemaPointer, value) {
    const validate = validatorAt(schemaPointer);
    assert.ok(validate(value), `${where}: ${JSON.stringify(validate.errors, null, 2)}`);
  }

  const mediaTypes = operations(bundle).flatMap(({ path, method, operation }) => {
    const bodies = [[['paths', path, method, 'requestBody'], operation.requestBody]];
    for (const [status, response] of Object.entries(operation.responses)) {
      bodies.push([['paths', path, method, 'responses', status], response]);
    }
    return bodies.flatMap(([parts, body]) =>
      Object.entries(body?.content ?? {}).map(([type, media]) => ({
        name: `${product} ${operation.operationId} ${parts.at(-1)}`,
        schemaPointer: pointer(...parts, 'content', type, 'schema'),
        examples: media.examples ?? {},
      })),
    );
  });

  test(`${product}: every body of every operation has named examples`, () => {
    const bare = mediaTypes.filter(({ examples }) => Object.keys(examples).length === 0).map(({ name }) => name);
    assert.deepEqual(bare, []);
  });

  for (const { name, schemaPointer, examples } of mediaTypes) {
    for (const [exampleName, example] of Object.entries(examples)) {
      test(`${name} example "${exampleName}" is valid`, () => {
        check(`${name} ${exampleName}`, schemaPointer, deref(bundle, example).value);
      });
    }
  }

  test(`${product}: every header example is valid against its schema`, () => {
    for (const [key, parameter] of Object.entries(bundle.components.parameters)) {
      assert.ok('example' in parameter, `${key} has no example`);
      check(key, pointer('components', 'parameters', key, 'schema'), parameter.example);
    }
  });

  const schemaExamples = [...schemasWithExamples(bundle.components.schemas, ['components', 'schemas'])];

  test(`${product}: every property of every schema has an example to check`, () => {
    const missing = Object.entries(bundle.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([, property]) => !('example' in property) && !('example' in deref(bundle, property)))
        .map(([property]) => `${name}.${property}`),
    );
    assert.deepEqual(missing, []);
  });

  for (const [at, schema] of schemaExamples) {
    test(`${product} schema example at ${at.slice('#/components/schemas/'.length)} is valid`, () => {
      check(at, at, schema.example);
    });
  }

  test(`${product}: the password policy in every data example is a valid PasswordPolicy`, () => {
    const policy = validatorAt('#/components/schemas/PasswordPolicy');
    const withData = Object.entries(bundle.components.examples).filter(([, example]) => typeof example.value?.data === 'string');
    assert.ok(withData.length > 0, 'no example carries a password policy');
    for (const [name, example] of withData) {
      const parsed = JSON.parse(example.value.data);
      assert.ok(policy(parsed), `${name}: ${JSON.stringify(policy.errors)}`);
      assert.doesNotThrow(() => new RegExp(parsed.regEx, 'u'), `${name}: regEx is not a JavaScript regular expression`);
    }
  });
}
