// The EIAM sandbox's fictitious tenant, an employee directory: the one place where its client id,
// users, password, SMS code and id_token signing key live (its limits, lifetimes and captcha come
// from ./sandbox-choices.js, which it shares with the other tenant), read by the sandbox, the EIAM
// Arazzo flows' tests, the sandbox tests and the README. Nothing here is an API fact. Every person
// is made up; none of them is a user of the CIAM tenant (./ciam.js).

/** The application's client id; any other is answered as unregistered. The contract's example value. */
export const clientId = 'demoApp0ClientId00000000000000A1';

/** Every user's password until a password change sets another. */
export const password = 'Demo-Passw0rd';

/** The code that `sms/send` sends, whatever the number and scenario. */
export const codes = Object.freeze({ sms: '246810' });

/**
 * What each user's user name + password login answers: the name of one of the login's 200 examples
 * in the contract (the sandbox answers that example's status).
 */
export const behaviours = Object.freeze({
  success: 'success',
  passwordWarn: 'passwordWarn',
  passwordExpired: 'passwordExpired',
  mfaRequired: 'mfaRequired',
  accessDenied: 'accessDenied',
});

// Employees log in by user name; the mobile number receives their SMS codes. users[0] signs in
// plainly, for anything that needs one working account.
export const users = Object.freeze(
  [
    {
      id: 'eiam-user-0002',
      name: 'Bella Demo',
      userName: 'bella.demo',
      mobile: '13800000002',
      email: 'bella.demo@corp.example.com',
      behaviour: behaviours.success,
    },
    {
      id: 'eiam-user-0003',
      name: 'Chen Demo',
      userName: 'chen.demo',
      mobile: '13800000003',
      email: 'chen.demo@corp.example.com',
      behaviour: behaviours.passwordExpired,
    },
    {
      id: 'eiam-user-0004',
      name: 'Dana Demo',
      userName: 'dana.demo',
      mobile: '13800000004',
      email: 'dana.demo@corp.example.com',
      behaviour: behaviours.passwordWarn,
    },
    {
      id: 'eiam-user-0005',
      name: 'Evan Demo',
      userName: 'evan.demo',
      mobile: '13800000005',
      email: 'evan.demo@corp.example.com',
      behaviour: behaviours.mfaRequired,
    },
    {
      id: 'eiam-user-0006',
      name: 'Fay Demo',
      userName: 'fay.demo',
      mobile: '13800000006',
      email: 'fay.demo@corp.example.com',
      behaviour: behaviours.accessDenied,
    },
    // Signs in like Bella; tests and flows that lock an account use Gus, so they never lock Bella.
    {
      id: 'eiam-user-0007',
      name: 'Gus Demo',
      userName: 'gus.demo',
      mobile: '13800000007',
      email: 'gus.demo@corp.example.com',
      behaviour: behaviours.success,
      reservedFor: 'lockout',
    },
  ].map((user) => Object.freeze(user)),
);

/** The country code `mobile-by-token` puts before a number, as the vendor's example shows it (`+86-...`). */
export const countryCode = '86';

/** The sandbox's own limits, lifetimes and captcha, the same for both products. */
export { captcha, limits } from './sandbox-choices.js';

/**
 * The id_token: lifetime (2 hours, the EIAM contract's documented default) and the key that signs it.
 * A demo RSA key made for this sandbox: it signs the sandbox's id_tokens and nothing real, and it is
 * not the CIAM tenant's. EIAM documents no key set, so nothing serves its public half.
 */
export const idToken = Object.freeze({
  lifetimeSeconds: 2 * 60 * 60,
  signingKey: Object.freeze({
    kid: 'sandbox-eiam-key-1',
    kty: 'RSA',
    n: 'vQSDjUJUBv6BVbtq-w7t3PLwBN0novYtEPovhdBmLLZGNg2xkuhwYoumd6UQI6dg6ty95N7P24J03ZS-iWYiVA1xRyY6oTkMO3nsSkEM6WWdp1bJF9hqb8lMy23187bPmoGEEYwYlht2L6bneULEIYYq74j37j9VgIV6DNNN1TfARk20aqI44RKDd5BX7DjdW4Pk_MAGwSHMlRiYjUA34sWDinA4yoS0JjOSH6w4ig_bgRVFPs_2GlafI6xD_A4hq2GMcnxsHf5HQxvF4GKFv0zs525Squjkpy-Cb1Nn8WfOSDuLcA4NdS_6TO9RGHXY_9qO36axCxXmY32BkrrARQ',
    e: 'AQAB',
    d: 'C5sTWMER17wYxOLVFsU75a0k_6d0n5Tt_3TdJiI9o9EtTnRYyuRqwiJA_mesLgRA9yrGnh7wNFI2SsSvTlBvGyoYIn4-a1fNYHmEAKst18bdf0Dc6BHptyNtC7CcwXIgHSSGr20itVTKVPKyk8d9s3FBgaOvVXmeDl4juFXhGY5Pg8Ea6TGTK3vzbgGuVOgec8pO45iQvfLsufh9cN7Dlv7zrpWr4zgfPHrDfqZgsRYktTjmfK6CB0NFF-__hQesCZUQv_KBP06jPQc8I1G0s-X6Io8EUWQ8OP5OpA4t24IbpuMo6IA04n-O8rzQSIxZeSGcBuknswCpyjXlng_UoQ',
    p: '_DmreQqsOYspOJCsTHg_511vNKyQUhBBuMXn0Kvd2st-O5Egyrl5JohEA40jXVEHAgKFvVfNlYPSNgGj6zPOcHKOvWlTkxtubfCuwvSDe2ArM3gWF1O8RJKBPZYuAmfFhx026h2vcNFpgKOSE7LiDEGmJz5HNppwsEoAW6eFzh8',
    q: 'v9iuiBRZ-3N8cnmmsffjXxh_ZaGnCECsgOveXnEmBjQgbk0zR9bFKZIaT1-FVem2imTBrjoooV2v5yXHvsKzqgRU81xrcZQgvJZ3oAX29ag_4Jb4HMcbeRF3U3UWAa1DKJFkUzhXpyfRlH1bAwkpz3KvPd0ZVQW-Wo-VlqcrnRs',
    dp: 'mOuGEO7tmD3NEiR0sjA93lKBt9ff8EE294XVlGh_K8YwlIDa9s4Yq8n2IokRpeQYcZmB6FgxprKzYlcAQPu57-ckr6YKK6h3_WPtMPn6NXUK_DuUeTQlcxW4EdTZtE-iLNcDklHJKodshbemOxc7gd7Tk_toRazBIcDcErWwpFU',
    dq: 'BY_Wn4NXiH60oOz99DLnmJ4xM1UYbpjRZ3tvGvXU0GE6f3glgHOti6L8uEhgqTj5XdHF-7Mb8nGw49aoj9M9OjSd8eBADS7qNA14sl755e1WzMATuWHcXgovl2_Rj4Lia46rhe4gPGxfGxr3RINDfwwoIHcEgP6FokJ_Z7q4_Pk',
    qi: 'kIwHkgEy1oIUnHZwLY0cJXkeOK6OIuXs8cH1s6P0UsZeFlUtIZjYWLGVgOETK5cDoanZBHIctzKeAaAVm8DAXRT4UEUV0uMHXvkZ5KAAJLzL0FBW66gJMigjPMEqH8zEjye6i80fj8TRplj4WnZaIQxBlWAbqKhot8yA4Jxp15M',
  }),
});

export const userByUserName = (userName) => users.find((user) => user.userName === userName);
