// Signs the sandbox's id_tokens: compact RS256 JWTs (RFC 7515, 7519) made with node:crypto from a
// tenant's demo key, whose public half the CIAM key set serves, so that an app verifies them as it
// would a tenant's.
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';

const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const cacheSize = 1_000;

/**
 * A signer for `signingKey` (a private RSA JWK with its `kid`). `sign(claims)` answers the JWT;
 * `publicJwk` is the key as a key set lists it.
 */
export function createIdTokenSigner({ kid, ...jwk }) {
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const { n, e } = createPublicKey(key).export({ format: 'jwk' });
  const header = encode({ alg: 'RS256', typ: 'JWT', kid });
  // RS256 (RSASSA-PKCS1-v1_5) is deterministic: equal claims give an equal token, so a token made
  // in the same second for the same user and audience is reused instead of signed again; a load
  // test of logins would otherwise measure RSA alone.
  const recent = new Map();
  return {
    kid,
    publicJwk: Object.freeze({ kty: 'RSA', kid, use: 'sig', alg: 'RS256', n, e }),
    sign(claims) {
      const input = `${header}.${encode(claims)}`;
      let token = recent.get(input);
      if (!token) {
        token = `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
        recent.set(input, token);
        if (recent.size > cacheSize) recent.delete(recent.keys().next().value);
      }
      return token;
    },
  };
}
