// Dredd hooks that make Dredd a sound contract check (Dredd 14 does not validate OpenAPI 3 bodies):
// they turn each operation + status into one transaction per named example of the contract, pick
// that scenario, and judge every real status and body with a JSON Schema 2020-12 validator over the
// bundled contract. Two targets, chosen with `--custom target:<name>`:
//   mock   (default) a Prism mock of the contract: the scenario is asked for with `Prefer`;
//   server a real server (a tenant, or the sandbox standing in for one): the scenario is provoked by
//          the request itself, and only where that is safe; the rest is skipped with the reason.
// CommonJS because Dredd loads hook files with require(); package.json says "type": "module".
const hooks = require('hooks');
// Node >= 20.19 loads ES modules with require().
const { bundle, createValidators, deref, pointer } = require('../../support/contract.js');
const { JSON_TYPE, scenariosOf, transactionName } = require('./scenarios.js');

const validatorAt = createValidators(bundle);

const params = bundle.components.parameters;
// The fields that tell one scenario from another: a result's `status`, an error's `error_code`.
const SCENARIO_FIELDS = ['status', 'error_code'];

// One variant of a transaction per scenario (named example) of its response; Dredd made one
// transaction per operation and status.
function variantsOf(transaction) {
  const apiPath = transaction.origin.resourceName;
  const method = transaction.request.method.toLowerCase();
  const operation = bundle.paths[apiPath][method];
  return scenariosOf(operation)
    .filter((scenario) => scenario.status === transaction.expected.statusCode)
    .map((scenario) => {
      const variant = structuredClone(transaction);
      variant.name = transactionName(operation, scenario);
      variant.id = variant.name;
      variant.scenario = { ...scenario, path: apiPath, method, operation };
      // The schema, not Dredd's comparison with one example, judges the body (see afterEach).
      delete variant.expected.body;
      return variant;
    });
}

function setHeader(request, component, value) {
  const { name } = params[component];
  if (value === undefined) delete request.headers[name];
  else request.headers[name] = value;
}

function askPrism(transaction) {
  const { status, exampleName } = transaction.scenario;
  transaction.request.headers.Prefer = exampleName ? `code=${status}, example=${exampleName}` : `code=${status}`;
}

function tenantFromEnv() {
  const required = ['IDAAS_CLIENT_ID', 'IDAAS_TEST_MOBILE', 'IDAAS_TEST_PASSWORD'];
  const missing = required.filter((name) => !process.env[name]);
  if (missing.length) throw new Error(`target:server needs ${missing.join(', ')} in the environment`);
  return {
    clientId: process.env.IDAAS_CLIENT_ID,
    mobile: process.env.IDAAS_TEST_MOBILE,
    password: process.env.IDAAS_TEST_PASSWORD,
    captchaToken: process.env.IDAAS_CAPTCHA_TOKEN,
    allowSms: process.env.IDAAS_ALLOW_SMS === '1',
  };
}

const sendsSms = (operation) =>
  operation.requestBody.content[JSON_TYPE].schema.$ref === '#/components/schemas/SmsSendRequest';

// What a real server is sent to provoke each scenario, for the scenarios that can be provoked
// without side effects that matter on a real tenant: no wrong password (it counts towards the
// lockout), no state token (the Arazzo flows cover those steps), an SMS only when allowed.
const recipes = {
  success: { when: (body) => 'password' in body, apply: () => {} },
  clientIdEmpty: { apply: (request) => setHeader(request, 'ClientId', undefined) },
  parameterBlank: { apply: (request) => setHeader(request, 'ClientId', undefined) },
  appNotRegistered: { apply: (request) => setHeader(request, 'ClientId', 'unregisteredDemoClientId000000Z9') },
  deviceInfoIncomplete: { apply: (request) => setHeader(request, 'DeviceFingerprint', undefined) },
  mobileEmpty: { when: (body) => 'mobile' in body, apply: (request, body) => (body.mobile = '') },
  passwordEmpty: { when: (body) => 'password' in body, apply: (request, body) => (body.password = '') },
  verifyCodeEmpty: { when: (body) => 'verify_code' in body, apply: (request, body) => (body.verify_code = '') },
};

function whyUnsafe({ operation, status }) {
  if (Number(status) >= 500) return 'a server fault cannot be provoked';
  if (operation.parameters.some((parameter) => parameter.$ref === '#/components/parameters/StateToken')) {
    return 'needs a live state token and a code: the Arazzo flows cover this step';
  }
  return 'needs a wrong password or code, or an account in a given state: not safe on a real tenant';
}

function provoke(transaction, tenant) {
  const { operation, exampleName } = transaction.scenario;
  const { request } = transaction;
  const body = JSON.parse(request.body);
  if ('mobile' in body) body.mobile = tenant.mobile;
  if ('password' in body) body.password = tenant.password;
  setHeader(request, 'ClientId', tenant.clientId);

  if (!exampleName && sendsSms(operation)) {
    if (!tenant.allowSms) return 'sends a real SMS: set IDAAS_ALLOW_SMS=1 to run it';
    if (tenant.captchaToken) body.captcha_token = tenant.captchaToken;
  } else {
    const recipe = recipes[exampleName];
    if (!recipe || (recipe.when && !recipe.when(body))) return whyUnsafe(transaction.scenario);
    recipe.apply(request, body);
  }
  request.body = JSON.stringify(body);
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
    const reason = provoke(variant, tenant);
    if (reason) {
      variant.skip = true;
      variant.id = `${variant.name} (skipped: ${reason})`;
    }
  }
  transactions.splice(0, transactions.length, ...variants);
  done();
});

function format(errors) {
  return errors
    .filter((error) => error.keyword !== 'oneOf')
    .map((error) => `${error.instancePath || '/'} ${error.message}${error.params.allowedValue ? ` ${JSON.stringify(error.params.allowedValue)}` : ''}`)
    .join(', ');
}

// A body that fails a `oneOf` of results is explained by the result it comes closest to.
function explain(schemaRef, body) {
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

function problemsOf(transaction) {
  const { path: apiPath, method, operation, exampleName, example } = transaction.scenario;
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
  const schemaRef = pointer('paths', apiPath, method, 'responses', statusCode, 'content', JSON_TYPE, 'schema');
  const explanation = explain(schemaRef, parsed);
  if (explanation) problems.push(`body breaks the contract: ${explanation}`);
  if (example && String(statusCode) === transaction.scenario.status) {
    for (const field of SCENARIO_FIELDS.filter((name) => name in example)) {
      if (parsed[field] !== example[field]) {
        problems.push(`/${field} is ${JSON.stringify(parsed[field])}, scenario ${exampleName} answers ${JSON.stringify(example[field])}`);
      }
    }
  }
  return problems;
}

hooks.afterEach((transaction) => {
  if (!transaction.real) return;
  const problems = problemsOf(transaction);
  if (problems.length === 0) return;
  transaction.fail = problems.join('; ');
  // When Dredd's own checks (status, headers) failed too, it reports only its message: add ours.
  if (transaction.test && !transaction.test.valid) transaction.test.message += `contract: ${transaction.fail}\n`;
});
