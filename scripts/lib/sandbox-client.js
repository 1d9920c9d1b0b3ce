// Starts a fresh sandbox of one product (the stateful mock of src/sandbox/) on a free loopback port,
// for tests, Arazzo flows and benchmarks, and calls it with every answer checked against that
// product's contract. In-process by default; `{ child: true }` runs it as its own Node process, as
// `npm run sandbox` does, when a test must watch that process survive. `forProduct(product)` gives
// the helpers bound to one product's contract and fixture tenant.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { catalogue, componentName, createValidators, deref, operations, products } from '../../src/contract.js';
import { createSandbox } from '../../src/sandbox/server.js';
import { tenants } from '../../src/sandbox/tenants/index.js';
import { bundles } from './loaded-bundles.js';
import { filledMessage, messagePattern } from './catalogue-messages.js';

const main = fileURLToPath(new URL('../../src/sandbox/main.js', import.meta.url));

/**
 * A running sandbox of `product`: `{ url, product, stop }` (and `process`, `log` with `child`).
 * @param {object} [options] also any option of `createSandbox` (src/sandbox/server.js)
 * @param {string} [options.product] one of `products`
 * @param {boolean} [options.child] run it as its own Node process, as `npm run sandbox` does
 * @param {number} [options.bodyLimit] the largest request body it reads, in bytes
 * @returns {Promise<{ product: string, url: string, stop: () => Promise<void>, process?: import('node:child_process').ChildProcess, log?: () => string }>}
 */
export async function startSandbox({ product, child = false, ...options } = {}) {
  if (!product || !products.includes(product)) throw new Error(`startSandbox needs { product }: one of ${products.join(', ')}, got ${product}`);
  return child ? startChild(product, options) : startInProcess(product, options);
}

async function startInProcess(product, options) {
  const sandbox = createSandbox({ product, ...options });
  const { port } = await sandbox.listen({ host: '127.0.0.1', port: 0 });
  return { product, url: `http://127.0.0.1:${port}`, stop: () => sandbox.close() };
}

async function startChild(product, options) {
  const args = [main, '--product', product, '--host', '127.0.0.1', '--port', '0'];
  if (options.bodyLimit) args.push('--body-limit', String(options.bodyLimit));
  const server = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The sandbox did not start within 10 s:\n${log}`)), 10_000);
    const watch = (chunk) => {
      log += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    server.stdout.on('data', watch);
    server.stderr.on('data', watch);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The sandbox exited with ${code} before it listened:\n${log}`));
    });
  });
  return {
    product,
    url,
    process: server,
    log: () => log,
    stop: () =>
      /** @type {Promise<void>} */ (
        new Promise((resolve) => {
          if (server.exitCode !== null || server.signalCode !== null) return resolve();
          server.once('exit', () => resolve());
          server.kill('SIGTERM');
        })
      ),
  };
}

/**
 * Reads or drives a control route of a sandbox (not part of the API).
 * @param {string} baseUrl
 * @param {string} route the control route, after `/__sandbox`
 * @param {{ method?: string, body?: unknown }} [options] `body` is sent as JSON
 */
