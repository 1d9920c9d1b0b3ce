// A CIAM app's sign-in screen as a consumer of the packed package writes it: it imports only the
// package (the CIAM client from its entry, the password check from the product-neutral root),
// narrows on the statuses it is handed, and reads the figures of an error. pack.test.js copies it
// into a fresh project as an ES module and as CommonJS, type-checks both there and runs both
// against a Prism mock of the CIAM contract.
import { checkPassword } from 'idaas-sdk-login';
import { createCiamClient, IdaasError, type components } from 'idaas-sdk-login/ciam';

type Schemas = components['schemas'];

export interface Statuses {
  success: Schemas['SessionResult']['status'];
  passwordChange: Schemas['PasswordChangeRequired']['status'];
}

export async function signIn(baseUrl: string, body: Schemas['MobilePasswordLoginRequest'], headers: Record<string, string>, statuses: Statuses) {
  const client = createCiamClient({
    baseUrl,
    clientId: 'demoApp0ClientId00000000000000A1',
    device: { osVersion: 'ios17.5', fingerprint: 'consumer-device-01', agent: 'ConsumerApp/1.0' },
  });
  try {
    const result = await client.loginByMobilePassword(body, { headers });
    if (result.status === statuses.success) return { sessionToken: result.session_token, expire: result.expire };
    if (result.status === statuses.passwordChange) {
      return { newPasswordCheck: checkPassword(result.passwordPolicy, 'N3w-Demo-Passw0rd') };
    }
    return { status: result.status };
  } catch (error) {
    if (!(error instanceof IdaasError)) throw error;
    return { code: error.code, remainingAttempts: error.remainingAttempts, lockoutMinutes: error.lockout?.minutes };
  }
}
