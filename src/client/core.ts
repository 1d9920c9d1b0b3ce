// What both products' clients are made of: the options, the checks of the configuration, the call
// of one operation (headers, timeout, abort, parsing, errors) and the types that turn a product's
// generated `operations` into methods. openapi-fetch does the requests; a product's entry
// (eiam.ts, ciam.ts) hands this module its generated client contract and its generated types.
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import { compileTemplates, type Empty, IdaasError, readParams, type CompiledTemplates, type ErrorTemplates } from './errors.js';
import { parsePasswordPolicy, type PasswordPolicy } from './password-policy.js';

/** One operation's facts, as the generated client contract gives them. */
interface OperationFacts {
  readonly method: string;
  readonly path: string;
  readonly headers: readonly string[];
  readonly body: boolean;
  readonly result: 'none' | 'by-status' | 'object';
}

/** The generated client contract of a product (generated/<product>/client-contract.js). */
export interface ProductContract {
  readonly serverUrl: string;
  readonly headerNames: { readonly [component: string]: string };
  readonly operations: { readonly [operationId: string]: OperationFacts };
  readonly passwordPolicyStatuses: readonly string[];
  readonly errorTemplates: ErrorTemplates;
}

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

/**
 * The headers a client sends for every operation that takes them, by component name, and the
 * option each comes from: the client's own API, which the contract does not give. Every other
 * header an operation takes is an option of its call. tests/client/headers.test.js fails when every
 * SDK call of a contract takes a header that is not listed here.
 */
export const commonHeaderOptions = {
  OperatingSysVersion: 'device.osVersion',
  DeviceFingerprint: 'device.fingerprint',
  DeviceIp: 'device.ip',
  Agent: 'device.agent',
  Language: 'language',
  ClientId: 'clientId',
} as const;
type CommonHeader = keyof typeof commonHeaderOptions;
type CommonHeaderName<C extends ProductContract> = C['headerNames'][CommonHeader];

/** Per call: overrides of the common headers (and any other header), and a signal to abort it. */
export interface CallOptions<C extends ProductContract = ProductContract> {
  headers?: { [Name in CommonHeaderName<C>]?: string } & Record<string, string>;
  signal?: AbortSignal;
}

// ---- Types of the methods, from a product's generated `operations` ----

type Flatten<T> = { [Key in keyof T]: T[Key] };
// The `& {}` makes an editor show the object itself, not the name of this type around it.
type Simplify<T> = { [Key in keyof T]: T[Key] } & Empty;

type HeaderParameters<Op> = Op extends { parameters: { header?: infer H } } ? ([H] extends [never] ? Empty : NonNullable<H>) : Empty;
type ComponentOf<C extends ProductContract, Wire> = {
  [Component in keyof C['headerNames']]: C['headerNames'][Component] extends Wire ? Component : never;
}[keyof C['headerNames']];

/**
 * The headers a caller gives per call, as options named after their components (`stateToken` for
 * `X-state-token`, `sessionToken` for `session-token`): those of the operation that the client does
 * not set itself, required where the contract requires them.
 */
export type TokenOptions<C extends ProductContract, Op> = {
  [Wire in keyof HeaderParameters<Op> as Wire extends CommonHeaderName<C> ? never : Uncapitalize<ComponentOf<C, Wire> & string>]: string;
};

type OptionsParameter<O> = Empty extends O ? [options?: Simplify<O>] : [options: Simplify<O>];
type RequestBody<Op> = Op extends { requestBody: { content: { 'application/json': infer Body } } } ? Body : undefined;
type Parameters<C extends ProductContract, Op> = [RequestBody<Op>] extends [undefined]
  ? OptionsParameter<CallOptions<C> & TokenOptions<C, Op>>
  : [body: RequestBody<Op>, ...OptionsParameter<CallOptions<C> & TokenOptions<C, Op>>];