export async function control(baseUrl, route, { method = 'GET', body } = {}) {
  const response = await fetch(`${baseUrl}/__sandbox${route}`, {
    method,
    // The control routes take JSON only (so that no plain form reaches them), even with no body.
    headers: body === undefined && method !== 'POST' ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, reason: response.headers.get('x-sandbox-reason') };
}

/** The sandbox's own error codes: not the vendor's, always with a reason. */
export const ownCode = (name) => `SANDBOX.${name}`;

// The sandbox's reading of X-L: its primary subtag picks a catalogue language, English otherwise.
const messageIn = (entry, language) => {
  const wanted = language?.toLowerCase().split(/[-_]/)[0];
  return wanted && Object.hasOwn(entry.message, wanted) ? entry.message[wanted] : entry.message.en;
};

const kits = new Map();

/** The helpers for calling `product`'s sandbox and checking its answers against `product`'s contract. */
export function forProduct(product) {
  if (!kits.has(product)) kits.set(product, makeKit(product));
  return kits.get(product);
}

function makeKit(product) {
  const bundle = bundles[product];
  const tenant = tenants[product];
  const validatorAt = createValidators(bundle);
  const parameters = bundle.components.parameters;
  // Keyed by operationId like operationsById elsewhere, but each value is the operation itself with
  // its path and its method as a request sends it (upper case), which is how every caller reads it.
  const operationsById = Object.fromEntries(
    operations(bundle).map(({ path, method, operation }) => [operation.operationId, { ...operation, path, method: method.toUpperCase() }]),
  );
  const catalogueByCode = new Map(catalogue(bundle).map((entry) => [entry.code, entry]));
  const errorEntry = (scenario) => {
    const found = [...catalogueByCode].find(([, entry]) => entry.scenario === scenario);
    assert.ok(found, `${product} catalogues a ${scenario} error`);
    return found;
  };
  const requestSchema = (operationId) => {
    const media = operationsById[operationId].requestBody?.content['application/json'];
    return media && deref(bundle, media.schema);
  };

  /**
   * The headers a well-behaved app sends to `operationId`: every header but the tokens and the language, unless given.
   * @param {string} operationId
   * @param {{ stateToken?: string, sessionToken?: string }} [tokens]
   * @returns {Record<string, string>}
   */
  function appHeaders(operationId, { stateToken, sessionToken } = {}) {
    /** @type {Record<string, string>} */
    const headers = requestSchema(operationId) ? { 'content-type': 'application/json' } : {};
    for (const { $ref } of operationsById[operationId].parameters ?? []) {
      const name = componentName($ref);
      if (['Language', 'StateToken', 'SessionToken'].includes(name)) continue;
      headers[parameters[name].name] = name === 'ClientId' ? tenant.clientId : String(parameters[name].example);
    }
    if (stateToken !== undefined && parameters.StateToken) headers[parameters.StateToken.name] = stateToken;
    if (sessionToken !== undefined && parameters.SessionToken) headers[parameters.SessionToken.name] = sessionToken;
    return headers;
  }

  /**
   * Asserts that an answer of the sandbox to `method path` is one the contract allows: a documented
   * status, a body valid against its schema (and the password policy inside `data` against its own),
   * and for an error, either a catalogued code that applies to the operation, with its status and
   * its message in the language asked for, or the sandbox's own code with a reason. Answers off the
   * contract must still be in the vendor's error shape, with codes of the sandbox's own.
   */
  function assertConforms({ method, path, language, status, contentType, text, reason }) {
    const where = `${product} ${method} ${path} → ${status} ${text}`;
    const operation = Object.values(operationsById).find((candidate) => candidate.path === path && candidate.method === method);
    if (!operation) {
      assert.ok([404, 405].includes(status), `an unknown route answers 404/405: ${where}`);
      const body = JSON.parse(text);
      assert.ok(validatorAt('#/components/schemas/Error')(body), `error shape: ${where}`);
      assert.ok(
        body.error_code.startsWith('SANDBOX.') && !catalogueByCode.has(body.error_code),
        `a route off the contract answers the sandbox's own code: ${where}`,
      );
      return body;
    }
    const response = operation.responses[String(status)];
    assert.ok(response, `${status} is documented for ${operation.operationId}: ${where}`);
    const media = response.content?.['application/json'];
    if (!media) {
      assert.equal(text, '', `${operation.operationId} ${status} has no body: ${where}`);
      return undefined;
    }
    assert.match(contentType ?? '', /^application\/json\b/, `JSON content type: ${where}`);
    const body = JSON.parse(text);
    const validate = validatorAt(media.schema.$ref);
    assert.ok(validate(body), `schema ${media.schema.$ref}: ${validatorAt.errorsText(validate.errors)}: ${where}`);
    if (typeof body.data === 'string' && body.state_token) {
      assert.ok(validatorAt('#/components/schemas/PasswordPolicy')(JSON.parse(body.data)), `data holds a PasswordPolicy: ${where}`);
    }
    if (body.error_code !== undefined) {
      const entry = catalogueByCode.get(body.error_code);
      if (!entry) {
        assert.ok(body.error_code.startsWith('SANDBOX.'), `a catalogued code, or the sandbox's own: ${where}`);
        assert.equal(status, 400, `the sandbox's own code for a fault of a call is a 400: ${where}`);
        assert.ok(reason, `the sandbox's own code comes with ${'X-Sandbox-Reason'}: ${where}`);
        return body;
      }
      assert.ok([...entry.operations, ...(entry.inferredFor ?? [])].includes(operation.operationId), `${body.error_code} applies to ${operation.operationId}`);
      assert.equal(status, entry.httpStatus, `the catalogue's status for ${body.error_code}`);
      assert.match(
        body.error_msg,
        messagePattern(messageIn(entry, language), entry.placeholders),
        `message in ${language ?? 'the default language'}: ${where}`,
      );
    }
    return body;
  }

  /**
   * Calls the sandbox at `baseUrl` and checks the answer with `assertConforms`, so that no test can
   * forget to. `target` is an operationId (its path, method and app headers are used) or a path.
   * `body` is sent as JSON unless `raw` (a string) is given; operations without a request body get none.
   * @param {string} baseUrl
   * @param {string} target
   * @param {{ headers?: Record<string, string | undefined>, body?: unknown, raw?: string, method?: string, language?: string }} [options]
   */
  async function call(baseUrl, target, { headers, body, raw, method, language } = {}) {
    const operation = operationsById[target];
    const path = operation ? operation.path : target;
    const verb = method ?? operation?.method ?? 'POST';
    const sent = /** @type {Record<string, string>} */ ({ ...(operation ? appHeaders(target) : {}), ...headers });
    if (language !== undefined) sent[parameters.Language.name] = language;
    for (const [name, value] of Object.entries(sent)) if (value === undefined) delete sent[name];
    const takesBody = verb !== 'GET' && verb !== 'HEAD' && (raw !== undefined || body !== undefined || !operation || requestSchema(target));
    const response = await fetch(baseUrl + path, { method: verb, headers: sent, body: takesBody ? (raw ?? JSON.stringify(body ?? {})) : undefined });
    const text = await response.text();
    const reason = response.headers.get('x-sandbox-reason');
    const json = assertConforms({ method: verb, path, language, status: response.status, contentType: response.headers.get('content-type'), text, reason });
    return { status: response.status, body: json, headers: response.headers, reason };
  }

  /** Asserts that `result` (from `call`) is the catalogued error of `scenario`, its `{n}` filled with `values`. */
  function assertError(result, scenario, values = [], language) {
    const [code, entry] = errorEntry(scenario);
    assert.equal(result.body?.error_code, code, `expected ${scenario} (${code}), got ${result.status} ${JSON.stringify(result.body)}`);
    assert.equal(result.body.error_msg, filledMessage(messageIn(entry, language), values));
  }

  /** Asserts that `result` is the sandbox's own 400 `name` (naming `parameter`, when given), with a reason. */
  function assertOwnError(result, name, parameter) {
    assert.equal(result.status, 400, JSON.stringify(result.body));
    assert.equal(result.body?.error_code, ownCode(name), `expected ${ownCode(name)}, got ${JSON.stringify(result.body)}`);
    if (parameter !== undefined) assert.match(result.body.error_msg, new RegExp(`\\b${parameter}\\b`));
    assert.ok(result.reason, 'X-Sandbox-Reason says what was wrong');
  }

  /** The scenario (`type`) of the code-sending schema `schemaName` whose code `operationId` accepts. */
  function codeTypeFor(schemaName, operationId) {
    const scenario = bundle.components.schemas[schemaName];
    return scenario.enum.find((type) => scenario['x-accepted-by']?.[type] === operationId);
  }

  /** The operation's named request example `valid`, to edit. */
  const validBody = (operationId) => structuredClone(deref(bundle, operationsById[operationId].requestBody.content['application/json'].examples.valid).value);

  /** The point_json that solves the fixture tenant's captcha: the gap's x, and the y the contract's example fixes. */
  const solution = JSON.stringify({ x: tenant.captcha.gap.x, y: JSON.parse(requestSchema('verifyCaptcha').properties.point_json.example).y });

  /** Solves a captcha for `sender` the way an app does, and answers its `captcha_token`. */
  async function solveCaptcha(baseUrl, sender) {
    const captcha = await call(baseUrl, 'getCaptcha');
    assert.equal(captcha.status, 200);
    const verified = await call(baseUrl, 'verifyCaptcha', { body: { point_json: solution, token: captcha.body.token, sender } });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    return verified.body.captcha_token;
  }

  return {
    product,
    bundle,
    tenant,
    parameters,
    operationsById,
    catalogueByCode,
    errorEntry,
    appHeaders,
    assertConforms,
    call,
    control,
    assertError,
    assertOwnError,
    codeTypeFor,
    validBody,
    requestSchema,
    solution,
    solveCaptcha,
    /** The fixture user whose login behaves as `behaviour`, and who is not reserved for something else. */
    user: (behaviour) => tenant.users.find((candidate) => candidate.behaviour === behaviour && !candidate.reservedFor),
    lockoutUser: tenant.users.find((candidate) => candidate.reservedFor === 'lockout'),
    /** The status a result schema pins. */
    schemaStatus: (schema) => bundle.components.schemas[schema].properties.status.const,
  };
}
