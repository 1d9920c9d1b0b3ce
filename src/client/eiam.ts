// The client of EIAM (Employee Identity), `idaas-sdk-login/eiam`: one method per operation of the
// EIAM contract, its results narrowed by `status`, and IdaasError typed with EIAM's error codes.
import type { components, operations, paths } from '../generated/eiam/schema.js';
import { contract } from '../generated/eiam/client-contract.js';
import {
  createProductClient,
  defineProduct,
  type CallOptions as SharedCallOptions,
  type IdaasClientOptions,
  type ProductClient,
  type RawPaths as SharedRawPaths,
  type Result as SharedResult,
} from './core.js';
import { IdaasError as SharedError, type ErrorParams as SharedErrorParams, type IdaasErrorClass } from './errors.js';

export { checkPassword, parsePasswordPolicy } from './password-policy.js';
export type { PasswordCheck, PasswordPolicy } from './password-policy.js';
export type { DeviceInfo, IdaasClientOptions, UnknownResult, UnknownStatus } from './core.js';
export type { IdaasErrorKind, Lockout } from './errors.js';
export type { components, operations, paths };

// The generated declaration of `contract` names each fact's own declaration, so the methods keep
// the JSDoc written on the operations there.
type Contract = typeof contract;
type Templates = Contract['errorTemplates'];

/** The error codes the EIAM contract documents. */
export type KnownErrorCode = components['schemas']['ErrorCode'];
/** What `code` may hold: a documented code, or one the contract does not list yet, kept as sent. */
export type ErrorCode = KnownErrorCode | (string & {});
/** The values of EIAM's message placeholders, by the names the catalogue gives them. */
export type ErrorParams = SharedErrorParams<Templates>;
/** The one error of every call, with EIAM's codes; the same class as every entry's IdaasError. */
export type IdaasError = SharedError<KnownErrorCode, Templates>;
export const IdaasError: IdaasErrorClass<KnownErrorCode, Templates> = SharedError;

export type CallOptions = SharedCallOptions<Contract>;
/** What the method `K` resolves with. */
export type Result<K extends keyof operations> = SharedResult<Contract, operations[K]>;
export type RawPaths = SharedRawPaths<Contract, paths>;
export type EiamClient = ProductClient<Contract, operations, paths>;

const product = defineProduct(contract);

/** A client of an EIAM tenant: the device headers and the client id are set once, here. */
export function createEiamClient(options: IdaasClientOptions): EiamClient {
  return createProductClient(product, options, 'createEiamClient') as EiamClient;
}
