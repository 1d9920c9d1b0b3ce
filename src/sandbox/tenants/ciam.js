// The CIAM sandbox's fictitious tenant, a customer directory: the one place where its client id,
// users, password, SMS and email codes and id_token signing key live (its limits, lifetimes and
// captcha come from ./sandbox-choices.js, which it shares with the other tenant), read by the
// sandbox, the CIAM Arazzo flows' tests, the sandbox tests and the README. Nothing here is an API
// fact. Every person is made up; none of them is a user of the EIAM tenant (./eiam.js).

/** The application's client id; any other is answered as unregistered. The contract's example value. */
export const clientId = 'demoApp0ClientId00000000000000A1';

/** Every user's password until a password change sets another. */
export const password = 'Demo-Passw0rd';

/** The codes that `sms/send` and `email/send` send, whatever the address and scenario. */
export const codes = Object.freeze({ sms: '246810', email: '246810' });

/**
 * What each user's mobile + password login answers: the name of one of the login's 200 examples
 * in the contract (the sandbox answers that example's status), or of a catalogued error scenario.
 */
export const behaviours = Object.freeze({
  success: 'success',
  passwordWarn: 'passwordWarn',
  passwordExpired: 'passwordExpired',
  accessDenied: 'accessDenied',
  userDisabled: 'userDisabled',
});

// Customers log in by mobile number + password, or by email address + emailed code. users[0]
// signs in plainly, for anything that needs one working account; Alex is also the user of the
// CIAM contract's examples.
export const users = Object.freeze(
  [
    { id: 'ciam-user-0001', name: 'Alex Sample', mobile: '13800000001', email: 'alex@example.com', behaviour: behaviours.success },
    { id: 'ciam-user-0002', name: 'Hana Sample', mobile: '13900000002', email: 'hana@example.com', behaviour: behaviours.passwordWarn },
    { id: 'ciam-user-0003', name: 'Ivan Sample', mobile: '13900000003', email: 'ivan@example.com', behaviour: behaviours.passwordExpired },
    { id: 'ciam-user-0004', name: 'Jade Sample', mobile: '13900000004', email: 'jade@example.com', behaviour: behaviours.userDisabled },
    { id: 'ciam-user-0006', name: 'Kemi Sample', mobile: '13900000006', email: 'kemi@example.com', behaviour: behaviours.accessDenied },
    // Signs in like Alex; tests and flows that lock an account use Liam, so they never lock Alex.
    { id: 'ciam-user-0007', name: 'Liam Sample', mobile: '13900000007', email: 'liam@example.com', behaviour: behaviours.success, reservedFor: 'lockout' },
  ].map((user) => Object.freeze(user)),
);

/** The sandbox's own limits, lifetimes and captcha, the same for both products. */
export { captcha, limits } from './sandbox-choices.js';

/**
 * Whether refreshing an id_token also renews the session token (the contract allows both, as a
 * tenant setting). On: the old session token stops working, so an app that forgets to keep the new
 * one finds out in the sandbox.
 */
export const renewSessionOnRefresh = true;

/**
 * The id_token: lifetime (5 minutes, the CIAM contract's documented default) and the key that signs
 * it. A demo RSA key made for this sandbox: it signs the sandbox's id_tokens and nothing real. Its
 * public half is what `GET /api/v1/oauth2/keys` serves and the contract's `signingKeys` example shows.
 */
export const idToken = Object.freeze({
  lifetimeSeconds: 5 * 60,
  signingKey: Object.freeze({
    kid: 'sandbox-key-1',
    kty: 'RSA',
    n: 'wbLIG6E4jMxFIn-LOa3Y0tdsQZYK2hwWGJ5rVct2y-2vlR3HDI2Cxq5WcYUH4u8IWcD1bTinjVjYZGeRDsqUK4w51cV3Zz_uzrkT9x2DIkdIEYOPzuWODx5X15EjVyNWSucVo0JUxf0Wktg-saRAgjYytV0eO0f8MluELPkHuVYZsrXZl8MW-DKvoBPzOSbMfGuakJB_EhQGdm38Xc74FBwtiD3u3bnTQj48CPY9lGICq8NuMbpX4rRF7GeFSJTWTwgXFEAgXz4ZbiL2O6486y8vrq7IjRTo-rEjnhzET306akdjh16SZk5dXLPkEg0a5-E4b2o2qK9uaiEyeTaZwQ',
    e: 'AQAB',
    d: 'Hlkw5bVXqyXJMjvKGFYu-e_zP_5uglhytNZDanyXxyFdSI-TE5orco43sI8fmnSJuihTu9Jr3CdetjKM5YSjfQQ6Po5zJBv-Amk4odf_pxQEjGvw0QGiBafjKv0MTLeWamN0_jCjICdEjWrwvbwGuHAd91EY7sBbWReCKNq21ViMWQTBZuQeBb6D1LhRo1r6XxhDKFhdkMFUqac_NqjhNKEg8SWGbyh3jFblUFBQEJk1jJvB8OeGwoenGxLCfsWduYNLFWwThAEdYJSsX0OtgaIK5Ni4zAvn5So96RBzNLkISE_kFV-ASsBb5XG3shpGW3lwKf1ufZ0Si1pY0-MirQ',
    p: '9A27wOjvm3FtlD8Q2fFbP6xluMHCgI_a_WCToodfrden42_lLJdzgWF3b6dtOF7keh769vGMIUQGfDdraDX2gyo9EpM882g11hCP4P2nGyq2gOhUJWWaBPS8yzyZdCLukb83FEBT3rdPj3shBHpgPVQo1k9X-ZUdgRy4X7hWCNU',
    q: 'yy4KPDGby2jWzmXgTfZF-0shSAq2vE6a9HSGd4h1w1Os8zi9SsGDHZ7sERR51YLx4KLwdErVTF1cekOlBVf5bgXIzXNQoEN8oe_umB0yzGEtRXY9rRa_Aq_YSIRbmOTki_nsTiyIFUbaloOJW9EXs_q0KQWpFETmrtU0z-4sAz0',
    dp: 'AyleYkxiNkBM7Bu5Cym-Rd_k3XTdIS875gZnQza_vY_Ko_6iGGbJ30Y09uRTXOSVzyMxmxtb9l5cOyW4pXv1epOEgQYZRwn1kJVcV8zRal-uR5M669UaHrBQ9c0OK9v7_TVd8Ew5CeyUAkbVEarILmM1uDkE6b3NyQtnNA4-RxU',
    dq: 'vVJiMSKcpBZFij89mgevv--KzIFHMwIfu0dVAM7DxMUUc_Jb1-unDBPIrkWhHQWN8p6BZitQw35_LGIZw3ftMMrtCBu6dgtMd-yFK3KRogWu1HnQEJgQViWaaEAExdwK5i90NIekKgdCqVtZw5d6-bbS5yKiIQPu29xJALNSiZU',
    qi: 'plYlMxnYw0TL9oj4Zh-v2pNqFTUg_GcEcFjHgf_NBmsIZyBMKsFqIHiUkU_OU2mBZvGqdIYPNsrnN3ZTJimczeS3e4DuXnQPXcLLUrsr6ovhXBVAMqJ1WkL9AHIhpk10DJCPemd-ryFFJk4EJlslEYAHaKX7zirEeq4amibPTZw',
  }),
});

export const userByMobile = (mobile) => users.find((user) => user.mobile === mobile);
export const userByEmail = (email) => users.find((user) => user.email === email.toLowerCase());
