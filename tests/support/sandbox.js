// Starts a fresh sandbox (the stateful mock of src/sandbox/) on a free loopback port, for tests,
// Arazzo flows and benchmarks, and calls it with every answer checked against the contract.
// In-process by default; `{ child: true }` runs it as its own Node process, as `npm run sandbox`
// does, when a test must watch that process survive.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createSandbox } from '../../src/sandbox/server.js';
import * as tenant from '../../src/sandbox/tenant.js';
import { bundle, catalogue as catalogueOf, componentName, createValidators, messagePattern, operations as operationsOf } from './contract.js';

const main = fileURLToPath(new URL('../../src/sandbox/main.js', import.meta.url));

export async function startSandbox({ child = false, ...options } = {}) {
  return child ? startChild(options) : startInProcess(options);
}

async function startInProcess(options) {
  const sandbox = createSandbox(options);
  const { port } = await sandbox.listen({ host: '127.0.0.1', port: 0 });
  return { url: `http://127.0.0.1:${port}`, stop: () => sandbox.close() };
}

async function startChild(options) {
  const args = [main, '--host', '127.0.0.1', '--port', '0'];
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
    url,
    process: server,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (server.exitCode !== null || server.signalCode !== null) return resolve();
        server.once('exit', resolve);
        server.kill('SIGTERM');
      }),
  };
}

// ---- Calling the API and checking every answer against the contract ----

const validatorAt = createValidators();

export { bundle };
export const parameters = bundle.components.parameters;
export const operations = Object.fromEntries(
  operationsOf().map(({ path, method, operation }) => [operation.operationId, { ...operation, path, method: method.toUpperCase() }]),
);
export const catalogue = new Map(catalogueOf().map((entry) => [entry.code, entry]));
export const errorEntry = (scenario) => [...catalogue].find(([, entry]) => entry.scenario === scenario);

/** The headers a well-behaved app sends to `operationId`: every header but the state token and language. */
export function appHeaders(operationId, { stateToken } = {}) {
  const headers = { 'content-type': 'application/json' };
  for (const { $ref } of operations[operationId].parameters) {
    const name = componentName($ref);
    if (name === 'Language' || name === 'StateToken') continue;
    headers[parameters[name].name] = name === 'ClientId' ? tenant.clientId : String(parameters[name].example);
  }
  if (stateToken !== undefined) headers[parameters.StateToken.name] = stateToken;
  return headers;
}

// The sandbox's reading of X-L: its primary subtag picks a catalogue language, English otherwise.
const messageIn = (entry, language) => entry.message[language?.toLowerCase().split(/[-_]/)[0]] ?? entry.message.en;

/**
 * Asserts that an answer of the sandbox to `method path` is one the contract allows: a documented
 * status, a body valid against its schema (and the password policy inside `data` against its own),
 * and for an error, a catalogued code that applies to the operation, with its status and its message
 * in the language asked for. Answers off the contract must still be in the vendor's error shape.
 */
export function assertConforms({ method, path, language, status, contentType, text }) {
  const where = `${method} ${path} → ${status} ${text}`;
  const operation = Object.values(operations).find((candidate) => candidate.path === path && candidate.method === method);
  if (!operation) {
    assert.ok([404, 405].includes(status), `an unknown route answers 404/405: ${where}`);
    const body = JSON.parse(text);
    assert.ok(validatorAt('#/components/schemas/Error')(body), `error shape: ${where}`);
    assert.ok(!catalogue.has(body.error_code), `a route off the contract answers no vendor code: ${where}`);
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
    const entry = catalogue.get(body.error_code);
    assert.ok(entry, `a catalogued code: ${where}`);
    assert.ok([...entry.operations, ...(entry.inferredFor ?? [])].includes(operation.operationId), `${body.error_code} applies to ${operation.operationId}`);
    assert.equal(status, entry.httpStatus, `the catalogue's status for ${body.error_code}`);
    assert.match(body.error_msg, messagePattern(messageIn(entry, language), entry.placeholders), `message in ${language ?? 'the default language'}: ${where}`);
  }
  return body;
}

/**
 * Calls the sandbox at `baseUrl` and checks the answer with `assertConforms`, so that no test can
 * forget to. `body` is sent as JSON unless `raw` (a string) is given.
 */
export async function call(baseUrl, target, { headers, body, raw, method, language } = {}) {
  const operation = operations[target];
  const path = operation ? operation.path : target;
  const verb = method ?? operation?.method ?? 'POST';
  const sent = { ...(operation ? appHeaders(target) : {}), ...headers };
  if (language !== undefined) sent[parameters.Language.name] = language;
  for (const [name, value] of Object.entries(sent)) if (value === undefined) delete sent[name];
  const response = await fetch(baseUrl + path, {
    method: verb,
    headers: sent,
    body: verb === 'GET' || verb === 'HEAD' ? undefined : raw ?? JSON.stringify(body ?? {}),
  });
  const text = await response.text();
  const json = assertConforms({ method: verb, path, language, status: response.status, contentType: response.headers.get('content-type'), text });
  return { status: response.status, body: json, headers: response.headers, reason: response.headers.get('x-sandbox-reason') };
}

/** Reads a control route of the sandbox (not part of the API). */
export async function control(baseUrl, route, { method = 'GET', body } = {}) {
  const response = await fetch(`${baseUrl}/__sandbox${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Asserts that `result` (from `call`) is the catalogued error of `scenario`, its `{n}` filled with `values`. */
export function assertError(result, scenario, values = [], language) {
  const [code, entry] = errorEntry(scenario);
  assert.equal(result.body?.error_code, code, `expected ${scenario} (${code}), got ${result.status} ${JSON.stringify(result.body)}`);
  assert.equal(result.body.error_msg, messageIn(entry, language).replace(/\{(\d+)\}/g, (_, index) => String(values[index])));
}

/** The SMS scenario (`type`) whose code `operationId` accepts, as the contract describes it. */
export function smsTypeFor(operationId) {
  const { SmsScenario } = bundle.components.schemas;
  return SmsScenario.enum.find((type) => SmsScenario['x-accepted-by'][type] === operationId);
}

/** True for the operations of the EIAM pages, which answer every blank parameter with one generic code. */
export const usesGenericBlankCode = (operationId) => errorEntry('parameterBlank')[1].operations.includes(operationId);
