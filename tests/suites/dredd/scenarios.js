// The scenarios of a product's contract as its Dredd suite runs them: one per named response
// example, and one per response that has no body, each with the name its Dredd transaction carries.
import { deref, operations } from '../../../src/contract.js';
import { bundles } from '../../../scripts/lib/loaded-bundles.js';

export const JSON_TYPE = 'application/json';

/** The scenarios of one operation of `product`: { status, exampleName, example } ('' and undefined without a body). */
export function scenariosOf(product, operation) {
  return Object.entries(operation.responses).flatMap(([status, response]) => {
    const examples = response.content?.[JSON_TYPE]?.examples;
    if (!examples) return [{ status, exampleName: '', example: undefined }];
    return Object.entries(examples).map(([exampleName, example]) => ({
      status,
      exampleName,
      example: deref(bundles[product], example).value,
    }));
  });
}

export const transactionName = (product, operation, { status, exampleName }) =>
  [product, operation.operationId, status, exampleName || '(no body)'].join(' > ');

/** Every transaction of `product`'s suite, by name, with its operation and scenario. */
export const transactionsOf = (product) =>
  new Map(
    operations(bundles[product]).flatMap(({ path, method, operation }) =>
      scenariosOf(product, operation).map((scenario) => [transactionName(product, operation, scenario), { path, method, operation, scenario }]),
    ),
  );

/**
 * The setting that gives server mode a real user's value of a request field: IDAAS_TEST_<FIELD>
 * (IDAAS_TEST_USER_NAME, IDAAS_TEST_MOBILE, IDAAS_TEST_PASSWORD, ...), named after the contract's field.
 */
export const settingOf = (field) => `IDAAS_TEST_${field.toUpperCase()}`;

/** Every field of every request body of `product`'s contract. */
export const requestFields = (product) =>
  new Set(
    operations(bundles[product]).flatMap(({ operation }) => {
      const schema = operation.requestBody && deref(bundles[product], operation.requestBody.content[JSON_TYPE].schema);
      return Object.keys(schema?.properties ?? {});
    }),
  );
