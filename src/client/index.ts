// The typed client of the IDaaS SDK login API. openapi-fetch does the requests with the types that
// openapi-typescript generates from the contract; this layer adds only what the contract cannot say
// by itself: headers configured once, one method per operationId, results with the password policy
// parsed, and one error class with the figures of the vendor's messages.
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
// The specifiers are those of the published package, where dist/ sits next to generated/;
// tsconfig's rootDirs makes them resolve the same way from src/client.
import type { components, operations, paths } from '../generated/schema.js';
import {
  headerNames,
  operations as operationFacts,
  passwordPolicyStatuses,
  serverUrl,
} from '../generated/client-contract.js';
import { IdaasError } from './errors.js';
import { parsePasswordPolicy, type PasswordPolicy } from './password-policy.js';

export { IdaasError } from './errors.js';
export type { ErrorCode, ErrorParams, IdaasErrorKind, KnownErrorCode, Lockout } from './errors.js';
export { checkPassword, parsePasswordPolicy } from './password-policy.js';
export type { PasswordCheck, PasswordPolicy } from './password-policy.js';
export type { components, operations, paths };

type HeaderNames = typeof headerNames;
/** The headers the client sends on every call, by component name. */
type CommonHeader = 'OperatingSysVersion' | 'DeviceFingerprint' | 'DeviceIp' | 'Agent' | 'Language' | 'ClientId';
type CommonHeaderName = HeaderNames[CommonHeader];
type StateTokenHeaderName = HeaderNames['StateToken'];

export interface DeviceInfo {
  osVersion: string;
  fingerprint: string;
  agent: string;
  ip?: string;
}

export type IdaasClientOptions = ({ domain: string; baseUrl?: never } | { baseUrl: string; domain?: never }) & {
  clientId: string;
  device: DeviceInfo;
  /** Language of the error messages; without it the API answers in English. */
  language?: string;
  fetch?: ClientOptions['fetch'];
  /**
   * How long a call may wait for its whole answer: 30 000 ms unless given, at most 2 147 483 647
   * (the longest delay a timer can take), or `Infinity` for no time limit.
   */
  timeoutMs?: number;
};

/** Per call: overrides of the common headers (and any other header), and a signal to abort it. */
export interface CallOptions {
  headers?: { [Name in CommonHeaderName]?: string } & Record<string, string>;
  signal?: AbortSignal;
}

type OperationId = keyof operations;
type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : undefined;
export type RequestBody<K extends OperationId> = JsonContent<operations[K]['requestBody']>;
type SuccessBody<K extends OperationId> = JsonContent<operations[K]['responses'][200]>;

type WithPolicy<R> = R extends components['schemas']['PasswordChangeRequired']
  ? R & { passwordPolicy: PasswordPolicy }
  : R;

/**
 * A status the contract does not list, as the vendor sent it. Typed as a pattern no listed status
 * matches because TypeScript stops narrowing a union on `status` as soon as one member's status is
 * `string` (or `string & {}`): this keeps `if (result.status === ...)` narrowing on the listed ones.
 */
export type UnknownStatus = `${string} (a status the contract does not list)`;
export interface UnknownResult {
  status: UnknownStatus;
}

/** What a method resolves with: the 200 body narrowed by `status`, or undefined when it has none. */
export type Result<K extends OperationId> =
  SuccessBody<K> extends undefined ? undefined : WithPolicy<SuccessBody<K>> | UnknownResult;

type NeedsStateToken<K extends OperationId> =
  StateTokenHeaderName extends keyof operations[K]['parameters']['header'] ? true : false;

export type Method<K extends OperationId> =
  NeedsStateToken<K> extends true
    ? (body: RequestBody<K>, options: CallOptions & { stateToken: string }) => Promise<Result<K>>
    : (body: RequestBody<K>, options?: CallOptions) => Promise<Result<K>>;

type Flatten<T> = { [Key in keyof T]: T[Key] };
type WithoutCommonHeaders<H> = Flatten<
  Omit<H, CommonHeaderName> & Partial<Pick<H, Extract<keyof H, CommonHeaderName>>>
