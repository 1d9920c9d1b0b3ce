// Verifies a CIAM id_token with `jose` against the tenant's signing keys, which the client fetches
// through its own getSigningKeys call, so that the caller's fetch, baseUrl, timeout and signal apply
// and a failed fetch is an IdaasError like any other call's.
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { IdaasError } from './errors.js';

/**
 * The algorithm the vendor signs id_tokens with (its page says RS256; the contract states it in
 * prose only). A token that names any other, `none` included, is refused before any key is used.
 */
const algorithms = ['RS256'];

/**
 * Known keys are kept; a token naming a key they lack makes the client fetch the keys again (the
 * tenant may have rotated them), but not sooner than this after the last fetch, so that tokens with
 * made-up key ids cannot make the app hammer the tenant. jose's remote key sets wait as long.
 */
const refetchAfterMs = 30_000;

/** The checks of the claims that a caller may ask for; `exp` is always required and checked. */
export type VerifyIdTokenOptions = Pick<JWTVerifyOptions, 'audience' | 'issuer' | 'subject' | 'clockTolerance' | 'currentDate' | 'maxTokenAge'> & {
  /** Aborts the fetch of the keys, when one is needed. */
  signal?: AbortSignal;
};

export type IdTokenClaims = JWTPayload;

export function createIdTokenVerifier(
  fetchKeys: (options: { signal?: AbortSignal }) => Promise<JSONWebKeySet>,
): (idToken: string, options?: VerifyIdTokenOptions) => Promise<IdTokenClaims> {
  let known: { keys: ReturnType<typeof createLocalJWKSet>; fetchedAt: number } | undefined;

  async function load(signal: AbortSignal | undefined) {
    const set = await fetchKeys(signal === undefined ? {} : { signal });
    try {
      known = { keys: createLocalJWKSet(set), fetchedAt: Date.now() };
    } catch (error) {
      throw new IdaasError('invalid-response', 'The signing keys are not a JSON Web Key Set', { cause: error });
    }
    return known;
  }

  return async function verifyIdToken(idToken, options = {}) {
    const { signal, ...checks } = options;
    const verify = async (keys: ReturnType<typeof createLocalJWKSet>) =>
      (await jwtVerify(idToken, keys, { ...checks, algorithms, requiredClaims: ['exp'] })).payload;
    const { keys, fetchedAt } = known ?? (await load(signal));
    try {
      return await verify(keys);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || Date.now() - fetchedAt < refetchAfterMs) throw refusal(error);
    }
    try {
      return await verify((await load(signal)).keys);
    } catch (error) {
      throw refusal(error);
    }
  };
}

/** Words jose's refusal of a token; what is not jose's (an IdaasError of the key fetch) goes as it is. */
function refusal(error: unknown): unknown {
  if (!(error instanceof errors.JOSEError)) return error;
  const reason =
    error instanceof errors.JWTExpired
      ? 'has expired'
      : error instanceof errors.JWSSignatureVerificationFailed
        ? 'has a signature that the key it names does not verify'
        : error instanceof errors.JOSEAlgNotAllowed
          ? `is not signed with ${algorithms.join(' or ')}`
          : error instanceof errors.JWKSNoMatchingKey
            ? 'names a key that the tenant does not publish'
            : error instanceof errors.JWTClaimValidationFailed
              ? `fails a check of its claims: ${error.message}`
              : `is not a signed JWT that can be read: ${error.message}`;
  return new IdaasError('invalid-token', `The id_token ${reason}`, { cause: error });
}
