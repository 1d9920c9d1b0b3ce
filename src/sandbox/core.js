// The sandbox's behaviour as a function from a standard Request to a standard Response: a stateful
// mock of one product's contract (EIAM or CIAM) for that product's fixture tenant. It applies the
// checks every operation shares (injected failure, headers, body) in the vendor's order and error
// codes, hands the rest to the operation's handler, and answers the control routes under
// /__sandbox/ from the same powers it gives its caller as functions. Nothing in its imports comes
// from Node, so the same core serves the node:http sandbox (./server.js), the MSW handlers in tests
// and in a service worker, and a browser page.
import { products } from '../contract.js';
import { fillMessage, loadContract } from './contract.js';
import { createIdTokenSigner } from './id-token.js';
import { createHandlers } from './operations.js';
import { ownError } from './own-errors.js';
import { createState, StateFull } from './state.js';
import { tenants } from './tenants/index.js';

export const defaultBodyLimit = 64 * 1024;
export const controlPrefix = '/__sandbox';
export const reasonHeader = 'X-Sandbox-Reason';
const reasonHeaderKey = reasonHeader.toLowerCase();
export const failHeader = 'x-sandbox-fail';
const recentCodes = 10;

// Bounds of the control inputs: a clock step of at most a year, a clock at most a century ahead
// (far inside what a Date can hold), and a short list of injected failures, each for at most a
// million calls.
const day = 24 * 60 * 60;
export const clockBounds = Object.freeze({ maxStepSeconds: 366 * day, maxAheadSeconds: 100 * 366 * day });
export const failureBounds = Object.freeze({ maxRules: 100, maxTimes: 1_000_000 });

const blank = (value) => typeof value !== 'string' || value.trim() === '';

/**
 * Caller input made fit for a header value or a quote in an answer: header values must be Latin-1,
 * and reasons quote user input, so anything but printable ASCII is masked, and the text cut at `limit`.
 * @param {unknown} text
 * @param {number} limit
 */
export const printable = (text, limit) =>
  String(text)
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, limit);

/** The sandbox's own error `name` as an answer `{ status, body, reason }`, in English. */
export function ownAnswer(name, values, reason) {
  const entry = ownError(name);
  return {
    status: entry.httpStatus,
    body: { error_code: entry.code, error_msg: fillMessage(entry, 'en', values) },
    reason: reason ?? fillMessage(entry, 'en', values),
  };
}

/**
 * The sandbox of `product` (eiam or ciam) for its fixture tenant: `handle(request)` answers a
 * promise of the Response. `bundle` is the product's bundled contract (or `contract`, already read
 * by ./contract.js); `tenant` replaces the product's own; `issuer` fixes the id_tokens' `iss` (by
 * default, the origin the app called); `clock` gives the time the sandbox starts from (by default
 * the real one; a test's fake clock moves it); `onError` hears of a request the sandbox failed on.
 * The `answer(operation, call)`, when given, answers each call that passed the checks instead of
 * the operation's stateful handler. The control routes' powers come as functions too: reset,
 * sentCodes, advance, now, injectFailure, clearFailures, summary.
 * @param {{ product?: string, bundle?: any, contract?: any, tenant?: any, issuer?: string, clock?: () => Date | number,
 *   bodyLimit?: number, onError?: (error: unknown) => void, answer?: (operation: any, call: any) => any }} [options]
 */
