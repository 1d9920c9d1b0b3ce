// The scenarios of the contract as the Dredd suite runs them: one per named response example, and
// one per response that has no body, each with the name its Dredd transaction carries.
import { bundle, deref, operations } from '../../support/contract.js';

export const JSON_TYPE = 'application/json';

/** The scenarios of one operation: { status, exampleName, example } ('' and undefined without a body). */
export function scenariosOf(operation) {
  return Object.entries(operation.responses).flatMap(([status, response]) => {
    const examples = response.content?.[JSON_TYPE]?.examples;
    if (!examples) return [{ status, exampleName: '', example: undefined }];
    return Object.entries(examples).map(([exampleName, example]) => ({
      status,
      exampleName,
      example: deref(bundle, example).value,
    }));
  });
}

export const transactionName = (operation, { status, exampleName }) =>
  [operation.operationId, status, exampleName || '(no body)'].join(' > ');

export const allTransactionNames = () =>
  operations().flatMap(({ operation }) => scenariosOf(operation).map((scenario) => transactionName(operation, scenario)));
