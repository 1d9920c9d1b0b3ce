// The product-neutral parts of the package (`idaas-sdk-login`): what code shared by an EIAM and a
// CIAM app, or a UI library for both, uses without choosing a product. The clients are the entries
// `idaas-sdk-login/eiam` and `idaas-sdk-login/ciam`; an IdaasError from either is an instance of
// the IdaasError exported here, with `code` typed as any string.
export { IdaasError } from './errors.js';
export type { ErrorParams, IdaasErrorKind, Lockout } from './errors.js';
export { checkPassword, parsePasswordPolicy } from './password-policy.js';
export type { PasswordCheck, PasswordPolicy } from './password-policy.js';
export type { DeviceInfo, IdaasClientOptions } from './core.js';
