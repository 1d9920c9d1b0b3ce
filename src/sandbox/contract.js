// Reads everything one product's sandbox needs to know about the API from that product's bundled
// contract, once, at start-up: operations and their headers, request schemas and validators, named
// examples, result statuses and the error catalogue, with which code answers which fault on which
// operation. The rest of the sandbox asks this module instead of spelling an API fact itself, and
// start-up fails loudly when the contract no longer has what the sandbox uses. It is given the
// bundle rather than reading it, so that it runs where there is no file system (a browser, a service
// worker).
import { catalogue as catalogueOf, componentName, createValidators, deref, operations as operationsOf } from '../contract.js';
import { ownError } from './own-errors.js';

const defaultLanguage = 'en';

// The faults the generic checks detect, and the catalogue scenarios that may answer them, best
// first. The first scenario whose entry lists the operation (under `operations` or `inferredFor`)
// answers; when none does, the product documents no code for that fault on that call, and the
// sandbox answers with its own code (see the ADR on undocumented faults).
const blankHeaderScenarios = {
  ClientId: ['clientIdEmpty', 'parameterBlank'],
  StateToken: ['stateTokenInvalid', 'parameterBlank'],
  SessionToken: ['sessionTokenInvalid', 'parameterBlank'],
  device: ['deviceInfoIncomplete', 'parameterBlank'],
};
// The email login's page lists the "mobile number empty" code as its only identity-empty code, so a
// missing `email` there gets it; on a call whose page does not list it, the sandbox's own code.
const blankFieldScenarios = {
  mobile: ['mobileEmpty', 'parameterBlank'],
  email: ['mobileEmpty', 'parameterBlank'],
  password: ['passwordEmpty', 'parameterBlank'],
  old_password: ['passwordEmpty', 'parameterBlank'],
  new_password: ['passwordEmpty', 'parameterBlank'],
  verify_code: ['verifyCodeEmpty', 'parameterBlank'],
};
const blankAnyFieldScenarios = ['parameterBlank'];
const invalidValueScenarios = ['parameterError'];

/**
 * The contract of `product`, given as its `bundle`, as the sandbox uses it. Tests pass a doctored
 * copy of the bundle to prove that start-up refuses what it cannot serve.
 */
