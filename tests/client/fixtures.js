// What the client tests share, per product: the product's bundled contract that they read every API
// fact from, its built client, its calls with the arguments a method takes, and a fictitious
// app and device to configure a client with.
import { catalogue, componentName, deref, operations as operationsOf, products } from '../../src/contract.js';
import { bundles } from '../../scripts/lib/loaded-bundles.js';
import { commonHeaderOptions } from '../../dist/core.js';
import { createEiamClient } from '../../dist/eiam.js';
import { createCiamClient } from '../../dist/ciam.js';

export { bundles, products };

// The client ID is the contract's example (the header is shared, so the products give the same one),
// which the fixture tenants also register: one place, openapi/shared/parameters/ClientId.yaml.
export const app = {
  clientId: bundles[products[0]].components.parameters.ClientId.example,
  device: { osVersion: 'android14', fingerprint: 'demo-device-0001', agent: 'IdaasDemo/1.0 (Android 14)' },
};

/** Each product's client factory, as its entry exports it. */
export const factories = { eiam: createEiamClient, ciam: createCiamClient };

/**
 * The header parameters a client sets from its own options (the device, `language`, `clientId`),
 * by component name, as the client lists them. Every other header parameter of an operation is an
 * option of the call, named after its component: `stateToken`, `sessionToken`.
 */
export const commonHeaders = Object.keys(commonHeaderOptions);

/**
 * The wire names of the headers that every SDK call of `bundle` (every operation with header
 * parameters) takes and that the client does not set from its own options: each would have to be
 * given on every call.
 */
export function unconfiguredHeaders(bundle) {
  const headerLists = operationsOf(bundle)
    .map(({ operation }) => (operation.parameters ?? []).filter((p) => deref(bundle, p).in === 'header').map((p) => componentName(p.$ref)))
    .filter((headers) => headers.length > 0);
  return [...new Set(headerLists.flat())]
    .filter((component) => headerLists.every((headers) => headers.includes(component)) && !commonHeaders.includes(component))
    .map((component) => bundle.components.parameters[component].name);
}
const optionOf = (component) => component[0].toLowerCase() + component.slice(1);

/** The contract facts and client of one product, as the tests use them. */
export function productFixtures(product) {
  const bundle = bundles[product];
  const resolve = (node) => deref(bundle, node);
  const wire = Object.fromEntries(Object.entries(bundle.components.parameters).map(([component, p]) => [component, p.name]));

  /**
   * The calls, one per operation: its path, method, the request example named `valid` (undefined
   * for a call without a body), the header parameters it takes by component, and the token options that carry
   * the others, each with its contract example, by option name.
   */
  const calls = operationsOf(bundle).map(({ path, method, operation: op }) => {
    const headers = (op.parameters ?? []).filter((p) => resolve(p).in === 'header').map((p) => componentName(p.$ref));
    const tokens = Object.fromEntries(
      headers
        .filter((component) => !commonHeaders.includes(component))
        .map((component) => [optionOf(component), { wire: wire[component], example: bundle.components.parameters[component].example }]),
    );
    const requestBody = op.requestBody && resolve(op.requestBody.content['application/json'].examples.valid).value;
    return { path, method, op, headers, tokens, body: requestBody };
  });

  /** The method's arguments: the body where the operation takes one, then the call's options. */
  const argumentsOf = (operation, options = {}) => (operation.body === undefined ? [options] : [operation.body, options]);
  /** The token options of an operation, each with its contract example, merged into `options`. */
  const withTokens = (operation, options = {}) => ({
    ...Object.fromEntries(Object.entries(operation.tokens).map(([option, { example }]) => [option, example])),
    ...options,
  });

  return {
    product,
    bundle,
    resolve,
    wire,
    calls,
    argumentsOf,
    withTokens,
    /** Calls the client's method of `operation` with its example body, tokens and `options`. */
    invoke: (client, operation, options) => client[operation.op.operationId](...argumentsOf(operation, withTokens(operation, options))),
    create: (options) => factories[product]({ ...app, ...options }),
    catalogue: catalogue(bundle),
    /** The catalogue entries ({ code, title, ...x-error }) whose messages carry placeholders. */
    templatedCodes: catalogue(bundle).filter((entry) => entry.placeholders.length),
    sessionExample: bundle.components.examples.success.value,
  };
}

/** A fetch that records each request and answers with `answer(request)`. */
export function recordingFetch(answer) {
  const requests = [];
  const fetch = async (request) => {
    requests.push(request);
    return answer(request);
  };
  return { fetch, requests };
}
