// `idaas-sdk-login/msw`: Mock Service Worker handlers for each product's API, for tests (msw/node),
// Storybook and the browser's service worker (msw/browser). Both modes hand every request to the
// sandbox's fetch-shaped core (src/sandbox/core.js), the same code as the Node sandbox of
// `npm start`, fed with the product's trimmed contract (generated/<product>/sandbox-contract.json):
// the core checks headers and body as the vendor does, then the sandbox mode answers from its state
// (logins, lockouts, codes, tokens) and the scenario mode with a named example of the contract.
import { http } from 'msw';
import { deref, operations, products } from '../contract.js';
import { controlPrefix, createSandboxCore, ownAnswer } from '../sandbox/core.js';
import ciam from '../../generated/ciam/sandbox-contract.json' with { type: 'json' };
import eiam from '../../generated/eiam/sandbox-contract.json' with { type: 'json' };
import { escapeRegExp } from '../regexp.js';

const bundles = { eiam, ciam };

function checkProduct(product, entry) {
  if (!products.includes(product)) throw new Error(`${entry} needs { product }: one of ${products.join(', ')}, got ${product}`);
}

// Where the app calls: an absolute baseUrl is one tenant's origin (and path, if any); a relative
// one, or none, is any origin, as a page calls its own with a relative URL.
function baseOf(baseUrl = '') {
  const absolute = /^[a-z][a-z\d+.-]*:\/\//i.test(baseUrl);
  const url = new URL(baseUrl, 'http://any.invalid');
  const prefix = url.pathname.replace(/\/+$/, '');
  return { origin: absolute ? escapeRegExp(url.origin) : 'https?://[^/]+', prefix };
}

// A RegExp on the request's URL without its query (MSW has matched those since 2.0), for `paths`
// given as patterns.
const urlPattern = ({ origin, prefix }, paths) => new RegExp(`^${origin}${escapeRegExp(prefix)}(?:${paths.join('|')})$`);

// The core reads the path the contract names: a baseUrl's own path is taken off first.
function forCore(request, prefix) {
  if (!prefix) return request;
  const url = new URL(request.url);
  url.pathname = url.pathname.slice(prefix.length);
  return new Request(url, request);
}

/**
 * Handlers that answer `product`'s API (and its /__sandbox/ control routes) at `baseUrl` as the
 * stateful sandbox does, for its fixture tenant (or `tenant`). Answers `{ handlers, reset,
 * sentCodes, advance, now, injectFailure, clearFailures, summary, tenant }`: pass `handlers` to
 * setupServer or setupWorker; the functions are the control routes' powers. `clock` (a function
 * answering the time, as a Date or milliseconds) makes the sandbox's time the caller's: lockouts,
 * codes and tokens then expire as that clock moves, and `advance` is left to it.
 */
/** @param {{ product?: string, baseUrl?: string, tenant?: any, clock?: () => Date | number }} [options] */
export function sandboxHandlers({ product, baseUrl, tenant, clock } = {}) {
  checkProduct(product, 'sandboxHandlers');
  if (clock !== undefined && typeof clock !== 'function') throw new TypeError('sandboxHandlers: clock must be a function answering the time');
  const core = createSandboxCore({ product, bundle: bundles[product], tenant, clock });
  const base = baseOf(baseUrl);
  const paths = [...[...core.contract.byPath.keys()].map(escapeRegExp), `${escapeRegExp(controlPrefix)}(?:/[^/]*)?`];
  const handlers = [http.all(urlPattern(base, paths), ({ request }) => core.handle(forCore(request, base.prefix)))];
  const advance = clock
    ? () => {
        throw new Error('sandboxHandlers: with a clock given, move that clock instead of calling advance');
      }
    : core.advance;
  return {
    handlers,
    reset: core.reset,
    sentCodes: core.sentCodes,
    advance,
    now: core.now,
    injectFailure: core.injectFailure,
    clearFailures: core.clearFailures,
    summary: core.summary,
    tenant: core.tenant,
  };
}

