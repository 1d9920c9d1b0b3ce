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
  /** How long a call may wait for its whole answer, 30 000 ms unless given. */
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
  /** The openapi-fetch client underneath, with the common headers set, for anything else. */
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
  const commonHeaders: Record<string, string | undefined> = {
    [headerNames.OperatingSysVersion]: device.osVersion,
    [headerNames.DeviceFingerprint]: device.fingerprint,
    [headerNames.DeviceIp]: device.ip,
    [headerNames.Agent]: device.agent,
    [headerNames.Language]: options.language,
    [headerNames.ClientId]: options.clientId,
  };
  const raw = createClient<RawPaths>({
    baseUrl: baseUrlOf(options),
    headers: commonHeaders,
    ...(options.fetch && { fetch: options.fetch }),
  });
  const request = raw.request as unknown as LooseRequest;

  async function call(facts: (typeof operationFacts)[OperationId], body: unknown, args: CallArguments = {}) {
    const { headers, signal, stateToken } = args;
    signal?.throwIfAborted();
    const controller = new AbortController();
    const abort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', abort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let answer: Awaited<ReturnType<LooseRequest>>;
    try {
      answer = await request(facts.method, facts.path, {
        body,
        headers: stateToken === undefined ? headers : { ...headers, [headerNames.StateToken]: stateToken },
        signal: controller.signal,
        // Bodies are parsed here, not by openapi-fetch, so that a 200 that is not JSON becomes
        // an IdaasError with its HTTP status instead of a bare SyntaxError.
        parseAs: 'text',
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) {
        throw new IdaasError('timeout', `No answer from ${facts.path} within ${timeoutMs} ms`, { cause: error });
      }
      throw new IdaasError('network', `The request to ${facts.path} failed before an answer arrived`, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
    const { response } = answer;
    const receivedAt = Date.now();
    if (!response.ok) throw errorOf(facts.path, response.status, answer.error, receivedAt);
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
