// Dredd hooks that make Dredd a sound contract check (Dredd 14 does not validate OpenAPI 3 bodies):
// they turn each operation + status into one transaction per named example of the contract, pick
// that scenario, and judge every real status and body with a JSON Schema 2020-12 validator over the
// bundled contract Dredd was given (generated/<product>/openapi.json: each product is its own run).
// Two targets, chosen with `--custom target:<name>`:
//   mock   (default) a Prism mock of the contract: the scenario is asked for with `Prefer`;
//   server a real server (a tenant, or the sandbox standing in for one): the scenario is provoked by
//          the request itself, and only where that is safe; the rest is skipped with the reason.
// Header names, fields, examples and schemas are read from the bundle; headers are named by their
// component (`ClientId`), examples by their name, as the contract names them.
// CommonJS because Dredd loads hook files with require(); package.json says "type": "module".
// @ts-expect-error 'hooks' is no package: Dredd hands it to the hook files it loads.
const hooks = require('hooks');
const { resolve } = require('node:path');
// Node >= 20.19 loads ES modules with require().
const { bundlePath } = require('../../../src/bundles.js');
const { catalogue, createValidators, deref, operations, pointer, products } = require('../../../src/contract.js');
const { bundles } = require('../../../scripts/lib/loaded-bundles.js');
const { messagePattern } = require('../../../scripts/lib/catalogue-messages.js');
const { JSON_TYPE, scenariosOf, settingOf, transactionName } = require('./scenarios.js');

// The values that tell one scenario from another in a body: a result's discriminator value
// (`status`) and a catalogued error code. A real answer must carry the same in the same field.
function scenarioMarkers(bundle) {
  const markers = new Set(catalogue(bundle).map((entry) => entry.code));
  for (const schema of Object.values(bundle.components.schemas)) {
    for (const value of Object.keys(schema.discriminator?.mapping ?? {})) markers.add(value);
  }
  return markers;
}

// The headers whose value only an earlier answer gives (a link fills them): a state token, a
// session token. A real tenant cannot be sent the contract's example of them.
function linkedHeaders(bundle) {
  const linked = new Map();
  for (const [link, { operationId, parameters = {} }] of Object.entries(bundle.components.links ?? {})) {
    const [header] = Object.keys(parameters)
      .filter((key) => key.startsWith('header.'))
      .map((key) => key.slice('header.'.length));
    if (header) linked.set(operationId, { header, link });
  }
  return linked;
}

const contracts = new Map(
  products.map((product) => {
    const bundle = bundles[product];
    return [
      bundlePath(product),
      {
        product,
        bundle,
        validatorAt: createValidators(bundle),
        operationAt: new Map(operations(bundle).map(({ path, method, operation }) => [`${method} ${path}`, { path, method, operation }])),
        markers: scenarioMarkers(bundle),
        linked: linkedHeaders(bundle),
        catalogueByCode: new Map(catalogue(bundle).map((entry) => [entry.code, entry])),
      },
    ];
  }),
);

function contractOf(transaction) {
  const contract = contracts.get(resolve(transaction.origin.filename));
  if (!contract) throw new Error(`${transaction.origin.filename} is not a product's bundle; the hooks read ${[...contracts.keys()].join(', ')}`);
  return contract;
}

// One variant of a transaction per scenario (named example) of its response; Dredd made one
// transaction per operation and status.
function variantsOf(transaction) {
  const contract = contractOf(transaction);
  const key = `${transaction.request.method.toLowerCase()} ${transaction.origin.resourceName}`;
  const found = contract.operationAt.get(key);
  if (!found) throw new Error(`Dredd made a transaction for ${key}, which the ${contract.product} bundle does not describe`);
  const { path, method, operation } = found;
  return scenariosOf(contract.product, operation)
    .filter((scenario) => scenario.status === transaction.expected.statusCode)
    .map((scenario) => {
      const variant = structuredClone(transaction);
      variant.name = transactionName(contract.product, operation, scenario);
      variant.id = variant.name;
      variant.scenario = { ...scenario, path, method, operation };
      // The schema, not Dredd's comparison with one example, judges the body (see afterEach).
      delete variant.expected.body;
      return variant;
    });
}

