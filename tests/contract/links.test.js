// The links of each product's contract (which answer feeds which next call) point at real things: an
// operation of the same contract, a header that operation takes, and a field that the answer
// carries; and every call that takes a token from an earlier answer is reached by a link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deref, operations, products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';

// The headers that carry a token an earlier answer handed out, by component name.
const tokenHeaders = ['#/components/parameters/StateToken', '#/components/parameters/SessionToken'];

for (const product of products) {
  const bundle = bundles[product];
  const operationsById = new Map(operations(bundle).map((entry) => [entry.operation.operationId, entry]));

  const fieldsOf = (schema) => {
    const members = schema.oneOf ? schema.oneOf.map((member) => deref(bundle, member)) : [schema];
    return new Set(members.flatMap((member) => Object.keys(member.properties ?? {})));
  };

  const links = operations(bundle).flatMap(({ operation }) =>
    Object.entries(operation.responses).flatMap(([status, response]) =>
      Object.entries(response.links ?? {}).map(([name, link]) => ({ from: `${operation.operationId} ${status}`, name, link: deref(bundle, link), response })),
    ),
  );

  test(`${product}: every call that takes a token from an earlier answer is the target of a link`, () => {
    const takesToken = [...operationsById.values()]
      .filter(({ operation }) => (operation.parameters ?? []).some((parameter) => tokenHeaders.includes(parameter.$ref)))
      .map(({ operation }) => operation.operationId)
      .sort();
    assert.ok(takesToken.length > 0);
    assert.deepEqual([...new Set(links.map(({ link }) => link.operationId))].sort(), takesToken);
  });

  for (const { from, name, link, response } of links) {
    test(`${product} link ${name} from ${from} names a real operation, header and field`, () => {
      const target = operationsById.get(link.operationId)?.operation;
      assert.ok(target, `${link.operationId} is an operation of the ${product} contract`);
      const headers = target.parameters.map((parameter) => deref(bundle, parameter).name);
      const fields = fieldsOf(deref(bundle, response.content['application/json'].schema));
      for (const [parameter, expression] of Object.entries(link.parameters)) {
        const [location, header] = parameter.split('.');
        assert.equal(location, 'header');
        assert.ok(headers.includes(header), `${link.operationId} takes the header ${header}`);
        const field = /^\$response\.body#\/(\w+)$/.exec(expression)?.[1];
        assert.ok(fields.has(field), `the answer carries ${field}`);
      }
    });
  }
}