export function loadContract(product, bundle) {
  // Every request is validated: for speed, stop at the first error (the only one the sandbox
  // reports) and skip formats.
  const validatorAt = createValidators(bundle, { allErrors: false, validateFormats: false });

  const catalogue = catalogueOf(bundle).map((entry) => ({
    ...entry,
    appliesTo: new Set([...entry.operations, ...(entry.inferredFor ?? [])]),
  }));
  const byScenario = new Map(catalogue.map((entry) => [entry.scenario, entry]));
  for (const entry of catalogue) {
    if (!Object.hasOwn(entry.message, defaultLanguage)) throw new Error(`${product}: catalogue entry ${entry.code} has no ${defaultLanguage} message`);
  }
  const languages = new Set(Object.keys(catalogue[0]?.message ?? {}).filter((language) => catalogue.every((entry) => Object.hasOwn(entry.message, language))));

  const parameters = bundle.components.parameters ?? {};
  /** The wire name of the header defined by the parameter component `component`. */
  const header = (component) => {
    if (!Object.hasOwn(parameters, component)) throw new Error(`${product}: the contract has no header component ${component}`);
    return parameters[component].name;
  };

  const operations = new Map();
  const byPath = new Map();
  for (const { path, method, operation } of operationsOf(bundle)) {
    const id = operation.operationId;
    const documented = new Set(Object.keys(operation.responses));
    const answerable = (answer) => {
      if (answer && !documented.has(String(answer.httpStatus)))
        throw new Error(`${product}: ${id} would answer ${answer.code} with ${answer.httpStatus}, which it does not document`);
      return answer;
    };
    /**
     * The first catalogued error of `scenarios` that applies to this operation, else the sandbox's
     * own error `otherwise` (a SANDBOX.* code), else undefined.
     */
    const answerFor = (scenarios, otherwise) => {
      const scenario = scenarios.find((name) => byScenario.get(name)?.appliesTo.has(id));
      if (scenario) return answerable(byScenario.get(scenario));
      return otherwise ? answerable(ownError(otherwise)) : undefined;
    };

    const headers = (operation.parameters ?? []).map((parameter) => ({ component: componentName(parameter.$ref), ...deref(bundle, parameter) }));
    const requiredHeaders = headers
      .filter((parameter) => parameter.required)
      .map((parameter) => ({
        component: parameter.component,
        name: parameter.name,
        key: parameter.name.toLowerCase(),
        blank: answerFor(blankHeaderScenarios[parameter.component] ?? blankHeaderScenarios.device, 'PARAMETER_BLANK'),
      }));

    const media = operation.requestBody?.content?.['application/json'];
    let body;
    if (media) {
      const schema = deref(bundle, media.schema);
      body = {
        schema,
        validate: validatorAt(media.schema.$ref),
        required: (schema.required ?? []).map((field) => ({
          field,
          blank: answerFor(blankFieldScenarios[field] ?? blankAnyFieldScenarios, 'PARAMETER_BLANK'),
          invalid: answerFor(invalidValueScenarios, 'PARAMETER_INVALID'),
        })),
      };
    }

    const results = Object.fromEntries(
      Object.entries(operation.responses['200']?.content?.['application/json']?.examples ?? {}).map(([name, example]) => [name, deref(bundle, example).value]),
    );
    const entry = {
      id,
      path,
      method: method.toUpperCase(),
      requiredHeaders,
      body,
      results,
      answerFor,
      appNotRegistered: answerFor(['appNotRegistered']),
      systemBusy: answerFor(['systemBusy']),
    };
    if (requiredHeaders.some((required) => required.component === 'ClientId') && !entry.appNotRegistered) {
      throw new Error(`${product}: ${id} takes a client id, but no catalogued error answers an unregistered one there`);
    }
    operations.set(id, entry);
    if (!byPath.has(path)) byPath.set(path, new Map());
    byPath.get(path).set(entry.method, entry);
  }

  const schemas = bundle.components.schemas;
  return {
    product,
    bundle,
    catalogue,
    operations,
    byPath,
    header,
    /** The status(es) a result schema pins: its `const`, or its `enum`. */
    status: (schemaName) => {
      const property = schemas[schemaName]?.properties?.status;
      const value = property?.const ?? property?.enum;
      if (value === undefined) throw new Error(`${product}: the contract has no result schema ${schemaName} with a status`);
      return value;
    },
    /**
     * The scenario (`type`) of the code-sending schema `schemaName` (SmsScenario, EmailScenario)
     * whose code `operationId` accepts, as its `x-accepted-by` says.
     */
    codeTypeAcceptedBy: (schemaName, operationId) => {
      const scenario = schemas[schemaName];
      const type = Object.entries(scenario?.['x-accepted-by'] ?? {}).find(([, accepter]) => accepter === operationId)?.[0];
      if (!type) throw new Error(`${product}: no ${schemaName} type is accepted by ${operationId}`);
      return type;
    },
    /** The language of error messages that `X-L: requested` asks for: its primary subtag, if the catalogue has it. */
    language: (requested) => {
      const wanted = requested?.toLowerCase().split(/[-_]/)[0];
      return wanted && languages.has(wanted) ? wanted : defaultLanguage;
    },
  };
}

/**
 * The message of a catalogued (or the sandbox's own) error in `language`, its `{0}`, `{1}`...
 * filled from `values` by the names the entry gives its placeholders.
 */
export function fillMessage(entry, language, values = {}) {
  const template = Object.hasOwn(entry.message, language) ? entry.message[language] : entry.message[defaultLanguage];
  return template.replace(/\{(\d+)\}/g, (placeholder, index) => {
    const name = entry.placeholders?.[Number(index)]?.name;
    return name !== undefined && Object.hasOwn(values, name) ? String(values[name]) : placeholder;
  });
}