function askPrism(transaction) {
  const { status, exampleName } = transaction.scenario;
  transaction.request.headers.Prefer = exampleName ? `code=${status}, example=${exampleName}` : `code=${status}`;
}

// ---- target:server ----

// A tenant's settings: IDAAS_CLIENT_ID, and the test user's values of request fields (settingOf).
function tenantFromEnv() {
  if (!process.env.IDAAS_CLIENT_ID) throw new Error('target:server needs IDAAS_CLIENT_ID in the environment');
  return {
    clientId: process.env.IDAAS_CLIENT_ID,
    valueOf: (field) => process.env[settingOf(field)],
  };
}

const CAPTCHA_TOKEN = pointer('components', 'schemas', 'CaptchaToken');

// A client ID that no tenant registers: fictitious, shaped like the contract's example.
const UNREGISTERED_CLIENT_ID = 'unregisteredDemoClientId000000Z9';

const camelCase = (field) => field.replace(/_(\w)/g, (_, letter) => letter.toUpperCase());

// How a real server is made to answer an error scenario without harm: no wrong password (it counts
// towards the lockout), no wrong code, no account in a given state. Keyed by the examples' names.
// Besides these, `<field>Empty` (mobileEmpty, passwordEmpty, ...) leaves that required field empty.
const recipes = {
  clientIdEmpty: (edit) => edit.header('ClientId', undefined),
  appNotRegistered: (edit) => edit.header('ClientId', UNREGISTERED_CLIENT_ID),
  deviceInfoIncomplete: (edit) => edit.header('DeviceFingerprint', undefined),
  // The example's message names the header or field left blank ({0} of its catalogue template).
  parameterBlank: (edit) => edit.blank(edit.namedInMessage()),
};

function requestEditor(contract, transaction, body) {
  const { headers } = transaction.request;
  const { scenario } = transaction;
  const headerNames = new Set(
    (scenario.operation.parameters ?? [])
      .map((parameter) => deref(contract.bundle, parameter))
      .filter((p) => p.in === 'header')
      .map((p) => p.name),
  );
  return {
    header(component, value) {
      const { name } = contract.bundle.components.parameters[component];
      if (!headerNames.has(name)) return false;
      if (value === undefined) delete headers[name];
      else headers[name] = value;
      return true;
    },
    field(name, value) {
      if (!body || !(name in body)) return false;
      body[name] = value;
      return true;
    },
    blank(name) {
      if (name === undefined) return false;
      if (headerNames.has(name)) {
        delete headers[name];
        return true;
      }
      return this.field(name, '');
    },
    namedInMessage() {
      const entry = contract.catalogueByCode.get(scenario.example.error_code);
      const matches = Object.values(entry?.message ?? {}).map((template) => messagePattern(template, entry.placeholders).exec(scenario.example.error_msg));
      return matches.find(Boolean)?.[1];
    },
  };
}

function provoke(contract, transaction, tenant) {
  const { operation, status, exampleName, example } = transaction.scenario;
  if (Number(status) >= 500) return 'a server fault cannot be provoked';
  const linked = contract.linked.get(operation.operationId);
  if (linked) return `needs a live ${linked.header} from an earlier answer (link ${linked.link}): the Arazzo flows cover this step`;

  const { request } = transaction;
  const body = request.body ? JSON.parse(request.body) : undefined;
  const schema = body && deref(contract.bundle, operation.requestBody.content[JSON_TYPE].schema);
  const edit = requestEditor(contract, transaction, body);
  edit.header('ClientId', tenant.clientId);
  for (const field of Object.keys(body ?? {})) {
    if (tenant.valueOf(field) !== undefined) body[field] = tenant.valueOf(field);
  }

  if (Number(status) < 300) {
    const answers = scenariosOf(contract.product, operation).filter((scenario) => Number(scenario.status) < 300);
    // A plain test user gets the operation's one answer, or its `success` where it has several.
    if (answers.length > 1 && exampleName !== 'success') return 'needs a user in a given state: not arranged on a real tenant';
    // A call that spends a solved captcha sends a real SMS or email: never on a tenant.
    if (Object.values(schema?.properties ?? {}).some((property) => property.$ref === CAPTCHA_TOKEN)) {
      return 'sends a real SMS or email and spends a solved captcha: the Arazzo flows cover this step against the sandbox';
    }
    const missing = (schema?.required ?? []).filter((field) => tenant.valueOf(field) === undefined && !deref(contract.bundle, schema.properties[field]).enum);
    if (missing.length) return `needs real values of ${missing.join(', ')} (${missing.map(settingOf).join(', ')})`;
  } else {
    const emptied = schema?.required.find((field) => `${camelCase(field)}Empty` === exampleName);
    const applied = emptied ? edit.field(emptied, '') : recipes[exampleName]?.(edit);
    if (!applied)
      return `${example?.error_code ?? status} needs a wrong password or code, a user in a given state or a field this call does not take: not provoked on a real tenant`;
  }
  if (body) request.body = JSON.stringify(body);
  return undefined;
}

