// IdaasError, the one error every call of either client rejects with. For an answer of the API it
// carries the code, the message, and the figures the message holds (attempts left, lockout time),
// read back through the product's catalogue templates in every language the catalogue gives. The
// class is one for both products; each product's entry gives it that product's codes as its type.

/**
 * `http`: the API answered with an error body. `network`: no answer arrived. `timeout`: no answer
 * within `timeoutMs`. `invalid-response`: an answer arrived that is not what the contract says
 * (an empty or non-JSON body, a body without `error_code` or `status`, an unreadable password policy
 * or key set). `config`: an option of the client or of a call cannot be used (a `baseUrl` or
 * `domain` that gives no http(s) URL, a header value that cannot be sent, a `timeoutMs` a timer
 * cannot wait); nothing was sent. `invalid-token`: an id_token whose signature, algorithm, key or
 * claims do not pass verification.
 */
export type IdaasErrorKind = 'http' | 'network' | 'timeout' | 'invalid-response' | 'config' | 'invalid-token';

export interface Lockout {
  minutes: number;
  seconds: number;
  /** When the lock ends, counted from the moment the answer arrived. */
  endsAt: Date;
}

/** A product's templated messages, as generated in `errorTemplates` of its client contract. */
export type ErrorTemplates = {
  readonly [code: string]: {
    readonly messages: { readonly [language: string]: string };
    readonly placeholders: readonly { readonly name: string; readonly type: string }[];
  };
};

type Placeholder<T extends ErrorTemplates> = T[keyof T]['placeholders'][number];
type Value<P extends { type: string }> = P['type'] extends 'integer' ? number : string;

/** The values of a message's placeholders, by the names the catalogue gives them. */
export type ErrorParams<T extends ErrorTemplates = ErrorTemplates> = {
  [P in Placeholder<T> as P['name']]?: Value<P>;
};

/** The type that adds nothing to an intersection, and that every object type extends. */
export type Empty = Record<never, never>;

/** The placeholders of one code's message, every one present: what a message of that code holds. */
export type ParamsOf<T extends ErrorTemplates, C> = C extends keyof T ? { readonly [P in T[C]['placeholders'][number] as P['name']]: Value<P> } : Empty;

/**
 * The figures a code's placeholders give: `remainingAttempts` where the catalogue names one so, a
 * `lockout` where it names `minutes` and `seconds`.
 */
export type FiguresOf<T extends ErrorTemplates, C> = { readonly params: ParamsOf<T, C> } & (ParamsOf<T, C> extends {
  remainingAttempts: number;
}
  ? { readonly remainingAttempts: number }
  : Empty) &
  (ParamsOf<T, C> extends { minutes: number; seconds: number } ? { readonly lockout: Lockout } : Empty);

export interface IdaasErrorDetails {
  httpStatus?: number;
  code?: string;
  /**
   * The figures read from the message; left out for a code whose message should hold figures but
   * reads otherwise, so that `is(code)` does not promise them.
   */
  params?: Record<string, string | number>;
  receivedAt?: number;
  cause?: unknown;
}

/**
 * @typeParam Known - the error codes the product's contract documents.
 * @typeParam Templates - the product's templated messages, which say which code carries which figure.
 */
export class IdaasError<Known extends string = string, Templates extends ErrorTemplates = ErrorTemplates> extends Error {
  override name = 'IdaasError';
  readonly kind: IdaasErrorKind;
  readonly httpStatus: number | undefined;
  /** A documented code, or one the contract does not list yet, kept as sent. */
  readonly code: Known | (string & {}) | undefined;
  readonly params: ErrorParams<Templates>;
  readonly remainingAttempts: number | undefined;
  readonly lockout: Lockout | undefined;
  readonly #figuresRead: boolean;

  constructor(kind: IdaasErrorKind, message: string, details: IdaasErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.httpStatus = details.httpStatus;
    this.code = details.code;
    this.#figuresRead = details.params !== undefined;
    const params: Record<string, string | number | undefined> = details.params ?? {};
    this.params = params as ErrorParams<Templates>;
    const { remainingAttempts, minutes, seconds } = params;
    this.remainingAttempts = typeof remainingAttempts === 'number' ? remainingAttempts : undefined;
    this.lockout =
      typeof minutes === 'number' && typeof seconds === 'number'
        ? { minutes, seconds, endsAt: new Date((details.receivedAt ?? Date.now()) + (minutes * 60 + seconds) * 1000) }
        : undefined;
  }

  /**
   * True when the error has this documented code and its message gave every figure the code's
   * template holds; narrows `code`, `params` and the figures (`remainingAttempts`, `lockout`) to
   * what that code carries. A message in a wording the catalogue does not have gives no figures, and
   * then `is` is false: compare `error.code` to test the code alone.
   */
  is<C extends Known>(code: C): this is this & { readonly code: C } & FiguresOf<Templates, C> {
    return this.code === code && this.#figuresRead;
  }
}

/** A product's templates, compiled once: per code, a pattern per language and the placeholders. */
export type CompiledTemplates = ReadonlyMap<string, { patterns: RegExp[]; placeholders: readonly { name: string; type: string }[] }>;

export function compileTemplates(templates: ErrorTemplates): CompiledTemplates {
  return new Map(
    Object.entries(templates).map(([code, { messages, placeholders }]) => [
      code,
      { patterns: Object.values(messages).map((message) => toPattern(message, placeholders)), placeholders },
    ]),
  );
}

// `{n}` becomes a named group `pn`, so that a language may put the placeholders in another order;
// runs of spaces may vary, since the vendor's messages are not consistent about them.
function toPattern(template: string, placeholders: readonly { type: string }[]): RegExp {
  const source = template
    .split(/(\{\d+\})/)
    .map((part) => {
      const index = /^\{(\d+)\}$/.exec(part)?.[1];
      if (index === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
      return `(?<p${index}>${placeholders[Number(index)]?.type === 'integer' ? '\\d+' : '.+?'})`;
    })
    .join('');
  return new RegExp(`^\\s*${source}\\s*$`, 'u');
}

/**
 * The figures of `message` by placeholder name: `{}` for a code without a template, undefined for a
 * templated code whose message matches none of its languages.
 */
export function readParams(templates: CompiledTemplates, code: string, message: string): Record<string, string | number> | undefined {
  const template = templates.get(code);
  if (template === undefined) return {};
  const groups = template.patterns.map((pattern) => pattern.exec(message)?.groups).find(Boolean);
  if (groups === undefined) return undefined;
  return Object.fromEntries(
    template.placeholders.map(({ name, type }, index) => {
      const value = groups[`p${index}`] ?? '';
      return [name, type === 'integer' ? Number(value) : value];
    }),
  );
}

/**
 * IdaasError's constructor, typed with one product's codes: what a product's entry exports, so that
 * `error instanceof IdaasError` narrows to that product's error.
 */
export interface IdaasErrorClass<Known extends string, Templates extends ErrorTemplates> {
  new (kind: IdaasErrorKind, message: string, details?: IdaasErrorDetails): IdaasError<Known, Templates>;
  readonly prototype: IdaasError<Known, Templates>;
}
