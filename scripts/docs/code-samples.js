// The code samples of each operation (`x-codeSamples`): a curl command and a call of the typed
// client, written from the contract's own examples (request body, header examples, server URL).
import { componentName, deref } from '../../src/contract.js';

/**
 * How the typed client takes each header, by header component name (see src/client/index.ts):
 * an option of `createIdaasClient`, or (`call.`) an option of the call. The samples list them in
 * this order.
 */
const clientOptionOf = {
  ClientId: 'clientId',
  OperatingSysVersion: 'device.osVersion',
  DeviceFingerprint: 'device.fingerprint',
  DeviceIp: 'device.ip',
  Agent: 'device.agent',
  Language: 'language',
  StateToken: 'call.stateToken',
};

const shellQuote = (text) => `'${text.replaceAll("'", `'\\''`)}'`;

const jsString = (text) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;

/** A JavaScript literal of a JSON value, on one line when short, else one property a line. */
function jsLiteral(value, indent = '') {
  if (typeof value === 'string') return jsString(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((item) => jsLiteral(item, inner))
    : Object.entries(value).map(([key, item]) => {
        const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : jsString(key);
        return `${name}: ${jsLiteral(item, inner)}`;
      });
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{ ', ' }'];
  const oneLine = `${open}${items.join(', ')}${close}`;
  if (oneLine.length + indent.length <= 72) return oneLine;
  return `${open.trim()}\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}${close.trim()}`;
}

/** The first server's URL with its variables at their defaults, and the value of its one variable. */
function server(document) {
  const [{ url, variables = {} }] = document.servers;
  const defaults = Object.fromEntries(Object.entries(variables).map(([name, variable]) => [name, variable.default]));
  return { url: url.replace(/\{(\w+)\}/g, (_, name) => defaults[name]), domain: Object.values(defaults)[0] };
}

/**
 * The request of `operation` as its examples spell it: URL, header values by component name and
 * wire name, media type and body.
 */
export function exampleRequest(document, path, operation) {
  const headers = (operation.parameters ?? []).map((parameter) => {
    const definition = deref(document, parameter);
    return { component: componentName(parameter.$ref), name: definition.name, value: definition.example };
  });
  const [[mediaType, content]] = Object.entries(operation.requestBody.content);
  const [example] = Object.values(content.examples);
  return { url: `${server(document).url}${path}`, headers, mediaType, body: deref(document, example).value };
}

function curlSample(method, request) {
  const lines = [
    `curl -X ${method.toUpperCase()} ${shellQuote(request.url)}`,
    `-H ${shellQuote(`Content-Type: ${request.mediaType}`)}`,
    ...request.headers.map(({ name, value }) => `-H ${shellQuote(`${name}: ${value}`)}`),
    `--data ${shellQuote(JSON.stringify(request.body))}`,
  ];
  return lines.join(' \\\n  ');
}

function clientSample(document, operation, request, packageName) {
  const unknown = request.headers.filter(({ component }) => !clientOptionOf[component]);
  if (unknown.length) {
    throw new Error(`No client option for header ${unknown.map(({ component }) => component)}: add it to scripts/docs/code-samples.js`);
  }
  const options = { domain: server(document).domain };
  const call = {};
  for (const [component, option] of Object.entries(clientOptionOf)) {
    const header = request.headers.find((candidate) => candidate.component === component);
    if (!header) continue;
    const [scope, key] = option.split('.');
    if (scope === 'call') call[key] = header.value;
    else if (key) (options[scope] ??= {})[key] = header.value;
    else options[scope] = header.value;
  }
  const hasResult = Boolean(operation.responses['200']?.content);
  const args = [jsLiteral(request.body, '  '), ...(Object.keys(call).length ? [jsLiteral(call, '  ')] : [])];
  const oneLine = `${hasResult ? 'const result = ' : ''}await idaas.${operation.operationId}(${args.join(', ')});`;
  const invocation =
    oneLine.length <= 110
      ? oneLine
      : `${hasResult ? 'const result = ' : ''}await idaas.${operation.operationId}(\n${args.map((arg) => `  ${arg},`).join('\n')}\n);`;
  return [
    `import { createIdaasClient } from '${packageName}';`,
    '',
    `const idaas = createIdaasClient(${jsLiteral(options)});`,
    '',
    invocation,
  ].join('\n');
}

/** The `x-codeSamples` of one operation. */
export function codeSamples(document, path, method, operation, { packageName, clientLabel }) {
  const request = exampleRequest(document, path, operation);
  return [
    { lang: 'Shell', label: 'curl', source: curlSample(method, request) },
    { lang: 'JavaScript', label: clientLabel, source: clientSample(document, operation, request, packageName) },
  ];
}
