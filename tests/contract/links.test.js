// The links of the contract (which answer feeds which next call) point at real things: an
// operation of the contract, a header that operation takes, and a field that the answer carries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundle, deref, operations } from '../support/contract.js';

const byId = new Map(operations().map(({ operation }) => [operation.operationId, operation]));

function fieldsOf(schema) {
  const members = schema.oneOf ? schema.oneOf.map((member) => deref(bundle, member)) : [schema];
  return new Set(members.flatMap((member) => Object.keys(member.properties ?? {})));
}

const links = operations().flatMap(({ operation }) =>
  Object.entries(operation.responses).flatMap(([status, response]) =>
    Object.entries(response.links ?? {}).map(([name, link]) => ({ from: `${operation.operationId} ${status}`, name, link: deref(bundle, link), response })),
  ),
);

test('the contract links the logins that hand out a state token to the calls that take one', () => {
  const takesStateToken = [...byId.values()]
    .filter((operation) => operation.parameters.some((parameter) => parameter.$ref === '#/components/parameters/StateToken'))
    .map((operation) => operation.operationId)
    .sort();
  assert.deepEqual([...new Set(links.map(({ link }) => link.operationId))].sort(), takesStateToken);
});

for (const { from, name, link, response } of links) {
  test(`link ${name} from ${from} names a real operation, header and field`, () => {
    const target = byId.get(link.operationId);
    assert.ok(target, `${link.operationId} is an operation of the contract`);
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