export function createSandboxCore({
  product,
  bundle,
  contract,
  tenant,
  issuer,
  clock,
  bodyLimit = defaultBodyLimit,
  onError = (error) => console.error('sandbox:', error),
  answer: answerWith,
} = {}) {
  if (product === undefined || !products.includes(product))
    throw new Error(`createSandboxCore needs { product }: one of ${products.join(', ')}, got ${product}`);
  contract ??= loadContract(product, bundle);
  tenant ??= tenants[product];
  const state = createState(tenant, clock);
  const signer = createIdTokenSigner(tenant.idToken.signingKey);
  const handlers = createHandlers({ contract, tenant, state, signer });
  const languageKey = contract.header('Language').toLowerCase();
  const clientIdHeader = contract.header('ClientId');
  const channels = Object.keys(tenant.codes);
  const failable = new Set([...contract.operations.values()].filter((operation) => operation.systemBusy).map((operation) => operation.path));
  const routes = controlRoutes(channels);
  const tenantView = tenantSummary(contract, tenant, signer);

  function errorAnswer(entry, language, values, reason) {
    return {
      status: entry.httpStatus,
      body: { error_code: entry.code, error_msg: fillMessage(entry, language, values) },
      // The sandbox's own codes always say why; the vendor's do when the sandbox read something into them.
      reason: reason ?? (entry.own ? fillMessage(entry, 'en', values) : undefined),
    };
  }

  async function callOperation(operation, call, parsed) {
    const language = contract.language(call.headers[languageKey]);
    const fault = (entry, values, reason) => errorAnswer(entry, language, values, reason);

    if (operation.systemBusy && (call.headers[failHeader] !== undefined || state.takeFailure(operation.path))) {
      return fault(operation.systemBusy, {}, 'Failure injected through the sandbox.');
    }
    for (const header of operation.requiredHeaders) {
      const value = call.headers[header.key];
      if (blank(value)) return fault(header.blank, { parameter: header.name }, `${header.name} is missing or blank.`);
      if (header.name === clientIdHeader && value !== tenant.clientId)
        return fault(operation.appNotRegistered, {}, `${header.name} is not the fixture tenant's client id.`);
    }
    let body = {};
    if (operation.body) {
      const isObject = parsed.body !== null && typeof parsed.body === 'object' && !Array.isArray(parsed.body);
      body = isObject ? parsed.body : {};
      const bodyReason = parsed.problem ?? (isObject ? undefined : 'The request body is not a JSON object.');
      for (const { field, blank: missing } of operation.body.required) {
        const value = body[field];
        if (blank(value)) {
          const reason = bodyReason ?? (value === undefined || typeof value === 'string' ? `${field} is missing or blank.` : `${field} must be a string.`);
          return fault(missing, { parameter: field }, reason);
        }
      }
      if (!operation.body.validate(body)) {
        const [problem] = operation.body.validate.errors;
        const field = problem.instancePath.split('/')[1];
        const { invalid } = operation.body.required.find((candidate) => candidate.field === field) ?? operation.body.required[0];
        return fault(invalid, { parameter: field }, `${field} ${problem.message}.`);
      }
    }
    const given = { headers: call.headers, query: call.query, body, issuer: issuer ?? call.origin };
    // `answer` (the MSW scenario mode's) answers a call that passed the checks instead of the state.
    const answer = await (answerWith ? answerWith(operation, given) : handlers.get(operation.id)(given));
    return answer.error ? fault(answer.error, answer.values, answer.reason) : answer;
  }

  /** @param {{ path?: string, times?: number }} [failure] */
  function failureProblem({ path, times } = {}) {
    if ((times !== undefined && !(Number.isInteger(times) && times > 0 && times <= failureBounds.maxTimes)) || (path !== undefined && !failable.has(path))) {
      return `Expected {"times": an integer from 1 to ${failureBounds.maxTimes}, "path": a path of the contract that documents a 500}, both optional.`;
    }
    if (state.failureCount() >= failureBounds.maxRules)
      return `At most ${failureBounds.maxRules} injected failures are held at once; clear them first (DELETE ${controlPrefix}/failures).`;
    return undefined;
  }
  function clockProblem(seconds) {
    if (typeof seconds !== 'number' || !(seconds >= 0 && seconds <= clockBounds.maxStepSeconds)) {
      return `Expected {"advanceSeconds": a number of seconds from 0 to ${clockBounds.maxStepSeconds} (366 days)}.`;
    }
    if (state.offset() + seconds * 1000 > clockBounds.maxAheadSeconds * 1000) {
      return `The sandbox's clock goes at most ${clockBounds.maxAheadSeconds} seconds (a century) ahead; reset it first (POST ${controlPrefix}/reset).`;
    }
    return undefined;
  }

  const powers = {
    /** Forgets attempts, lockouts, codes, captchas, tokens, changed passwords and injected failures; resets the clock. */
    reset: () => state.reset(),
    /** The codes sent so far on `channel` (sms, or email where the product sends them). */
    sentCodes(channel) {
      if (!channels.includes(channel)) throw new RangeError(`No channel ${channel}: the channels are ${channels.join(', ')}`);
      return state.sentCodes(channel);
    },
    /** Moves the sandbox's clock `seconds` forward; answers the new time. */
    advance(seconds) {
      const problem = clockProblem(seconds);
      if (problem) throw new RangeError(problem);
      return new Date(state.advance(seconds * 1000));
    },
    /** The sandbox's time. */
    now: () => new Date(state.now()),
    /** The next `times` calls (to `path`, a path that documents a 500) answer that 500; a path without times fails until cleared. */
    injectFailure(failure = {}) {
      const problem = failureProblem(failure);
      if (problem) throw new RangeError(problem);
      state.injectFailure({ path: failure.path, times: failure.times });
    },
    clearFailures: () => state.clearFailures(),
    /** What GET /__sandbox/ answers: the fixture tenant, the state, the last codes of each channel, and the control routes. */
    summary: () => ({
      product: contract.product,
      tenant: tenantView,
      state: state.summary(),
      // The last few codes of each channel; the channel's own route lists them all.
      sentCodes: Object.fromEntries(channels.map((channel) => [channel, state.sentCodes(channel).slice(-recentCodes)])),
      routes,
    }),
  };

  function control(method, pathname, parsed) {
    const route = `${method} ${pathname.slice(controlPrefix.length) || '/'}`;
    const input = parsed.body ?? {};
    const channel = /^GET \/(\w+)$/.exec(route)?.[1];
    if (channel && channels.includes(channel)) return { status: 200, body: { codes: powers.sentCodes(channel) } };
    switch (route) {
      case 'GET /':
        return { status: 200, body: powers.summary() };
      case 'POST /reset':
        powers.reset();
        return { status: 204 };
      case 'POST /failures': {
        const problem = failureProblem(input);
        if (problem) return ownAnswer('BAD_REQUEST', { problem });
        powers.injectFailure(input);
        return { status: 204 };
      }
      case 'DELETE /failures':
        powers.clearFailures();
        return { status: 204 };
      case 'GET /clock':
        return { status: 200, body: { now: powers.now().toISOString() } };
      case 'POST /clock': {
        const problem = clockProblem(input.advanceSeconds);
        if (problem) return ownAnswer('BAD_REQUEST', { problem });
        return { status: 200, body: { now: powers.advance(input.advanceSeconds).toISOString() } };
      }
      default:
        return ownAnswer('NOT_FOUND', { path: pathname }, `No sandbox control route ${route}. GET ${controlPrefix}/ lists them.`);
    }
  }

  // Reads a Request's body without ever holding more than `bodyLimit` bytes: an oversized body is
  // drained and answered as an unreadable one, so the client gets its answer instead of a reset
  // connection.
  async function readBody(request) {
    if (!request.body) return {};
    const chunks = [];
    let size = 0;
    const reader = request.body.getReader();
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        size += read.value.length;
        if (size <= bodyLimit) chunks.push(read.value);
      }
    } catch {
      return { problem: 'The request body could not be read.' };
    }
    if (size > bodyLimit) return { problem: `The request body is larger than ${bodyLimit} bytes.` };
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return { bytes };
  }

  /** @param {Uint8Array | undefined} bytes */
  function parseBody(bytes) {
    if (!bytes?.length) return { problem: 'The request body is empty.' };
    try {
      // The byte order mark stays, so that a body JSON.parse refuses is refused here too.
      return { body: JSON.parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)) };
    } catch (error) {
      return { problem: `The request body is not valid JSON: ${error instanceof Error ? error.message : error}` };
    }
  }

  /** @param {{ method: string, url: URL, headers: Record<string, string>, parsed: { body?: any, problem?: string } }} call */
  async function route({ method, url, headers, parsed }) {
    const { pathname } = url;
    if (pathname === controlPrefix || pathname.startsWith(`${controlPrefix}/`)) return control(method, pathname, parsed);
    const methods = contract.byPath.get(pathname);
    if (!methods) return ownAnswer('NOT_FOUND', { path: pathname }, `The ${contract.product} contract has no operation at ${pathname}.`);
    const operation = methods.get(method);
    if (!operation) {
      const allowed = [...methods.keys()].join(', ');
      return { ...ownAnswer('METHOD_NOT_ALLOWED', { path: pathname, methods: allowed }), headers: { allow: `${allowed}, OPTIONS` } };
    }
    return callOperation(operation, { headers, origin: url.origin, query: url.searchParams }, parsed);
  }

  /**
   * The sandbox's answer to one call, every fault included: `{ status, headers, body }`, the body
   * as JSON text or undefined. `headers` are the request's, by lower-case name.
   * @param {{ method: string, url: URL, headers: Record<string, string>, parsed: { body?: any, problem?: string } }} call
   */
  async function answer(call) {
    let result;
    try {
      result = await route(call);
    } catch (error) {
      if (error instanceof StateFull) result = ownAnswer('BUSY', { problem: error.message });
      else {
        onError(error);
        result = ownAnswer('INTERNAL');
      }
    }
    const { status, body, reason, headers } = result;
    /** @type {Record<string, string>} */
    const head = { ...headers };
    if (reason) head[reasonHeaderKey] = printable(reason, 300);
    if (body === undefined) return { status, headers: head, body: undefined };
    head['content-type'] = 'application/json';
    return { status, headers: head, body: JSON.stringify(body) };
  }

  // Header names are the caller's: a map without a prototype has no `constructor` to find.
  /** @param {Iterable<[string, string]> | Record<string, string | string[] | undefined>} given */
  const headerMap = (given) => Object.assign(Object.create(null), Symbol.iterator in given ? Object.fromEntries(given) : given);

  return {
    product: contract.product,
    contract,
    tenant,
    state,
    /** The sandbox's answer to `request` (a standard Request), as a standard Response. */
    async handle(request) {
      const read = await readBody(request);
      const parsed = read.problem ? read : parseBody(read.bytes);
      const { status, headers, body } = await answer({ method: request.method, url: new URL(request.url), headers: headerMap(request.headers), parsed });
      return new Response(body ?? null, { status, headers });
    },
    /**
     * The same answer without the Request and Response objects, for the node:http adapter, which
     * has the body's bytes and the headers already, and would pay for building both twice per call:
     * `{ method, url, headers, body? }` in, `{ status, headers, body? }` (JSON text) out.
     * @param {{ method: string, url: URL, headers: Record<string, string | string[] | undefined>, body?: Uint8Array }} call
     */
    answer: ({ method, url, headers, body }) => answer({ method, url, headers: headerMap(headers), parsed: parseBody(body) }),
    ...powers,
  };
}

