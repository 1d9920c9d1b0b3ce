// The bundled contract as tests read it, and a JSON Schema 2020-12 validator over it, so that every
// test validates against the same schemas the same way.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bundlePath = `${root}generated/openapi.json`;

export function loadBundle(path = bundlePath) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export const bundle = loadBundle();

/** Every operation of a bundle as { path, method, operation }. */
export function operations(document = bundle) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );
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

export function pointer(...parts) {
  return `#/${parts.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

/**
 * A validator factory over one contract document: `validatorAt('#/components/schemas/Error')`
 * returns an Ajv validate function for the schema at that JSON pointer. OpenAPI's own keywords
 * (`discriminator`, `example`, `x-*`) are annotations here; `format: password` is a UI hint.
 */
export function createValidators(document = bundle) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('password', true);
  const id = 'https://contract.invalid/openapi.json';
  ajv.addSchema({ ...document, $id: id });
  const cache = new Map();
  return function validatorAt(jsonPointer) {
    if (!cache.has(jsonPointer)) cache.set(jsonPointer, ajv.compile({ $ref: `${id}${jsonPointer}` }));
    return cache.get(jsonPointer);
  };
}

/** The catalogue entries of `components.schemas.ErrorCode`, each as { code, ...x-error }. */
export function catalogue(document = bundle) {
  return document.components.schemas.ErrorCode.oneOf.map((entry) => ({ code: entry.const, ...entry['x-error'] }));
}
