// The tenant's password policy, which a login that asks for a new password carries as a JSON string
// in `data`: reading it into an object, and checking a candidate password before it is sent.
// The policy is one schema of openapi/shared, written once for both products; the types test checks
// that the CIAM types give it the same shape as the EIAM ones read here.
import type { components } from '../generated/eiam/schema.js';

export type PasswordPolicy = components['schemas']['PasswordPolicy'];

export type PasswordCheck = { ok: true } | { ok: false; tip: string; failed: Array<Exclude<keyof PasswordPolicy, 'tip'>> };

/** Reads the policy out of the `data` string; throws a TypeError when it does not hold one. */
export function parsePasswordPolicy(data: string): PasswordPolicy {
  const policy: unknown = JSON.parse(data);
  if (!isPasswordPolicy(policy)) throw new TypeError('The data string does not hold a password policy');
  return policy;
}

/**
 * Checks a candidate against the policy: its length in characters (code points, as a person counts
 * them) and the tenant's regular expression, read with the `u` flag as the contract says. On failure
 * the result gives the tenant's own tip to show, and which rules failed.
 */
export function checkPassword(policy: PasswordPolicy, candidate: string): PasswordCheck {
  const length = [...candidate].length;
  const failed: Array<Exclude<keyof PasswordPolicy, 'tip'>> = [];
  if (length < policy.minLength) failed.push('minLength');
  if (length > policy.maxLength) failed.push('maxLength');
  if (!new RegExp(policy.regEx, 'u').test(candidate)) failed.push('regEx');
  return failed.length === 0 ? { ok: true } : { ok: false, tip: policy.tip, failed };
}

function isPasswordPolicy(value: unknown): value is PasswordPolicy {
  if (typeof value !== 'object' || value === null) return false;
  const policy = value as Partial<Record<keyof PasswordPolicy, unknown>>;
  return Number.isInteger(policy.minLength) && Number.isInteger(policy.maxLength) && typeof policy.regEx === 'string' && typeof policy.tip === 'string';
}
