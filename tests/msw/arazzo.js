// Runs an Arazzo workflow of openapi/<product>/flows/ through the typed client, as an app would call
// the API: each step is the client method of its operationId, its body the step's payload, its
// token headers the method's options. Enough of Arazzo for this project's flows: $inputs (their
// defaults), $steps.<id>.outputs, $response.body#/pointer, $statusCode, `==` conditions and
// regex criteria.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { valueAt } from '../../src/contract.js';

export const readFlows = (file) => YAML.parse(readFileSync(file, 'utf8'), { merge: true });

/** Runs `workflow` of `document` with `client`; answers the steps it ran: status, body and the criteria that failed. */
export async function runWorkflow({ product, document, workflow, client }) {
  const inputs = Object.fromEntries(
    Object.entries(document.components.inputs[workflow.inputs.$ref.split('/').at(-1)].properties).map(([name, schema]) => [name, schema.default]),
  );
  // Wire name → client option of the headers a call takes as options (`X-state-token` → stateToken).
  const options = Object.fromEntries(
    Object.entries(bundles[product].components.parameters).map(([component, { name }]) => [name, component[0].toLowerCase() + component.slice(1)]),
  );
  const outputs = {};
  const ran = [];
  for (const step of workflow.steps) {
    let response;
    const evaluate = (expression) => {
      if (typeof expression !== 'string' || !expression.startsWith('$')) return expression;
      if (expression === '$statusCode') return response.status;
      if (expression.startsWith('$inputs.')) return inputs[expression.slice('$inputs.'.length)];
      if (expression.startsWith('$response.body#')) return valueAt(response.body, expression.slice('$response.body#'.length));
      const [, stepId, name] = /^\$steps\.([^.]+)\.outputs\.(.+)$/.exec(expression) ?? [];
      if (stepId) return outputs[stepId]?.[name];
      throw new Error(`${step.stepId}: the runner reads no ${expression}`);
    };
    const payload = step.requestBody && Object.fromEntries(Object.entries(step.requestBody.payload).map(([field, value]) => [field, evaluate(value)]));
    // Headers by reference are the client's own (device, client id); the others are the call's options.
    const callOptions = Object.fromEntries(
      (step.parameters ?? []).filter((parameter) => parameter.name).map((parameter) => [options[parameter.name], evaluate(parameter.value)]),
    );
    const method = client[step.operationId.split('.').at(-1)];
    try {
      const result = await (payload ? method(payload, callOptions) : method(callOptions));
      response = { status: 200, body: result };
    } catch (thrown) {
      const error = /** @type {{ httpStatus?: number, code?: string, message: string }} */ (thrown);
      if (error.httpStatus === undefined) throw error;
      response = { status: error.httpStatus, body: { error_code: error.code, error_msg: error.message } };
    }
    const failed = (step.successCriteria ?? []).filter((criterion) => {
      if (criterion.type === 'regex') return !new RegExp(criterion.condition).test(String(evaluate(criterion.context)));
      const [left, right] = criterion.condition.split(' == ');
      const expected = /^'.*'$/.test(right) ? right.slice(1, -1) : /^\d+$/.test(right) ? Number(right) : evaluate(right);
      return evaluate(left) !== expected;
    });
    outputs[step.stepId] = Object.fromEntries(Object.entries(step.outputs ?? {}).map(([name, expression]) => [name, evaluate(expression)]));
    ran.push({ stepId: step.stepId, status: response.status, body: response.body, failed: failed.map((criterion) => criterion.condition) });
    if (failed.length) break;
  }
  return ran;
}
