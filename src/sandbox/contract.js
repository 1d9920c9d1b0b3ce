// Reads everything the sandbox needs to know about the API from the bundled contract, once, at
// start-up: operations and their headers, request validators, the error catalogue, the result
// statuses and the named examples. The rest of the sandbox asks this module instead of spelling an
// API fact itself, and start-up fails loudly when the contract no longer has what the sandbox uses.
import { catalogue as catalogueOf, componentName, createValidators, deref, loadBundle, operations as operationsOf } from '../contract.js';

const defaultLanguage = 'en';

// The faults the sandbox detects, and the catalogue scenarios that may answer them, best first.
// The first one that the catalogue lists for the operation wins; the EIAM operations document only
// the generic blank-parameter code, so they fall through to it.
const headerScenarios = {
  ClientId: ['clientIdEmpty', 'parameterBlank'],
  StateToken: ['parameterBlank'],
  device: ['deviceInfoIncomplete', 'parameterBlank'],
};
// The email page documents no "email empty" code but lists the mobile one, so a missing email gets
// the code the vendor documents for that page.
const fieldScenarios = {
  mobile: ['mobileEmpty', 'parameterBlank'],
  email: ['mobileEmpty', 'parameterBlank'],
  password: ['passwordEmpty', 'parameterBlank'],
  verify_code: ['verifyCodeEmpty', 'parameterBlank'],
};
const anyFieldScenarios = ['parameterBlank'];

export function loadContract(bundle = loadBundle()) {

  // Every request is validated: for speed, stop at the first error (the only one the sandbox
  // reports) and skip formats.
  const validatorAt = createValidators(bundle, { allErrors: false, validateFormats: false });

  const catalogue = catalogueOf(bundle).map((entry) => ({
    ...entry,
    appliesTo: new Set([...entry.operations, ...(entry.inferredFor ?? [])]),
  }));
  const byScenario = new Map(catalogue.map((entry) => [entry.scenario, entry]));

  const status = (schemaName) => {
    const property = bundle.components.schemas[schemaName].properties.status;
    return property.const ?? property.enum;
  };
  const statuses = {
    success: status('SessionResult'),
    passwordChange: status('PasswordChangeRequired'),
    mfaRequired: status('MfaRequired'),
    accessDenied: status('AccessDenied'),
  };

  const header = (component) => bundle.components.parameters[component].name;
  const headers = {
    clientId: header('ClientId'),
    stateToken: header('StateToken'),
    language: header('Language'),
  };

  const smsScenario = bundle.components.schemas.SmsScenario;
  const operations = new Map();
  for (const { path, method, operation } of operationsOf(bundle)) {
    const parameters = operation.parameters.map((parameter) => {
      const component = componentName(parameter.$ref);
      return { component, ...deref(bundle, parameter) };
    });
    const media = operation.requestBody.content['application/json'];
    const bodySchema = deref(bundle, media.schema);
    const id = operation.operationId;
    const applicable = (scenarios) => {
      const scenario = scenarios.find((name) => byScenario.get(name)?.appliesTo.has(id));
      if (!scenario) throw new Error(`No catalogued error of ${scenarios.join('/')} applies to ${id}`);
      return byScenario.get(scenario);
    };
    const requiredHeaders = parameters
      .filter((parameter) => parameter.required)
      .map((parameter) => ({
        component: parameter.component,
        name: parameter.name,
        key: parameter.name.toLowerCase(),
        error: applicable(headerScenarios[parameter.component] ?? headerScenarios.device),
      }));
    const requiredFields = bodySchema.required.map((field) => ({
      field,
      error: applicable(fieldScenarios[field] ?? anyFieldScenarios),
    }));
    const examples = (code) =>
      Object.fromEntries(
        Object.entries(operation.responses[code]?.content?.['application/json']?.examples ?? {}).map(
          ([name, example]) => [name, deref(bundle, example).value],
        ),
      );
    operations.set(path, {
      id,
      path,
      method: method.toUpperCase(),
      requiredHeaders,
      requiredFields,
      validateBody: validatorAt(media.schema.$ref),
      results: examples('200'),
      hasStateToken: parameters.some((parameter) => parameter.component === 'StateToken'),
      smsType: smsScenario.enum.find((type) => smsScenario['x-accepted-by'][type] === id),
      error: (scenario) => applicable([scenario]),
    });
  }
  const operation = (id) => [...operations.values()].find((candidate) => candidate.id === id);

  for (const [scenario, entry] of byScenario) {
    if (!entry.message[defaultLanguage]) throw new Error(`Catalogue entry ${scenario} has no ${defaultLanguage} message`);
  }

  return {
    catalogue,
    operations,
    operation,
    statuses,
    headers,
    language: (requested) => {
      const wanted = requested?.toLowerCase().split(/[-_]/)[0];
      return wanted && wanted !== defaultLanguage && catalogue[0].message[wanted] ? wanted : defaultLanguage;
    },
  };
}

/** Fills `{0}`, `{1}`... of a catalogue message template with `values`, in order. */
export function fillMessage(template, values = []) {
  return template.replace(/\{(\d+)\}/g, (placeholder, index) => String(values[Number(index)] ?? placeholder));
}
