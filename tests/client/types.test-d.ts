// Compile-time checks of both clients' types, run by types.test.js with `tsc --noEmit`. Each
// `@ts-expect-error` marks a misuse that must not compile: if it compiled, tsc would report the
// directive as unused and the test would fail. Status values, codes and header names come from the
// generated types and client contracts, so this file types none of them.
import * as eiam from '../../src/client/eiam.js';
import * as ciam from '../../src/client/ciam.js';
import * as shared from '../../src/client/index.js';
import * as eiamContract from '../../generated/eiam/client-contract.js';
import * as ciamContract from '../../generated/ciam/client-contract.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
declare function expectType<T>(value: T): void;
const yes = <T extends true>(_: T) => undefined;

type EiamSchemas = eiam.components['schemas'];
type CiamSchemas = ciam.components['schemas'];
// The two statuses that carry a password policy, one at a time, as the contract lists them.
declare const warn: (typeof ciamContract.passwordPolicyStatuses)[0];
declare const expired: (typeof ciamContract.passwordPolicyStatuses)[1];
declare const success: CiamSchemas['SessionResult']['status'];
declare const denied: CiamSchemas['AccessDenied']['status'];
declare const mfa: EiamSchemas['MfaRequired']['status'];
declare const ciamScenario: CiamSchemas['SmsScenario'];
declare const eiamScenario: EiamSchemas['SmsScenario'];

/** The documented codes of a product whose message has a placeholder named `Name`. */
type CodeWith<Templates, Name> = {
  [C in keyof Templates]: Templates[C] extends { placeholders: readonly (infer P)[] } ? (P extends { name: Name } ? C : never) : never;
}[keyof Templates];
type CiamAttemptsCode = CodeWith<typeof ciamContract.errorTemplates, 'remainingAttempts'>;
type CiamLockoutCode = CodeWith<typeof ciamContract.errorTemplates, 'minutes'>;
type EiamLockoutCode = CodeWith<typeof eiamContract.errorTemplates, 'minutes'>;
declare const ciamAttempts: CiamAttemptsCode;
declare const ciamLockout: CiamLockoutCode;
declare const eiamLockout: EiamLockoutCode;
declare const ciamPlainCode: Exclude<ciam.KnownErrorCode, keyof typeof ciamContract.errorTemplates>;
declare const eiamCode: eiam.KnownErrorCode;

const app = {
  clientId: 'typeCheckClientId',
  device: { osVersion: 'android14', fingerprint: 'demo-device-0001', agent: 'IdaasDemo/1.0' },
};
const eiamClient = eiam.createEiamClient({ domain: 'acme-staff.idaas.example.com', ...app });
const ciamClient = ciam.createCiamClient({ domain: 'acme-shop.idaas.example.com', ...app });

// @ts-expect-error a client needs a domain or a base URL, not both
ciam.createCiamClient({ domain: 'a.example.com', baseUrl: 'https://a.example.com', ...app });
// @ts-expect-error the device's agent is required
eiam.createEiamClient({ domain: 'a.example.com', clientId: 'x', device: { osVersion: 'a', fingerprint: 'b' } });

export function methods(): void {
  // Each client has exactly its product's operations, plus raw (and verifyIdToken on CIAM).
  yes<Equal<Exclude<keyof eiam.EiamClient, 'raw'>, keyof eiam.operations>>(true);
  yes<Equal<Exclude<keyof ciam.CiamClient, 'raw' | 'verifyIdToken'>, keyof ciam.operations>>(true);
  // @ts-expect-error the CIAM login is not an EIAM operation
  void eiamClient.loginByMobilePassword;
  // @ts-expect-error the SMS second factor is not a CIAM operation
  void ciamClient.verifyMfaSms;
  // @ts-expect-error only the CIAM client verifies id_tokens
  void eiamClient.verifyIdToken;
}