// `Prefer: code=400, example=lockedOut` as Prism reads it: comma-separated key=value pairs.
function preferred(header) {
  const pairs = (header ?? '').split(',').map((pair) => pair.trim().split('='));
  return Object.fromEntries(pairs.filter(([key, value]) => key && value !== undefined).map(([key, value]) => [key.trim(), value.trim()]));
}

/**
 * Handlers that answer each operation of `product` at `baseUrl` with a named example of its
 * contract, picked per request as Prism picks it: `Prefer: code=…, example=…` or
 * `?__code=…&__example=…`; by default the first example of the lowest 2xx status. Requests are
 * checked first, as the sandbox checks them. `answer(operationId, { code, example })` is a handler
 * that fixes the pick for one operation, for `server.use(...)` in one test.
 */
/** @param {{ product?: string, baseUrl?: string }} [options] */
export function scenarioHandlers({ product, baseUrl } = {}) {
  checkProduct(product, 'scenarioHandlers');
  const bundle = bundles[product];
  const base = baseOf(baseUrl);
  // Each operation's answers, read once: operations() has already followed their `$ref`s.
  const answersOf = new Map(operations(bundle).map(({ path, method, operation }) => [`${method} ${path}`, operation.responses]));

  function pick(operation, { code, example }) {
    const responses = answersOf.get(`${operation.method.toLowerCase()} ${operation.path}`);
    const statuses = Object.keys(responses).filter((status) => /^\d{3}$/.test(status));
    const withExample = (status) => example === undefined || Object.hasOwn(responses[status].content?.['application/json']?.examples ?? {}, example);
    const status =
      code !== undefined
        ? statuses.find((candidate) => candidate === String(code))
        : (statuses.filter((candidate) => candidate.startsWith('2')).find(withExample) ?? statuses.find(withExample));
    const examples = status && responses[status].content?.['application/json']?.examples;
    const name = example ?? (examples && Object.keys(examples)[0]);
    if (!status || (example !== undefined && !withExample(status))) {
      const known = statuses.map(
        (candidate) => `${candidate} (${Object.keys(responses[candidate].content?.['application/json']?.examples ?? {}).join(', ') || 'no body'})`,
      );
      return ownAnswer('BAD_REQUEST', {
        problem: `${operation.id} has no example ${example ?? ''} for status ${code ?? 'any'}; it has ${known.join('; ')}.`,
      });
    }
    if (name === undefined) return { status: Number(status) };
    return { status: Number(status), body: deref(bundle, examples[name]).value };
  }

  const core = createSandboxCore({
    product,
    bundle,
    answer: (operation, call) => {
      const prefer = preferred(call.headers.prefer);
      return pick(operation, { code: call.query.get('__code') ?? prefer.code, example: call.query.get('__example') ?? prefer.example });
    },
  });
  const handlers = [...core.contract.byPath.keys()].map((path) =>
    http.all(urlPattern(base, [escapeRegExp(path)]), ({ request }) => core.handle(forCore(request, base.prefix))),
  );

  return {
    handlers,
    /**
     * A handler that answers `operationId` with the example `example` of status `code` (either may
     * be left out), whatever the request prefers: it asks the same core with its own Prefer header.
     */
    /** @param {string} operationId @param {{ code?: number | string, example?: string }} [choice] */
    answer(operationId, { code, example } = {}) {
      const operation = core.contract.operations.get(operationId);
      if (!operation) throw new Error(`${product} has no operation ${operationId}`);
      const prefer = [code !== undefined && `code=${code}`, example !== undefined && `example=${example}`].filter(Boolean).join(', ');
      return http.all(urlPattern(base, [escapeRegExp(operation.path)]), ({ request }) => {
        const url = new URL(request.url);
        url.searchParams.delete('__code');
        url.searchParams.delete('__example');
        const headers = new Headers(request.headers);
        headers.set('prefer', prefer);
        return core.handle(
          forCore(new Request(url, /** @type {RequestInit} */ ({ method: request.method, headers, body: request.body, duplex: 'half' })), base.prefix),
        );
      });
    },
  };
}
