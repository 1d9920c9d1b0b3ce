// The sandbox's memory: its clock, failed password attempts and lockouts, sent SMS codes, state
// tokens, changed passwords and injected failures. Everything is bounded (entries expire on the
// sandbox clock and each map has a ceiling) so that a long load test or a fuzzer keeps memory flat.
import { randomUUID } from 'node:crypto';
import * as tenant from './tenant.js';

const minute = 60_000;
const maxEntries = 10_000;

// Keeps a Map under its ceiling by dropping the oldest insertions, which expire first anyway.
function remember(map, key, value) {
  map.delete(key);
  map.set(key, value);
  if (map.size > maxEntries) map.delete(map.keys().next().value);
}

export function createState() {
  let offset = 0;
  const attempts = new Map();
  const codes = new Map();
  const sentLog = [];
  const tokens = new Map();
  const passwords = new Map();
  const settled = new Set();
  let failures = [];

  const now = () => Date.now() + offset;

  return {
    now,
    advance(milliseconds) {
      offset += milliseconds;
      return now();
    },

    reset() {
      offset = 0;
      attempts.clear();
      codes.clear();
      sentLog.length = 0;
      tokens.clear();
      passwords.clear();
      settled.clear();
      failures = [];
    },

    /** Milliseconds left of the lockout of `mobile`, or 0. */
    lockedFor(mobile) {
      const record = attempts.get(mobile);
      if (!record?.lockedUntil) return 0;
      const left = record.lockedUntil - now();
      if (left > 0) return left;
      attempts.delete(mobile);
      return 0;
    },

    /** Counts a wrong password; answers the attempts left, 0 meaning the account is now locked. */
    failPassword(mobile) {
      const failed = (attempts.get(mobile)?.failed ?? 0) + 1;
      const left = tenant.maxPasswordAttempts - failed;
      remember(attempts, mobile, left > 0 ? { failed } : { failed, lockedUntil: now() + tenant.lockMinutes * minute });
      return Math.max(left, 0);
    },

    clearAttempts(mobile) {
      attempts.delete(mobile);
    },

    passwordOf(user) {
      return passwords.get(user.mobile) ?? tenant.password;
    },

    /** After a forced password change the user's password is new and no longer needs changing. */
    changePassword(user, password) {
      passwords.set(user.mobile, password);
      settled.add(user.mobile);
    },

    passwordSettled(user) {
      return settled.has(user.mobile);
    },

    recordCode(mobile, type) {
      const sentAt = now();
      const entry = { mobile, type, code: tenant.smsCode, sentAt, expiresAt: sentAt + tenant.codeValidityMinutes * minute, used: false };
      remember(codes, `${mobile} ${type}`, entry);
      sentLog.push(entry);
      if (sentLog.length > maxEntries) sentLog.shift();
    },

    /** Accepts a code once, for its own mobile and scenario, within its validity. */
    useCode(mobile, type, code) {
      const entry = codes.get(`${mobile} ${type}`);
      if (!entry || entry.used || entry.code !== code || entry.expiresAt <= now()) return false;
      entry.used = true;
      return true;
    },

    sentCodes: () => sentLog.map((entry) => ({ ...entry, sentAt: new Date(entry.sentAt).toISOString(), expiresAt: new Date(entry.expiresAt).toISOString() })),

    issueToken(user, flow) {
      const token = `${randomUUID()}${randomUUID()}`.replaceAll('-', '');
      remember(tokens, token, { user, flow, expiresAt: now() + tenant.stateTokenValidityMinutes * minute });
      return token;
    },

    /** The live state token's record when it belongs to `flow`, else undefined. */
    token(token, flow) {
      const record = tokens.get(token);
      if (!record) return undefined;
      if (record.expiresAt <= now()) {
        tokens.delete(token);
        return undefined;
      }
      return record.flow === flow ? record : undefined;
    },

    consumeToken(token) {
      tokens.delete(token);
    },

    /** `times` calls (every call when omitted with a path) to `path` (any path when omitted) fail. */
    injectFailure({ path, times }) {
      failures.push({ path, left: times ?? (path ? Infinity : 1) });
    },

    clearFailures() {
      failures = [];
    },

    takeFailure(path) {
      const rule = failures.find((candidate) => !candidate.path || candidate.path === path);
      if (!rule) return false;
      rule.left -= 1;
      if (rule.left <= 0) failures = failures.filter((candidate) => candidate !== rule);
      return true;
    },

    summary: () => ({ clock: new Date(now()).toISOString(), offsetMs: offset, lockouts: attempts.size, stateTokens: tokens.size, failures: failures.map(({ path, left }) => ({ path: path ?? null, times: Number.isFinite(left) ? left : null })) }),
  };
}
