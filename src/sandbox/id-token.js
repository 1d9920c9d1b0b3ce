// Signs the sandbox's id_tokens: compact RS256 JWTs (RFC 7515, 7519) made with Web Crypto from a
// tenant's demo key, whose public half the CIAM key set serves, so that an app verifies them as it
// would a tenant's. Web Crypto, not node:crypto, so that the sandbox core runs in a browser too.

const cacheSize = 1_000;
const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

function base64url(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
const encode = (value) => base64url(new TextEncoder().encode(JSON.stringify(value)));

/**
 * A signer for `signingKey` (a private RSA JWK with its `kid`). `sign(claims)` answers a promise of
 * the JWT; `publicJwk` is the key as a key set lists it.
 */
export function createIdTokenSigner({ kid, ...jwk }) {
  // Imported on first use: a sandbox that never signs in anyone never pays for it.
  let key;
  const header = encode({ alg: 'RS256', typ: 'JWT', kid });
  // RS256 (RSASSA-PKCS1-v1_5) is deterministic: equal claims give an equal token, so a token made
  // in the same second for the same user and audience is reused instead of signed again; a load
  // test of logins would otherwise measure RSA alone.
  const recent = new Map();
  return {
    kid,
    publicJwk: Object.freeze({ kty: 'RSA', kid, use: 'sig', alg: 'RS256', n: jwk.n, e: jwk.e }),
    sign(claims) {
      const input = `${header}.${encode(claims)}`;
      let token = recent.get(input);
      if (!token) {
        key ??= globalThis.crypto.subtle.importKey('jwk', jwk, algorithm, false, ['sign']);
        token = key.then(
          async (privateKey) =>
            `${input}.${base64url(new Uint8Array(await globalThis.crypto.subtle.sign(algorithm, privateKey, new TextEncoder().encode(input))))}`,
        );
        recent.set(input, token);
        if (recent.size > cacheSize) recent.delete(recent.keys().next().value);
      }
      return token;
    },
  };
}
