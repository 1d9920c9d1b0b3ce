// The client of CIAM (Customer Identity), `idaas-sdk-login/ciam`: one method per operation of the
// CIAM contract, its results narrowed by `status`, IdaasError typed with CIAM's error codes, and
// verifyIdToken, which checks an id_token against the tenant's signing keys.
import type { components, operations, paths } from '../generated/ciam/schema.js';
import { contract } from '../generated/ciam/client-contract.js';
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
import { createIdTokenVerifier, type IdTokenClaims, type VerifyIdTokenOptions } from './id-token.js';

export { checkPassword, parsePasswordPolicy } from './password-policy.js';
export type { PasswordCheck, PasswordPolicy } from './password-policy.js';
export type { DeviceInfo, IdaasClientOptions, UnknownResult, UnknownStatus } from './core.js';
export type { IdaasErrorKind, Lockout } from './errors.js';
export type { IdTokenClaims, VerifyIdTokenOptions } from './id-token.js';
export type { components, operations, paths };

// The generated declaration of `contract` names each fact's own declaration, so the methods keep
// the JSDoc written on the operations there.
type Contract = typeof contract;
type Templates = Contract['errorTemplates'];

/** The error codes the CIAM contract documents. */
export type KnownErrorCode = components['schemas']['ErrorCode'];
/** What `code` may hold: a documented code, or one the contract does not list yet, kept as sent. */
export type ErrorCode = KnownErrorCode | (string & {});
/** The values of CIAM's message placeholders, by the names the catalogue gives them. */
export type ErrorParams = SharedErrorParams<Templates>;
/** The one error of every call, with CIAM's codes; the same class as every entry's IdaasError. */
export type IdaasError = SharedError<KnownErrorCode, Templates>;
export const IdaasError: IdaasErrorClass<KnownErrorCode, Templates> = SharedError;

export type CallOptions = SharedCallOptions<Contract>;
/** What the method `K` resolves with. */
export type Result<K extends keyof operations> = SharedResult<Contract, operations[K]>;
export type RawPaths = SharedRawPaths<Contract, paths>;
export type CiamClient = ProductClient<Contract, operations, paths> & {
  /**
   * Verifies an id_token's RS256 signature against the tenant's keys (fetched with
   * `getSigningKeys`, kept, and fetched again when a token names a key they lack) and its expiry,
   * and resolves with its claims. Rejects with an IdaasError of kind `invalid-token` when the
   * signature, the algorithm, the key, the expiry or a claim asked for in `options` is wrong.
   */
  verifyIdToken(idToken: string, options?: VerifyIdTokenOptions): Promise<IdTokenClaims>;
};

const product = defineProduct(contract);

/** A client of a CIAM tenant: the device headers and the client id are set once, here. */
export function createCiamClient(options: IdaasClientOptions): CiamClient {
  const client = createProductClient(product, options, 'createCiamClient') as ProductClient<Contract, operations, paths>;
  return { ...client, verifyIdToken: createIdTokenVerifier((call) => client.getSigningKeys(call)) };
}