>;
type HeaderParameter<H> = {} extends H ? { header?: H } : { header: H };
type RelaxOperation<Op> = Op extends { parameters: { header: infer H } }
  ? Flatten<
      Omit<Op, 'parameters'> & {
        parameters: Flatten<Omit<Op['parameters'], 'header'> & HeaderParameter<WithoutCommonHeaders<H>>>;
      }
    >
  : Op;

/**
 * The contract's paths, except that the headers the client sets for every call are optional: the
 * contract marks them required, as the vendor does, and openapi-fetch would otherwise ask for them
 * at every call site although the client already sends them.
 */
export type RawPaths = {
  [P in keyof paths]: { [M in keyof paths[P]]: RelaxOperation<paths[P][M]> };
};

export type IdaasClient = { [K in OperationId]: Method<K> } & {
  /**
   * A standard openapi-fetch client with the common headers set, for anything else. The methods
   * above do not go through it, so middleware added to it sees only its own calls.
   */
  readonly raw: Client<RawPaths>;
};

type LooseRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: string; error?: unknown; response: Response }>;

interface CallArguments extends CallOptions {
  stateToken?: string;
}

const statusesWithPolicy = new Set<string>(passwordPolicyStatuses);

export function createIdaasClient(options: IdaasClientOptions): IdaasClient {
  const { device, timeoutMs = 30_000 } = options;
  if (!(timeoutMs > 0 && (timeoutMs <= longestTimerMs || timeoutMs === Infinity))) {
    throw new RangeError(`timeoutMs must be from 1 to ${longestTimerMs} ms, or Infinity; got ${timeoutMs}`);
  }
  const commonHeaders: Record<string, string | undefined> = {
    [headerNames.OperatingSysVersion]: device.osVersion,
    [headerNames.DeviceFingerprint]: device.fingerprint,
    [headerNames.DeviceIp]: device.ip,
    [headerNames.Agent]: device.agent,
    [headerNames.Language]: options.language,
    [headerNames.ClientId]: options.clientId,
  };
  const baseUrl = baseUrlOf(options);
  const raw = createClient<RawPaths>({ baseUrl, headers: commonHeaders, ...(options.fetch && { fetch: options.fetch }) });
  // The methods have an openapi-fetch client of their own. Given a fetch, it hands that fetch a
  // real Request, as openapi-fetch documents. Otherwise it builds a PlainRequest and calls the
  // global fetch with the URL and init: handing it a Request instead makes the platform's fetch
  // build a second one (in Node, ~20% of a call against a local server), and only middleware,
  // which these calls never have, could want a real one.
  const request = createClient<RawPaths>({
    baseUrl,
    headers: commonHeaders,
    ...(options.fetch ? { fetch: options.fetch } : { Request: PlainRequest as unknown as typeof Request, fetch: fetchPlain }),
  }).request as unknown as LooseRequest;

  async function call(facts: (typeof operationFacts)[OperationId], body: unknown, args: CallArguments = {}) {
    const { headers, signal, stateToken } = args;
    signal?.throwIfAborted();
    const deadline = timeoutMs === Infinity ? undefined : new Deadline(timeoutMs, signal);
    let answer: Awaited<ReturnType<LooseRequest>>;
    try {
      answer = await request(facts.method, facts.path, {
        body,
        headers: stateToken === undefined ? headers : { ...headers, [headerNames.StateToken]: stateToken },
        signal: deadline?.signal ?? signal,
        // Bodies are parsed here, not by openapi-fetch, so that a 200 that is not JSON becomes
        // an IdaasError with its HTTP status instead of a bare SyntaxError.
        parseAs: 'text',
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (deadline?.passed) {
        throw new IdaasError('timeout', `No answer from ${facts.path} within ${timeoutMs} ms`, { cause: error });
      }
      throw new IdaasError('network', `The request to ${facts.path} failed before an answer arrived`, { cause: error });
    } finally {
      deadline?.dispose();
    }
    const { response } = answer;
    if (!response.ok) throw errorOf(facts.path, response.status, answer.error, Date.now());
    return facts.resultBody ? resultOf(facts.path, response.status, answer.data) : undefined;
  }

  const methods = Object.fromEntries(
    Object.entries(operationFacts).map(([operationId, facts]) => [
      operationId,
      (body: unknown, args?: CallArguments) => call(facts, body, args),
    ]),
  );
  return { ...methods, raw } as unknown as IdaasClient;
}

// setTimeout fires at once when asked to wait longer than this.
const longestTimerMs = 2 ** 31 - 1;

/** A signal that aborts when the caller's signal does, or when `timeoutMs` has passed. */
class Deadline {
  readonly signal: AbortSignal;
  passed = false;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly follow = () => this.controller.abort(this.callerSignal?.reason);

  constructor(
    timeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.signal = this.controller.signal;
    callerSignal?.addEventListener('abort', this.follow, { once: true });
    this.timer = setTimeout(() => {
      this.passed = true;
      this.controller.abort();
    }, timeoutMs);
  }

  dispose() {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.follow);
  }
}

/**
 * What openapi-fetch reads of the Request it builds: what it passes to the constructor, kept as
 * given (its headers are already a Headers), the `method` it checks after the answer, and the
 * `method` and `signal` it would otherwise copy onto the request from the call's options.
 */
class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  readonly signal: AbortSignal | null;
  readonly redirect: RequestRedirect;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.headers = init.headers as Headers;
    this.body = init.body ?? null;
    this.signal = init.signal ?? null;
    this.redirect = init.redirect ?? 'follow';
  }
}

