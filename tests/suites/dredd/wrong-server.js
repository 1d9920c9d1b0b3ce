// A deliberately wrong server for one product, to prove that its Dredd suite fails when a server
// breaks the contract. It answers like Prism (the example that `Prefer` asks for) but breaks every
// result body in one of three ways, read from the result's schema: an integer field sent as a string,
// else a required field left out, else a discriminator (`status`) value the contract does not
// document. Error bodies and body-less answers are served unchanged, so the suite must also pass what
// is right.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createValidators, deref, operations } from '../../../src/contract.js';
import { bundles } from '../../../scripts/lib/loaded-bundles.js';
import { JSON_TYPE, scenariosOf } from './scenarios.js';

export const UNDOCUMENTED_STATUS = 'SOMETHING_ELSE';

// The schema an example is an instance of: its response's schema, or the `oneOf` branch it matches.
function schemaOf(bundle, validatorAt, response, example) {
  const schema = deref(bundle, response.content[JSON_TYPE].schema);
  if (!schema.oneOf) return schema;
  return deref(
    bundle,
    schema.oneOf.find((branch) => validatorAt(branch.$ref)(example)),
  );
}

/**
 * How the wrong server breaks one scenario of `product`: { body, field, kind, expected } where `expected`
 * is what the suite's failure must say about `field`, or undefined for an answer served unchanged.
 */
export function breakerFor(product) {
  const bundle = bundles[product];
  const validatorAt = createValidators(bundle);
  const discriminators = new Set(Object.values(bundle.components.schemas).flatMap((schema) => schema.discriminator?.propertyName ?? []));
  return (operation, { status, example }) => {
    if (!example || Number(status) >= 300) return undefined;
    const schema = schemaOf(bundle, validatorAt, operation.responses[status], example);
    const property = (field) => deref(bundle, schema.properties[field]);
    const body = structuredClone(example);
    const integer = Object.keys(body).find((field) => property(field)?.type === 'integer');
    if (integer) {
      body[integer] = String(body[integer]);
      return { body, field: integer, kind: 'wrong type', expected: `/${integer} must be integer` };
    }
    const required = (schema.required ?? []).filter((field) => field in body && !discriminators.has(field));
    if (required.length) {
      const field = required.at(-1);
      delete body[field];
      return { body, field, kind: 'missing', expected: `must have required property '${field}'` };
    }
    const discriminator = Object.keys(body).find((field) => discriminators.has(field));
    if (discriminator) {
      body[discriminator] = UNDOCUMENTED_STATUS;
      return { body, field: discriminator, kind: 'undocumented value', expected: `/${discriminator} is "${UNDOCUMENTED_STATUS}"` };
    }
    return undefined;
  };
}

export async function startWrongServer(product) {
  const bundle = bundles[product];
  const breaker = breakerFor(product);
  const operationsByRoute = new Map(operations(bundle).map(({ path, method, operation }) => [`${method.toUpperCase()} ${path}`, operation]));

  function answer(request) {
    const operation = operationsByRoute.get(`${request.method} ${request.url}`);
    const [, status, exampleName = ''] = /code=(\d+)(?:, example=(\w+))?/.exec(request.headers.prefer ?? '') ?? [];
    const scenario = operation && scenariosOf(product, operation).find((s) => s.status === status && s.exampleName === exampleName);
    if (!scenario) return { status: 404 };
    if (!scenario.example) return { status: Number(status) };
    return { status: Number(status), body: JSON.stringify(breaker(operation, scenario)?.body ?? scenario.example) };
  }

  const server = createServer((request, response) => {
    request.resume();
    request.once('end', () => {
      const { status, body } = answer(request);
      response.writeHead(status, body ? { 'content-type': JSON_TYPE } : {});
      response.end(body);
    });
  });
  await once(server.listen(0, '127.0.0.1'), 'listening');
  return {
    url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
