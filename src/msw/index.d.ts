// Declarations of `idaas-sdk-login/msw` (src/msw/index.js, bundled into dist/msw.js).
import type { HttpHandler } from 'msw';

/** The products whose API the handlers answer. */
export type Product = 'eiam' | 'ciam';

/** A code the sandbox sent (and keeps, as a phone or a mailbox would). */
export interface SentCode {
  mobile?: string;
  email?: string;
  type: string;
  code: string;
  sentAt: string;
  expiresAt: string;
  used: boolean;
}

export interface HandlerOptions {
  product: Product;
  /**
   * Where the app calls: a tenant's URL (`https://tenant.example.com`), or a relative path (a page
   * calling its own origin). Left out, or relative, it matches any origin.
   */
  baseUrl?: string;
}

export interface SandboxHandlerOptions extends HandlerOptions {
  /** A fixture tenant shaped like src/sandbox/tenants/<product>.js, instead of the product's own. */
  tenant?: Record<string, unknown>;
  /**
   * The sandbox's time, from the caller (a test's fake clock): lockouts, codes and tokens expire
   * as it moves. With a clock, `advance` throws: move the clock instead.
   */
  clock?: () => Date | number;
}

/** What GET /__sandbox/ answers. */
export interface SandboxSummary {
  product: Product;
  tenant: Record<string, unknown>;
  /** Counts of what the sandbox holds, and its clock (ISO 8601). */
  state: { clock: string; offsetMs: number; sessions: number; stateTokens: number; [count: string]: unknown };
  sentCodes: Record<string, SentCode[]>;
  routes: Record<string, string>;
}

/** The stateful sandbox as MSW handlers, with its control routes' powers as functions. */
export interface SandboxHandlers {
  /** For setupServer(...handlers) or setupWorker(...handlers). */
  readonly handlers: HttpHandler[];
  /** Forgets attempts, lockouts, codes, captchas, tokens, changed passwords and injected failures; resets the clock. */
  reset(): void;
  /** The codes sent so far on a channel: `sms`, or `email` where the product sends them. */
  sentCodes(channel: 'sms' | 'email'): SentCode[];
  /** Moves the sandbox's clock forward; answers the new time. Throws when a `clock` was given. */
  advance(seconds: number): Date;
  /** The sandbox's time. */
  now(): Date;
  /** The next `times` calls (to `path`) answer the contract's 500; a path without times fails until cleared. */
  injectFailure(failure?: { path?: string; times?: number }): void;
  clearFailures(): void;
  /** What GET /__sandbox/ answers: the fixture tenant (captcha solution included), the state, recent codes, the control routes. */
  summary(): SandboxSummary;
  /** The fixture tenant: client id, password, codes, users. */
  readonly tenant: Record<string, unknown> & { clientId: string; password: string; codes: Record<string, string>; users: readonly Record<string, unknown>[] };
}

/** Answers `product`'s API at `baseUrl` as the stateful sandbox does. */
export function sandboxHandlers(options: SandboxHandlerOptions): SandboxHandlers;

/** Named examples of the contract, picked per request or per test. */
export interface ScenarioHandlers {
  /** For setupServer(...handlers) or setupWorker(...handlers). */
  readonly handlers: HttpHandler[];
  /** A handler that answers `operationId` with the example `example` of status `code`, for `server.use(...)` in one test. */
  answer(operationId: string, choice: { code?: number | string; example?: string }): HttpHandler;
}

/**
 * Answers each operation of `product` at `baseUrl` with a named example, picked as Prism picks it
 * (`Prefer: code=…, example=…` or `?__code=…&__example=…`), after checking the request as the
 * sandbox does.
 */
export function scenarioHandlers(options: HandlerOptions): ScenarioHandlers;