function fetchPlain(request: Request): Promise<Response> {
  const { url, method, headers, body, signal, redirect } = request as unknown as PlainRequest;
  return globalThis.fetch(url, { method, headers, body, signal, redirect });
}

function baseUrlOf(options: IdaasClientOptions): string {
  if (options.baseUrl !== undefined) return options.baseUrl;
  if (options.domain !== undefined) return serverUrl.replace(/\{\w+\}/, options.domain);
  throw new TypeError('createIdaasClient needs a domain or a baseUrl');
}

function errorOf(path: string, httpStatus: number, body: unknown, receivedAt: number): IdaasError {
  const details = { httpStatus, receivedAt };
  if (body === undefined || body === '') {
    return new IdaasError('invalid-response', `${path} answered HTTP ${httpStatus} with an empty body`, details);
  }
  if (typeof body === 'string') {
    return new IdaasError('invalid-response', `${path} answered HTTP ${httpStatus} with a body that is not JSON`, details);
  }
  const { error_code: code, error_msg: message } = body as Partial<components['schemas']['Error']>;
  if (typeof code !== 'string' || code === '') {
    return new IdaasError('invalid-response', `${path} answered HTTP ${httpStatus} without an error code`, details);
  }
  return new IdaasError('http', typeof message === 'string' ? message : code, { ...details, code });
}

function resultOf(path: string, httpStatus: number, text: string | undefined): unknown {
  const invalid = (what: string, cause?: unknown) =>
    new IdaasError('invalid-response', `${path} answered HTTP ${httpStatus} with ${what}`, { httpStatus, cause });
  if (!text) throw invalid('an empty body');
  let result: unknown;
  try {
    result = JSON.parse(text);
  } catch {
    // The SyntaxError is left out: its message quotes the body, which may hold a token.
    throw invalid('a body that is not JSON');
  }
  if (typeof result !== 'object' || result === null || typeof (result as { status?: unknown }).status !== 'string') {
    throw invalid('a body without a status');
  }
  const { status, data } = result as { status: string; data?: unknown };
  if (!statusesWithPolicy.has(status)) return result;
  try {
    return { ...result, passwordPolicy: parsePasswordPolicy(String(data)) };
  } catch (error) {
    throw invalid('a password policy that cannot be read', error);
  }
}
