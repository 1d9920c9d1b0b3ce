// The code samples of each operation (`x-codeSamples`): a curl command and a call of the product's
// typed client, written from the contract's own examples (request body, header examples, server URL).
import { componentName, deref } from '../../src/contract.js';
import { labels } from './labels.js';

/**
 * How the typed client takes each header it sets once, by header component name (see
 * src/client/core.ts): an option of the product's client factory. The samples list them in this
 * order. Any other header is an option of the call, named after its component (`stateToken` for
 * `StateToken`, that is `X-state-token`), as the client names it.
 */
const clientOptionOf = {
  ClientId: 'clientId',
  OperatingSysVersion: 'device.osVersion',
  DeviceFingerprint: 'device.fingerprint',
  DeviceIp: 'device.ip',
  Agent: 'device.agent',
  Language: 'language',
};

const callOptionOf = (component) => `${component[0].toLowerCase()}${component.slice(1)}`;

/** The module a sample imports the client of `product` from: the package's subpath of that product. */
export const clientModule = (packageName, product) => `${packageName}/${product}`;

/** The function the client module of `product` exports to make a client: `createEiamClient`. */
export const clientFactory = (product) => `create${product[0].toUpperCase()}${product.slice(1)}Client`;

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
 * wire name, and, when the operation takes a body, its media type and the body.
 */
export function exampleRequest(document, path, operation) {
  const headers = (operation.parameters ?? []).map((parameter) => {
    const definition = deref(document, parameter);
    return { component: componentName(parameter.$ref), name: definition.name, value: definition.example };
  });
  const request = { url: `${server(document).url}${path}`, headers };
  if (!operation.requestBody) return request;
  const [[mediaType, content]] = Object.entries(operation.requestBody.content);
  const [example] = Object.values(content.examples);
  return { ...request, mediaType, body: deref(document, example).value };
}

function curlSample(method, request) {
  const lines = [
    // curl sends a GET unless told otherwise; any other method is named.
    method === 'get' ? `curl ${shellQuote(request.url)}` : `curl -X ${method.toUpperCase()} ${shellQuote(request.url)}`,
    ...(request.mediaType ? [`-H ${shellQuote(`Content-Type: ${request.mediaType}`)}`] : []),
    ...request.headers.map(({ name, value }) => `-H ${shellQuote(`${name}: ${value}`)}`),
    ...('body' in request ? [`--data ${shellQuote(JSON.stringify(request.body))}`] : []),
  ];
  return lines.join(' \\\n  ');
}

function clientSample(document, operation, request, { packageName, product, omitted }) {
  // The client is made the same way in every sample, with the example of each header it sets
  // once, even for a call that sends none of them (the signing keys); the call adds its own.
  const options = { domain: server(document).domain };
  for (const [component, option] of Object.entries(clientOptionOf)) {
    const value = document.components.parameters[component]?.example;
    if (value === undefined || omitted.includes(component)) continue;
    const [scope, key] = option.split('.');
    if (key) options[scope] = { ...options[scope], [key]: value };
    else options[scope] = value;
  }
  const call = Object.fromEntries(
    request.headers.filter(({ component }) => !clientOptionOf[component]).map(({ component, value }) => [callOptionOf(component), value]),
  );
  const hasResult = Boolean(operation.responses['200']?.content);
  const args = [...('body' in request ? [jsLiteral(request.body, '  ')] : []), ...(Object.keys(call).length ? [jsLiteral(call, '  ')] : [])];
  const oneLine = `${hasResult ? 'const result = ' : ''}await ${product}.${operation.operationId}(${args.join(', ')});`;
  const invocation =
    oneLine.length <= 110
      ? oneLine
      : `${hasResult ? 'const result = ' : ''}await ${product}.${operation.operationId}(\n${args.map((arg) => `  ${arg},`).join('\n')}\n);`;
  return [
    `import { ${clientFactory(product)} } from '${clientModule(packageName, product)}';`,
    '',
    `const ${product} = ${clientFactory(product)}(${jsLiteral(options)});`,
    '',
    invocation,
  ].join('\n');
}

/**
 * The headers, by component name, that the samples of a page in `lang` leave out. The language
 * header's example asks for Chinese messages; the English page leaves it out, so that its samples
 * ask for the English messages that its examples show (English is what the header's absence means).
 */
export const omittedHeaders = (lang) => (lang === 'zh' ? [] : ['Language']);

/** The `x-codeSamples` of one operation of `product`'s contract, on the page in `lang`. */
export function codeSamples(document, path, method, operation, { product, packageName, lang }) {
  const omitted = omittedHeaders(lang);
  const full = exampleRequest(document, path, operation);
  const request = { ...full, headers: full.headers.filter(({ component }) => !omitted.includes(component)) };
  return [
    { lang: 'Shell', label: 'curl', source: curlSample(method, request) },
    { lang: 'JavaScript', label: labels[lang].typedClient, source: clientSample(document, operation, request, { packageName, product, omitted }) },
  ];
}