/**
 * A status the contract does not list, as the vendor sent it. Typed as a pattern no listed status
 * matches because TypeScript stops narrowing a union on `status` as soon as one member's status is
 * `string` (or `string & {}`): this keeps `if (result.status === ...)` narrowing on the listed ones.
 */
export type UnknownStatus = `${string} (a status the contract does not list)`;
export interface UnknownResult {
  status: UnknownStatus;
}

type SuccessBody<Op> = Op extends { responses: { 200: { content: { 'application/json': infer Body } } } } ? Body : undefined;

/**
 * One member per status: a result whose `status` may take two values (`PASSWORD_WARN`,
 * `PASSWORD_EXPIRED`) becomes two, so that ruling out every listed status, one `===` at a time,
 * leaves the unknown result alone. A status that carries a password policy gets it parsed.
 */
type PerStatus<Body, PolicyStatus> = Body extends { status: infer Status }
  ? Status extends string
    ? Simplify<{ status: Status } & Omit<Body, 'status'> & (Status extends PolicyStatus ? { passwordPolicy: PasswordPolicy } : Empty)>
    : never
  : never;

/**
 * What a method resolves with: undefined when the 200 has no body; a body told apart by `status`,
 * one member per listed status, or a status the contract does not list; any other body as it is.
 */
export type Result<C extends ProductContract, Op> =
  SuccessBody<Op> extends undefined
    ? undefined
    : SuccessBody<Op> extends { status: string }
      ? PerStatus<SuccessBody<Op>, C['passwordPolicyStatuses'][number]> | UnknownResult
      : SuccessBody<Op>;

export type Method<C extends ProductContract, Op> = (...args: Parameters<C, Op>) => Promise<Result<C, Op>>;

type WithoutCommonHeaders<C extends ProductContract, H> = Flatten<Omit<H, CommonHeaderName<C>> & Partial<Pick<H, Extract<keyof H, CommonHeaderName<C>>>>>;
type HeaderParameter<H> = Empty extends H ? { header?: H } : { header: H };
type RelaxOperation<C extends ProductContract, Op> = Op extends { parameters: { header: infer H } }
  ? Flatten<
      Omit<Op, 'parameters'> & {
        parameters: Flatten<Omit<Op['parameters'], 'header'> & HeaderParameter<WithoutCommonHeaders<C, H>>>;
      }
    >
  : Op;

/**
 * A product's paths, except that the headers the client sets for every call are optional: the
 * contract marks them required, as the vendor does, and openapi-fetch would otherwise ask for them
 * at every call site although the client already sends them.
 */
export type RawPaths<C extends ProductContract, Paths> = {
  [P in keyof Paths]: { [M in keyof Paths[P]]: RelaxOperation<C, Paths[P][M]> };
};

/**
 * One method per operation of the product, named by its operationId; mapped over the generated
 * operations so that an editor shows each method with its operation's summary and description.
 */
export type ProductClient<C extends ProductContract, Operations, Paths> = {
  [K in keyof C['operations']]: K extends keyof Operations ? Method<C, Operations[K]> : never;
} & {
  /**
   * A standard openapi-fetch client with the common headers set, for anything else. The methods
   * above do not go through it, so middleware added to it sees only its own calls.
   */
  readonly raw: Client<RawPaths<C, Paths>>;
};

// ---- Run time ----

/** A product's contract with what its clients compute from it once. */
export interface Product {
  readonly contract: ProductContract;
  readonly templates: CompiledTemplates;
  readonly policyStatuses: ReadonlySet<string>;
}

export function defineProduct(contract: ProductContract): Product {
  return { contract, templates: compileTemplates(contract.errorTemplates), policyStatuses: new Set(contract.passwordPolicyStatuses) };
}

type LooseRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<{ data?: string; error?: unknown; response: Response }>;

type CallArguments = CallOptions & Record<string, unknown>;

// setTimeout fires at once when asked to wait longer than this.
const longestTimerMs = 2 ** 31 - 1;

