// The bundled contracts (generated/<product>/openapi.json, one per product) as the code around them
// reads them: the sandbox, the docs scripts, the benchmarks and the tests follow their `$ref`s, walk
// their operations, read their error catalogues and validate against their schemas through this one
// module, so they all read them the same way. It imports nothing from Node, so that the sandbox's
// core runs unchanged in a browser; ./bundles.js reads the bundles from disk. The shipped client does
// not use it: it carries only generated/<product>/client-contract.js.
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

/**
 * The vendor's two products, each described by its own contract: EIAM (Employee Identity) and CIAM
 * (Customer Identity). They share a path namespace but not their operations, results or error codes.
 */
export const products = ['eiam', 'ciam'];

/** Follows a local `$ref` (the bundle only has `#/...` ones) until it reaches a value. */
export function deref(document, node) {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    const target = valueAt(document, current.$ref);
    if (target === undefined) throw new Error(`${current.$ref} points to nothing in the document`);
    current = target;
  }
  return current;
}

const unescapePart = (part) => part.replaceAll('~1', '/').replaceAll('~0', '~');

/**
 * The value at `jsonPointer` (`/a/b`, or `#/a/b` as a local `$ref` writes it) in `value`, or
 * undefined; itself maybe a `$ref`, so one step of deref.
 */
export function valueAt(value, jsonPointer) {
  return jsonPointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map(unescapePart)
    .reduce((parent, key) => parent?.[key], value);
}

/**
 * The pointer where the value at `jsonPointer` is written, when the path to it passes through a
 * `$ref`: `#/paths/~1login/post/responses/500/content` of a shared response becomes
 * `#/components/responses/ServerError/content`. A JSON Pointer does not follow `$ref`s, and readers
 * should not have to know whether a response or body is written inline or shared.
 */
function writtenAt(document, jsonPointer) {
  let at = '#';
  let node = document;
  for (const part of jsonPointer.split('/').slice(1)) {
    while (node && typeof node.$ref === 'string') {
      at = node.$ref;
      node = valueAt(document, at);
    }
    at = `${at}/${part}`;
    node = node?.[unescapePart(part)];
  }
  return at;
}

/** The name of the component a `$ref` points to: `ClientId` for `#/components/parameters/ClientId`. */
export const componentName = (ref) => ref.slice(ref.lastIndexOf('/') + 1);

/** The local `$ref` of the value at `parts` (path segments, escaped as JSON Pointer wants). */
export function pointer(...parts) {
  return `#/${parts.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * Every operation of a document as { path, method, operation }, in document order, ready to read
 * without knowing how the contract was written: only the HTTP methods of a path item are
 * operations (not its `summary` or `parameters`); the path item's `parameters`, which apply to
 * every operation, come before the operation's own; and the request body and each response are
 * followed through their `$ref`, so a shared response (`components/responses`) reads like an inline
 * one. `operation` is a copy for reading: a writer changes `document.paths[path][method]`.
 */
export function operations(document) {
  return Object.entries(document.paths).flatMap(([path, pathItem]) => {
    const item = deref(document, pathItem);
    return Object.entries(item)
      .filter(([method]) => httpMethods.has(method))
      .map(([method, operation]) => ({ path, method, operation: readable(document, item, operation) }));
  });
}

function readable(document, item, operation) {
  const copy = { ...operation };
  if (item.parameters) copy.parameters = [...item.parameters, ...(operation.parameters ?? [])];
  if (operation.requestBody) copy.requestBody = deref(document, operation.requestBody);
  if (operation.responses) {
    copy.responses = Object.fromEntries(Object.entries(operation.responses).map(([status, response]) => [status, deref(document, response)]));
  }
  return copy;
}

/** The catalogue entries of `components.schemas.ErrorCode`, each as { code, title, ...x-error }. */
export function catalogue(document) {
  return document.components.schemas.ErrorCode.oneOf.map((entry) => ({ code: entry.const, title: entry.title, ...entry['x-error'] }));
}

/**
 * A validator factory over one contract document: `validatorAt('#/components/schemas/Error')`
 * returns an Ajv validate function for the schema at that JSON pointer (read through any `$ref` on
 * the way, so a pointer into an operation's shared response works), compiled once, and
 * `validatorAt.errorsText(errors)` words its errors. OpenAPI's own keywords (`discriminator`,
 * `example`, `x-*`) are annotations here; `format: password` is a UI hint. `ajvOptions` override
 * the defaults, which report every error: the sandbox wants the first one only, and fast.
 */
export function createValidators(document, ajvOptions = {}) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, ...ajvOptions });
  formats.default(ajv);
  ajv.addFormat('password', true);
  const id = 'https://contract.invalid/openapi.json';
  ajv.addSchema({ ...document, $id: id });
  const cache = new Map();
  const validatorAt = (jsonPointer) => {
    if (!cache.has(jsonPointer)) cache.set(jsonPointer, ajv.compile({ $ref: `${id}${writtenAt(document, jsonPointer)}` }));
    return cache.get(jsonPointer);
  };
  return Object.assign(validatorAt, { errorsText: (errors) => ajv.errorsText(errors) });
}
