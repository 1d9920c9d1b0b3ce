// IdaasError, the one error every call of the client rejects with. For an answer of the API it
// carries the code, the message, and the figures the message holds (attempts left, lockout time),
// read back through the catalogue's message templates in every language the catalogue gives.
import type { components } from '../generated/schema.js';
import { errorTemplates } from '../generated/client-contract.js';

/** The error codes the contract documents. */
export type KnownErrorCode = components['schemas']['ErrorCode'];
/** What `code` may hold: a documented code, or one the contract does not list yet, kept as sent. */
export type ErrorCode = KnownErrorCode | (string & {});

/**
 * `http`: the API answered with an error body. `network`: no answer arrived. `timeout`: no answer
 * within `timeoutMs`. `invalid-response`: an answer arrived that is not what the contract says
 * (an empty or non-JSON body, a body without `error_code` or `status`, an unreadable password policy).
 */
export type IdaasErrorKind = 'http' | 'network' | 'timeout' | 'invalid-response';

type Placeholder = (typeof errorTemplates)[keyof typeof errorTemplates]['placeholders'][number];
/** The values of a message's placeholders, by the names the catalogue gives them. */
export type ErrorParams = {
  [P in Placeholder as P['name']]?: P['type'] extends 'integer' ? number : string;
};

export interface Lockout {
  minutes: number;
  seconds: number;
  /** When the lock ends, counted from the moment the answer arrived. */
  endsAt: Date;
}

interface ErrorDetails {
  httpStatus?: number;
  code?: string;
  receivedAt?: number;
  cause?: unknown;
}

export class IdaasError extends Error {
  override name = 'IdaasError';
  readonly kind: IdaasErrorKind;
  readonly httpStatus: number | undefined;
  readonly code: ErrorCode | undefined;
  readonly params: ErrorParams;
  readonly remainingAttempts: number | undefined;
  readonly lockout: Lockout | undefined;

  constructor(kind: IdaasErrorKind, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.httpStatus = details.httpStatus;
    this.code = details.code;
    this.params = details.code === undefined ? {} : readParams(details.code, message);
    this.remainingAttempts = this.params.remainingAttempts;
    const { minutes, seconds } = this.params;
    this.lockout =
      minutes === undefined || seconds === undefined
        ? undefined
        : { minutes, seconds, endsAt: new Date((details.receivedAt ?? Date.now()) + (minutes * 60 + seconds) * 1000) };
  }

  /** Narrows `code` to one documented code; an undocumented one does not compile. */
  is<C extends KnownErrorCode>(code: C): this is this & { readonly code: C } {
    return this.code === code;
  }
}

interface Template {
  patterns: RegExp[];
  placeholders: readonly Placeholder[];
}

const templates = new Map<string, Template>(
  Object.entries(errorTemplates).map(([code, { messages, placeholders }]) => [
    code,
    { patterns: Object.values(messages).map((message) => toPattern(message, placeholders)), placeholders },
  ]),
);

// `{n}` becomes a named group `pn`, so that a language may put the placeholders in another order;
// runs of spaces may vary, since the vendor's messages are not consistent about them.
function toPattern(template: string, placeholders: readonly Placeholder[]): RegExp {
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

function readParams(code: string, message: string): ErrorParams {
  const template = templates.get(code);
  const groups = template?.patterns.map((pattern) => pattern.exec(message)?.groups).find(Boolean);
  if (template === undefined || groups === undefined) return {};
  return Object.fromEntries(
    template.placeholders.map(({ name, type }, index) => {
      const value = groups[`p${index}`] ?? '';
      return [name, type === 'integer' ? Number(value) : value];
    }),
  );
}