const configError = (message: string) => new IdaasError('config', message);

/**
 * Makes a client of `product`: an object with one method per operation and `raw`. The product's
 * entry gives it its type; `create` names the entry's factory in the messages of config errors.
 */
export function createProductClient(product: Product, options: IdaasClientOptions, create: string): Record<string, unknown> {
  const { contract } = product;
  const { headerNames } = contract;
  const { device, timeoutMs = 30_000 } = options;
  if (!(timeoutMs > 0 && (timeoutMs <= longestTimerMs || timeoutMs === Infinity))) {
    throw configError(`options.timeoutMs must be from 1 to ${longestTimerMs} ms, or Infinity; got ${timeoutMs}`);
  }
  const baseUrl = baseUrlOf(contract.serverUrl, options, create);
  const values: Record<CommonHeader, string | undefined> = {
    OperatingSysVersion: device?.osVersion,
    DeviceFingerprint: device?.fingerprint,
    DeviceIp: device?.ip,
    Agent: device?.agent,
    Language: options.language,
    ClientId: options.clientId,
  };
  const commonHeaders: Record<string, string> = {};
  for (const [component, value] of Object.entries(values)) {
    const name = headerNames[component];
    if (value === undefined || name === undefined) continue;
    checkHeader(name, value, `options.${commonHeaderOptions[component as CommonHeader]}`);
    commonHeaders[name] = value;
  }

  const raw = createClient({ baseUrl, headers: commonHeaders, ...(options.fetch && { fetch: options.fetch }) });
  // The methods have an openapi-fetch client of their own, without common headers: each operation
  // sends those it takes.
  const request = createClient({ baseUrl, ...(options.fetch && { fetch: options.fetch }) }).request as unknown as LooseRequest;

  const methods = Object.entries(contract.operations).map(([operationId, facts]) => {
    const sent: Record<string, string> = {};
    const tokens: { option: string; name: string }[] = [];
    for (const component of facts.headers) {
      // biome-ignore lint/style/noNonNullAssertion: the generated contract names every header its operations take.
      const name = headerNames[component]!;
      if (component in commonHeaderOptions) {
        if (commonHeaders[name] !== undefined) sent[name] = commonHeaders[name];
      } else {
        // The operation's other headers are given per call, as options named after their components.
        tokens.push({ option: component.charAt(0).toLowerCase() + component.slice(1), name });
      }
    }
    const method = (...args: unknown[]) => {
      const [body, callArgs] = facts.body ? args : [undefined, args[0]];
      return call(facts, body, sent, tokens, callArgs as CallArguments | undefined);
    };
    return [operationId, method] as const;
  });

  async function call(
    facts: OperationFacts,
    body: unknown,
    sent: Record<string, string>,
    tokens: { option: string; name: string }[],
    args: CallArguments = {},
  ) {
    const { headers: overrides, signal } = args;
    signal?.throwIfAborted();
    let headers = sent;
    if (overrides !== undefined || tokens.length > 0) {
      headers = { ...sent };
      for (const [name, value] of Object.entries(overrides ?? {})) {
        checkHeader(name, value, `options.headers[${JSON.stringify(name)}]`);
        headers[name] = value;
      }
      for (const { option, name } of tokens) {
        const value = args[option];
        if (value === undefined) continue;
        checkHeader(name, value as string, `options.${option}`);
        headers[name] = value as string;
      }
    }
    const deadline = timeoutMs === Infinity ? undefined : new Deadline(timeoutMs, signal);
    let answer: Awaited<ReturnType<LooseRequest>>;
    try {
      answer = await request(facts.method, facts.path, {
        body,
        headers,
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
    if (!response.ok) throw errorOf(product.templates, facts.path, response.status, answer.error, Date.now());
    return facts.result === 'none' ? undefined : resultOf(product, facts, response.status, answer.data);
  }

  return { ...Object.fromEntries(methods), raw };
}

/**
 * Refuses a header the platform's Headers would refuse (a line break, NUL, a character beyond
 * U+00FF, a name that is not a token), naming the option it came from. The platform's own message
 * is left out: it quotes the value, which may be a token.
 */
function checkHeader(name: string, value: string, option: string): void {
  try {
    new Headers([[name, value]]);
  } catch {
    throw configError(
      `${option} cannot be sent as the header ${JSON.stringify(name)}: a name must be a token, a value may hold no line break, NUL or character beyond U+00FF`,
    );
  }
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The URL every path is appended to: `baseUrl` as given, or the contract's server URL with the
 * tenant's `domain` put in its variable. Either must be an http(s) URL without credentials, query
 * or fragment, since a path is appended to it as text; a domain may not add a path of its own.
 */
function baseUrlOf(serverUrl: string, options: IdaasClientOptions, create: string): string {
  const variable = /\{\w+\}/;
  const { baseUrl, domain } = options;
  if (typeof baseUrl === 'string') {
    if (isBase(parseUrl(baseUrl))) return baseUrl;
    throw configError(`options.baseUrl must be an http(s) URL without user, query or fragment; got ${JSON.stringify(baseUrl)}`);
  }
  if (typeof domain === 'string') {
    const text = serverUrl.replace(variable, domain);
    const url = parseUrl(text);
    if (isBase(url) && url?.pathname === parseUrl(serverUrl.replace(variable, 'tenant.invalid'))?.pathname) return text;
    throw configError(`options.domain must be a host name, to put in ${serverUrl}; got ${JSON.stringify(domain)}`);
  }
  throw configError(`${create} needs options.domain (the tenant's domain) or options.baseUrl`);
}

const isBase = (url: URL | undefined) => url !== undefined && /^https?:$/.test(url.protocol) && !url.username && !url.password && !url.search && !url.hash;

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

function errorOf(templates: CompiledTemplates, path: string, httpStatus: number, body: unknown, receivedAt: number): IdaasError {
  const details = { httpStatus, receivedAt };
  if (body === undefined || body === '') {
    return new IdaasError('invalid-response', `${path} answered HTTP ${httpStatus} with an empty body`, details);
  }
  if (typeof body === 'string') {
    return new IdaasError('invalid-response', `${path} answered HTTP ${httpStatus} with a body that is not JSON`, details);
  }
  const { error_code: code, error_msg: message } = body as { error_code?: unknown; error_msg?: unknown };
  if (typeof code !== 'string' || code === '') {
    return new IdaasError('invalid-response', `${path} answered HTTP ${httpStatus} without an error code`, details);
  }
  const text = typeof message === 'string' ? message : code;
  const params = readParams(templates, code, text);
  return new IdaasError('http', text, { ...details, code, ...(params && { params }) });
}

function resultOf(product: Product, facts: OperationFacts, httpStatus: number, text: string | undefined): unknown {
  const invalid = (what: string, cause?: unknown) =>
    new IdaasError('invalid-response', `${facts.path} answered HTTP ${httpStatus} with ${what}`, { httpStatus, cause });
  if (!text) throw invalid('an empty body');
  let result: unknown;
  try {
    result = JSON.parse(text);
  } catch {
    // The SyntaxError is left out: its message quotes the body, which may hold a token.
    throw invalid('a body that is not JSON');
  }
  if (typeof result !== 'object' || result === null || Array.isArray(result)) throw invalid('a body that is not a JSON object');
  if (facts.result === 'object') return result;
  const { status, data } = result as { status?: unknown; data?: unknown };
  if (typeof status !== 'string') throw invalid('a body without a status');
  if (!product.policyStatuses.has(status)) return result;
  try {
    return { ...result, passwordPolicy: parsePasswordPolicy(String(data)) };
  } catch (error) {
    throw invalid('a password policy that cannot be read', error);
  }
}
