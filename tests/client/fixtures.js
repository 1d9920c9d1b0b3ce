// What the client tests share: the bundled contract they read every API fact from, and a
// fictitious app and device to configure the client with.
import { readFileSync } from 'node:fs';

export const bundle = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8'));

export const app = {
  clientId: 'demoApp0ClientId00000000000000A1',
  device: { osVersion: 'android14', fingerprint: 'demo-device-0001', agent: 'IdaasDemo/1.0 (Android 14)' },
};

/** The component a `$ref` inside the bundle points to. */
export function resolve(node) {
  if (!node?.$ref) return node;
  const [, , kind, name] = node.$ref.split('/');
  return resolve(bundle.components[kind][name]);
}

/** Every operation of the bundle, with its path, method and the request example named `valid`. */
export const operations = Object.entries(bundle.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({
    path,
    method,
    op,
    body: resolve(op.requestBody.content['application/json'].examples.valid).value,
    needsStateToken: op.parameters.map(resolve).some((p) => p.name === bundle.components.parameters.StateToken.name),
  })),
);

/** The catalogue entries whose messages carry placeholders. */
export const templatedCodes = bundle.components.schemas.ErrorCode.oneOf.filter((e) => e['x-error'].placeholders.length);

/** A fetch that records each request and answers with `answer(request)`. */
export function recordingFetch(answer) {
  const requests = [];
  const fetch = async (request) => {
    requests.push(request);
    return answer(request);
  };
  return { fetch, requests };
}