export async function ciamNarrowing(): Promise<void> {
  const result = await ciamClient.loginByMobilePassword({ mobile: '13800000001', password: 'Demo-Passw0rd' });
  // @ts-expect-error session_token is readable only after narrowing to the session result
  void result.session_token;
  if (result.status === success) {
    expectType<string>(result.session_token);
    expectType<number>(result.expire);
  } else if (result.status === warn) {
    expectType<string>(result.state_token);
    expectType<CiamSchemas['PasswordPolicy']>(result.passwordPolicy);
    // @ts-expect-error a password change result has no session token
    void result.session_token;
  } else if (result.status === expired) {
    expectType<CiamSchemas['PasswordPolicy']>(result.passwordPolicy);
  } else if (result.status === denied) {
    // @ts-expect-error only a password change result carries a policy
    void result.passwordPolicy;
  } else {
    // Every listed status ruled out, one at a time: what is left is the unknown result alone.
    yes<Equal<typeof result, ciam.UnknownResult>>(true);
    expectType<ciam.UnknownStatus>(result.status);
  }

  const email = await ciamClient.loginByEmailCode({ email: 'alex@example.com', verify_code: '246810' });
  // @ts-expect-error even a call that answers only sessions must be narrowed first
  void email.session_token;
  if (email.status !== success) yes<Equal<typeof email, ciam.UnknownResult>>(true);
}

export async function eiamNarrowing(): Promise<void> {
  const result = await eiamClient.loginByUserNamePassword({ user_name: 'bella.demo', password: 'Demo-Passw0rd' });
  if (result.status === success) {
    expectType<string>(result.session_token);
  } else if (result.status === warn || result.status === expired) {
    expectType<EiamSchemas['PasswordPolicy']>(result.passwordPolicy);
  } else if (result.status === mfa) {
    expectType<string>(result.state_token);
    // @ts-expect-error only a password change result carries a policy
    void result.passwordPolicy;
  } else if (result.status === denied) {
    expectType<{ status: typeof denied }>(result);
  } else {
    yes<Equal<typeof result, eiam.UnknownResult>>(true);
  }
}

export async function requests(): Promise<void> {
  await ciamClient.sendSmsCode({ mobile: '13800000003', type: ciamScenario, captcha_token: 'opaque-captcha-token' });
  await eiamClient.sendSmsCode({ mobile: '13800000003', type: eiamScenario, captcha_token: 'opaque-captcha-token' });
  // @ts-expect-error an SMS scenario the contract does not list
  await ciamClient.sendSmsCode({ mobile: '13800000003', type: 'NOT_A_SCENARIO', captcha_token: 'x' });
  // @ts-expect-error the password is a required field
  await ciamClient.loginByMobilePassword({ mobile: '13800000001' });
  const sent: ciam.Result<'sendSmsCode'> = await ciamClient.sendSmsCode({ mobile: '1', type: ciamScenario, captcha_token: 'a' });
  expectType<undefined>(sent);

  // A GET takes no body: only the call's options.
  const captcha = await ciamClient.getCaptcha({ signal: AbortSignal.timeout(1000) });
  yes<Equal<typeof captcha, CiamSchemas['Captcha']>>(true);
  // @ts-expect-error a GET takes no body
  await eiamClient.getCaptcha({}, {});

  // The state token is an option where the contract requires X-state-token, body or not.
  // @ts-expect-error the second factor needs the state token
  await eiamClient.verifyMfaSms({ mobile: '13800000005', verify_code: '246810' });
  await eiamClient.verifyMfaSms({ mobile: '13800000005', verify_code: '246810' }, { stateToken: 'fixture-token' });
  // @ts-expect-error skipping the change needs the state token
  await ciamClient.skipPasswordUpdate();
  await ciamClient.skipPasswordUpdate({ stateToken: 'fixture-token' });
  await eiamClient.getMobileOfLogin({ stateToken: 'fixture-token', headers: { [eiamContract.headerNames.Language]: 'zh' } });

  // The refresh takes the session token as an option and nothing else.
  const refreshed = await ciamClient.refreshIdToken({ sessionToken: 'fixture-session' });
  expectType<string>(refreshed.id_token);
  // @ts-expect-error the refresh needs the session token
  await ciamClient.refreshIdToken();
  // @ts-expect-error the refresh takes no state token
  await ciamClient.refreshIdToken({ stateToken: 'fixture-token' });
  // @ts-expect-error a login takes no session token
  await ciamClient.loginByMobilePassword({ mobile: '1', password: '2' }, { sessionToken: 'x' });

  const keys = await ciamClient.getSigningKeys();
  yes<Equal<typeof keys, CiamSchemas['SigningKeys']>>(true);

  const claims = await ciamClient.verifyIdToken(refreshed.id_token, { audience: app.clientId });
  expectType<number | undefined>(claims.exp);
  // @ts-expect-error the token is a string
  await ciamClient.verifyIdToken(refreshed);
}

