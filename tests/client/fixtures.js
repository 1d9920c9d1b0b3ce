// What the client tests share: the bundled contract they read every API fact from, and a
// fictitious app and device to configure the client with.
import { bundle, catalogue, deref, operations as operationsOf } from '../support/contract.js';

export { bundle };

export const app = {
  clientId: 'demoApp0ClientId00000000000000A1',
  device: { osVersion: 'android14', fingerprint: 'demo-device-0001', agent: 'IdaasDemo/1.0 (Android 14)' },
};

/** What a `$ref` inside the bundle points to (any other node as it is). */
export const resolve = (node) => deref(bundle, node);

/** Every operation of the bundle, with its path, method and the request example named `valid`. */
export const operations = operationsOf().map(({ path, method, operation: op }) => ({
  path,
  method,
  op,
  body: resolve(op.requestBody.content['application/json'].examples.valid).value,
  needsStateToken: op.parameters.map(resolve).some((p) => p.name === bundle.components.parameters.StateToken.name),
}));

/** The catalogue entries ({ code, title, ...x-error }) whose messages carry placeholders. */
export const templatedCodes = catalogue().filter((entry) => entry.placeholders.length);

/** A fetch that records each request and answers with `answer(request)`. */
export function recordingFetch(answer) {
  const requests = [];
  const fetch = async (request) => {
    requests.push(request);
    return answer(request);
  };
  return { fetch, requests };
}
