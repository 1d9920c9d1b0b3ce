// The sandbox's fictitious tenant: the one place where the demo client id, users, passwords,
// verification codes and timings live, shared by the sandbox, the Arazzo flows, tests and README.
// None of this is an API fact; the behaviour names say which contract scenario each user stands for.

export const clientId = 'demoApp0ClientId00000000000000A1';

export const password = 'Demo-Passw0rd';

/** Behaviour of a user on mobile + password login. */
export const behaviours = Object.freeze({
  success: 'success',
  passwordWarn: 'passwordWarn',
  passwordExpired: 'passwordExpired',
  disabled: 'disabled',
  mfaRequired: 'mfaRequired',
  accessDenied: 'accessDenied',
});

export const users = Object.freeze([
  { name: 'Alex', mobile: '13800000001', email: 'alex@example.com', behaviour: behaviours.success },
  { name: 'Bella', mobile: '13800000002', email: 'bella@example.com', behaviour: behaviours.passwordWarn },
  { name: 'Chen', mobile: '13800000003', email: 'chen@example.com', behaviour: behaviours.passwordExpired },
  { name: 'Dana', mobile: '13800000004', email: 'dana@example.com', behaviour: behaviours.disabled },
  { name: 'Evan', mobile: '13800000005', email: 'evan@example.com', behaviour: behaviours.mfaRequired },
  { name: 'Fay', mobile: '13800000006', email: 'fay@example.com', behaviour: behaviours.accessDenied },
  // Same behaviour as Alex; tests that lock an account use Gus so they never lock Alex.
  { name: 'Gus', mobile: '13800000007', email: 'gus@example.com', behaviour: behaviours.success, reservedFor: 'lockout' },
].map(Object.freeze));

/** Code that `sms/send` records for any (mobile, type), and that every fixture email accepts. */
export const smsCode = '246810';
export const emailCode = '246810';

export const maxPasswordAttempts = 5;
export const lockMinutes = 30;
export const codeValidityMinutes = 5;
export const stateTokenValidityMinutes = 10;

export const userByMobile = (mobile) => users.find((user) => user.mobile === mobile);
export const userByEmail = (email) => users.find((user) => user.email === email);
