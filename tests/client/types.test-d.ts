// Compile-time checks of the client's types, run by types.test.js with `tsc --noEmit`. Each
// `@ts-expect-error` marks a misuse that must not compile: if it compiled, tsc would report the
// directive as unused and the test would fail. Status values and codes come from the generated
// types, so this file types none of them.
import {
  createIdaasClient,
  IdaasError,
  type components,
  type KnownErrorCode,
  type Result,
  type UnknownResult,
} from '../../src/client/index.js';
import { headerNames, operations } from '../../generated/client-contract.js';

type Schemas = components['schemas'];
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
declare function expectType<T>(value: T): void;
declare const success: Schemas['SessionResult']['status'];
declare const passwordChange: Schemas['PasswordChangeRequired']['status'];
declare const mfa: Schemas['MfaRequired']['status'];
declare const denied: Schemas['AccessDenied']['status'];
declare const scenario: Schemas['SmsScenario'];
declare const documentedCode: KnownErrorCode;

const client = createIdaasClient({
  domain: 'acme-demo.idaas.example.com',
  clientId: 'demoApp0ClientId00000000000000A1',
  device: { osVersion: 'android14', fingerprint: 'demo-device-0001', agent: 'IdaasDemo/1.0' },
});

// @ts-expect-error a client needs a domain or a base URL, not both
createIdaasClient({ domain: 'a.example.com', baseUrl: 'https://a.example.com', clientId: 'x', device: { osVersion: 'a', fingerprint: 'b', agent: 'c' } });
// @ts-expect-error the device's agent is required
createIdaasClient({ domain: 'a.example.com', clientId: 'x', device: { osVersion: 'a', fingerprint: 'b' } });

export async function narrowing(): Promise<void> {
  const result = await client.loginByMobilePassword({ mobile: '13800000001', password: 'Demo-Passw0rd' });
  // @ts-expect-error session_token is readable only after narrowing to the session result
  void result.session_token;
  if (result.status === success) {
    expectType<string>(result.session_token);
    expectType<number>(result.expire);
  } else if (result.status === passwordChange) {
    expectType<string>(result.state_token);
    expectType<Schemas['PasswordPolicy']>(result.passwordPolicy);
    // @ts-expect-error a password change result has no session token
    void result.session_token;
  } else if (result.status === mfa) {
    expectType<string>(result.state_token);
    // @ts-expect-error only a password change result carries a policy
    void result.passwordPolicy;
  } else if (result.status === denied) {
    expectType<Schemas['AccessDenied']>(result);
  }
  // A status the contract does not list is what is left once the listed ones are ruled out.
  type Listed = { status: Schemas['MobilePasswordLoginResult']['status'] };
  const leftOver: Equal<Exclude<typeof result, Listed>, UnknownResult> = true;
  void leftOver;
  expectType<string>(result.status);

  const email = await client.loginByEmailCode({ email: 'alex@example.com', verify_code: '246810' });
  // @ts-expect-error even a call that answers only sessions must be narrowed first
  void email.session_token;
}

export async function requests(): Promise<void> {
  await client.sendSmsCode({ mobile: '13800000003', type: scenario, captcha_token: 'a---{"x":1,"y":2}' });
  // @ts-expect-error an SMS scenario the contract does not list
  await client.sendSmsCode({ mobile: '13800000003', type: 'NOT_A_SCENARIO', captcha_token: 'a---{"x":1,"y":2}' });
  // @ts-expect-error the password is a required field
  await client.loginByMobilePassword({ mobile: '13800000001' });
  // @ts-expect-error the second factor needs the state token
  await client.verifyMfaSms({ mobile: '13800000005', verify_code: '246810' });
  await client.verifyMfaSms({ mobile: '13800000005', verify_code: '246810' }, { stateToken: 'fixture-token' });
  await client.loginByEmailCode(
    { email: 'alex@example.com', verify_code: '246810' },
    { headers: { [headerNames.Language]: 'zh' }, signal: AbortSignal.timeout(1000) },
  );
  const sent: Result<'sendSmsCode'> = await client.sendSmsCode({ mobile: '1', type: scenario, captcha_token: 'a' });
  expectType<undefined>(sent);
}

export async function raw(): Promise<void> {
  // The raw client takes the contract's paths without the headers the client already sets ...
  const { data } = await client.raw.POST(operations.loginByMobilePassword.path, {
    body: { mobile: '13800000001', password: 'Demo-Passw0rd' },
  });
  expectType<Schemas['MobilePasswordLoginResult'] | undefined>(data);
  // ... but still asks for the state token where the contract requires it.
  // @ts-expect-error the state token header is required
  await client.raw.POST(operations.verifyMfaSms.path, { body: { mobile: '1', verify_code: '2' } });
  await client.raw.POST(operations.verifyMfaSms.path, {
    body: { mobile: '1', verify_code: '2' },
    params: { header: { [headerNames.StateToken]: 'fixture-token' } },
  });
}

export function errors(error: unknown): void {
  if (!(error instanceof IdaasError)) return;
  expectType<string | undefined>(error.code);
  expectType<number | undefined>(error.remainingAttempts);
  expectType<Date | undefined>(error.lockout?.endsAt);
  expectType<'http' | 'network' | 'timeout' | 'invalid-response'>(error.kind);
  if (error.is(documentedCode)) {
    const code: KnownErrorCode = error.code;
    void code;
  }
  // @ts-expect-error a code the contract does not document
  error.is('IDAAS.SDK.NOT.DOCUMENTED');
  const equal: Equal<KnownErrorCode, Schemas['ErrorCode']> = true;
  void equal;
}