export async function raw(): Promise<void> {
  // The raw client takes the contract's paths without the headers the client already sets ...
  const { data } = await ciamClient.raw.POST(ciamContract.operations.loginByMobilePassword.path, {
    body: { mobile: '13800000001', password: 'Demo-Passw0rd' },
  });
  expectType<CiamSchemas['MobilePasswordLoginResult'] | undefined>(data);
  // ... but still asks for the state token where the contract requires it.
  // @ts-expect-error the state token header is required
  await eiamClient.raw.POST(eiamContract.operations.verifyMfaSms.path, { body: { mobile: '1', verify_code: '2' } });
  await eiamClient.raw.POST(eiamContract.operations.verifyMfaSms.path, {
    body: { mobile: '1', verify_code: '2' },
    params: { header: { [eiamContract.headerNames.StateToken]: 'fixture-token' } },
  });
}

export function errors(error: unknown): void {
  // Each product's codes are its own catalogue.
  yes<Equal<ciam.KnownErrorCode, CiamSchemas['ErrorCode']>>(true);
  yes<Equal<eiam.KnownErrorCode, EiamSchemas['ErrorCode']>>(true);
  // The codes with figures exist, or the checks below would check nothing.
  yes<Equal<[CiamAttemptsCode], [never]> extends true ? false : true>(true);
  yes<Equal<[CiamLockoutCode], [never]> extends true ? false : true>(true);
  yes<Equal<[EiamLockoutCode], [never]> extends true ? false : true>(true);

  if (error instanceof ciam.IdaasError) {
    expectType<string | undefined>(error.code);
    yes<Equal<typeof error.remainingAttempts, number | undefined>>(true);
    yes<Equal<typeof error.lockout, shared.Lockout | undefined>>(true);
    yes<Equal<typeof error.kind, shared.IdaasErrorKind>>(true);
    if (error.is(ciamAttempts)) {
      yes<Equal<typeof error.remainingAttempts, number>>(true);
      yes<Equal<typeof error.params.remainingAttempts, number>>(true);
      const code: CiamAttemptsCode = error.code;
      void code;
    }
    if (error.is(ciamLockout)) {
      yes<Equal<typeof error.lockout, shared.Lockout>>(true);
      expectType<number>(error.params.minutes);
      // @ts-expect-error a lockout message gives no attempts left
      expectType<number>(error.remainingAttempts);
    }
    if (error.is(ciamPlainCode)) {
      // @ts-expect-error a code without placeholders promises no figures
      expectType<number>(error.remainingAttempts);
    }
    // @ts-expect-error a code the CIAM contract does not document
    error.is('IDAAS.SDK.NOT.DOCUMENTED');
    // @ts-expect-error an EIAM code is not a CIAM one
    error.is(eiamCode);
  }
  if (error instanceof eiam.IdaasError && error.is(eiamLockout)) {
    expectType<Date>(error.lockout.endsAt);
  }
  // The neutral entry's IdaasError is the same class, with any code.
  if (error instanceof shared.IdaasError) {
    expectType<string | undefined>(error.code);
    expectType<number | undefined>(error.remainingAttempts);
  }
}

export function passwordPolicy(): void {
  // One shared schema, one shape, whichever product's types it is read from.
  yes<Equal<shared.PasswordPolicy, CiamSchemas['PasswordPolicy']>>(true);
  yes<Equal<shared.PasswordPolicy, EiamSchemas['PasswordPolicy']>>(true);
}