// What GET /__sandbox/ tells about the fixture tenant: everything a frontend team needs to drive
// it, the answer to its captcha included; of the signing key, only its public half.
function tenantSummary(contract, tenant, signer) {
  const verify = [...contract.operations.values()].find((operation) => operation.body?.schema.properties?.point_json);
  const fixedY = verify && JSON.parse(verify.body.schema.properties.point_json.example).y;
  return {
    clientId: tenant.clientId,
    password: tenant.password,
    codes: tenant.codes,
    users: tenant.users,
    limits: tenant.limits,
    captcha: { ...tenant.captcha, y: fixedY, solution: { point_json: JSON.stringify({ x: tenant.captcha.gap.x, y: fixedY }) } },
    idToken: { lifetimeSeconds: tenant.idToken.lifetimeSeconds, key: signer.publicJwk },
    ...(tenant.renewSessionOnRefresh === undefined ? {} : { renewSessionOnRefresh: tenant.renewSessionOnRefresh }),
  };
}

function controlRoutes(channels) {
  return {
    [`GET ${controlPrefix}/`]: `This summary: the fixture tenant (its captcha solution included), the sandbox state, the last ${recentCodes} codes sent by each channel, and these routes.`,
    [`POST ${controlPrefix}/reset`]:
      'Forget attempts, lockouts, codes, captchas, state and session tokens, changed passwords and injected failures; reset the clock.',
    [`POST ${controlPrefix}/failures`]:
      'Body {"times"?: n, "path"?: "/api/..."}: the next n calls (to that path) answer the documented 500; a path without times fails until cleared.',
    [`DELETE ${controlPrefix}/failures`]: 'Clear injected failures.',
    ...Object.fromEntries(
      channels.map((channel) => [
        `GET ${controlPrefix}/${channel}`,
        `The ${channel === 'sms' ? 'SMS' : 'email'} codes sent so far: ${channel === 'sms' ? 'mobile' : 'email'}, type, code, sentAt, expiresAt, used.`,
      ]),
    ),
    [`GET ${controlPrefix}/clock`]: "The sandbox's clock.",
    [`POST ${controlPrefix}/clock`]: 'Body {"advanceSeconds": n}: move the clock forward (lockouts, codes, captchas and tokens expire on it).',
    '*': `Header ${failHeader}: 500 on any API call that documents a 500 makes that call answer it.`,
  };
}
