// The bundled contract (generated/openapi.json) as the code around it reads it: the sandbox, the docs
// scripts, the benchmarks and the tests load it, follow its `$ref`s, walk its operations, read its
// error catalogue and validate against its schemas through this one module, so they all read it
// the same way. The shipped client does not use it: it carries only generated/client-contract.js.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const bundlePath = fileURLToPath(new URL('../generated/openapi.json', import.meta.url));

export function loadBundle(path = bundlePath) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Follows a local `$ref` (the bundle only has `#/...` ones) until it reaches a value. */
export function deref(document, node) {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((parent, key) => parent[key], document);
  }
  return current;
}

/** The name of the component a `$ref` points to: `ClientId` for `#/components/parameters/ClientId`. */
export const componentName = (ref) => ref.slice(ref.lastIndexOf('/') + 1);

/** The local `$ref` of the value at `parts` (path segments, escaped as JSON Pointer wants). */
export function pointer(...parts) {
  return `#/${parts.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

/** Every operation of a document as { path, method, operation }, in document order. */
export function operations(document) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );
}

/** The catalogue entries of `components.schemas.ErrorCode`, each as { code, title, ...x-error }. */
export function catalogue(document) {
  return document.components.schemas.ErrorCode.oneOf.map((entry) => ({ code: entry.const, title: entry.title, ...entry['x-error'] }));
}

/**
 * A validator factory over one contract document: `validatorAt('#/components/schemas/Error')`
 * returns an Ajv validate function for the schema at that JSON pointer, compiled once, and
 * `validatorAt.errorsText(errors)` words its errors. OpenAPI's own keywords (`discriminator`,
 * `example`, `x-*`) are annotations here; `format: password` is a UI hint. `ajvOptions` override
 * the defaults, which report every error: the sandbox wants the first one only, and fast.
 */
export function createValidators(document, ajvOptions = {}) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, ...ajvOptions });
  addFormats(ajv);
  ajv.addFormat('password', true);
  const id = 'https://contract.invalid/openapi.json';
  ajv.addSchema({ ...document, $id: id });
  const cache = new Map();
  const validatorAt = (jsonPointer) => {
    if (!cache.has(jsonPointer)) cache.set(jsonPointer, ajv.compile({ $ref: `${id}${jsonPointer}` }));
    return cache.get(jsonPointer);
  };
  return Object.assign(validatorAt, { errorsText: (errors) => ajv.errorsText(errors) });
}