hooks.beforeAll((transactions, done) => {
  const target = hooks.configuration.custom.target ?? 'mock';
  const tenant = target === 'server' ? tenantFromEnv() : undefined;
  // Dredd runs the array it passes to beforeAll; replacing its items is the maintainers' way to
  // add transactions (apiaryio/dredd#995).
  const variants = transactions.flatMap(variantsOf);
  for (const variant of variants) {
    if (target === 'mock') {
      askPrism(variant);
      continue;
    }
    const reason = provoke(contractOf(variant), variant, tenant);
    if (reason) {
      variant.skip = true;
      variant.id = `${variant.name} (skipped: ${reason})`;
    }
  }
  transactions.splice(0, transactions.length, ...variants);
  done();
});

// ---- judging the answer ----

function format(errors) {
  return errors
    .filter((error) => error.keyword !== 'oneOf')
    .map((error) => `${error.instancePath || '/'} ${error.message}${error.params.allowedValue ? ` ${JSON.stringify(error.params.allowedValue)}` : ''}`)
    .join(', ');
}

// A body that fails a `oneOf` of results is explained by the result it comes closest to.
function explain({ bundle, validatorAt }, schemaRef, body) {
  const validate = validatorAt(schemaRef);
  if (validate(body)) return undefined;
  const { oneOf } = deref(bundle, { $ref: schemaRef });
  if (!oneOf) return format(validate.errors);
  const branches = oneOf.map((branch) => {
    const check = validatorAt(branch.$ref);
    return { title: deref(bundle, branch).title, errors: check(body) ? [] : check.errors };
  });
  const matching = branches.filter((branch) => branch.errors.length === 0);
  if (matching.length > 1) return `matches more than one result: ${matching.map((b) => b.title).join(', ')}`;
  const closest = branches.reduce((best, branch) => (branch.errors.length < best.errors.length ? branch : best));
  return `closest to ${closest.title}, ${format(closest.errors)}`;
}

function problemsOf(contract, transaction) {
  const { path, method, operation, exampleName, example } = transaction.scenario;
  const { statusCode, body } = transaction.real;
  const response = operation.responses[statusCode];
  if (!response) return [`status ${statusCode} is not documented for ${operation.operationId}`];
  if (!response.content) return body ? [`status ${statusCode} has no body in the contract, got ${JSON.stringify(body.slice(0, 80))}`] : [];

  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [`body is not JSON: ${JSON.stringify(body.slice(0, 80))}`];
  }
  const problems = [];
  const schemaRef = pointer('paths', path, method, 'responses', statusCode, 'content', JSON_TYPE, 'schema');
  const explanation = explain(contract, schemaRef, parsed);
  if (explanation) problems.push(`body breaks the contract: ${explanation}`);
  if (example && String(statusCode) === transaction.scenario.status) {
    for (const field of Object.keys(example).filter((name) => contract.markers.has(example[name]))) {
      if (parsed?.[field] !== example[field]) {
        problems.push(`/${field} is ${JSON.stringify(parsed?.[field])}, scenario ${exampleName} answers ${JSON.stringify(example[field])}`);
      }
    }
  }
  return problems;
}

hooks.afterEach((transaction) => {
  if (!transaction.real || !transaction.scenario) return;
  const problems = problemsOf(contractOf(transaction), transaction);
  if (problems.length === 0) return;
  transaction.fail = problems.join('; ');
  // When Dredd's own checks (status, headers) failed too, it reports only its message: add ours.
  if (transaction.test && !transaction.test.valid) transaction.test.message += `contract: ${transaction.fail}\n`;
});
