// One sandbox's memory: its clock, failed password attempts and lockouts, sent SMS and email codes,
// state tokens, captchas and captcha tokens, session tokens, changed passwords and injected
// failures. Everything is bounded, so that a long load test or a fuzzer keeps memory flat: records
// expire on the sandbox clock and each map has a ceiling. A map at its ceiling first drops what has
// expired. Failed attempts and lockouts are never dropped while they can change an answer: when
// their map is full of live counts and locks, a failed attempt on one more login name is refused
// (StateFull) rather than a lock forgotten. The other maps, full of live records, drop their oldest.

const minute = 60_000;
export const maxEntries = 10_000;

/** Thrown when a failed attempt would need a record beyond the ceiling of live counts and locks. */
export class StateFull extends Error {
  constructor() {
    super(
      `The sandbox is counting failed attempts or lockouts for ${maxEntries} login names already; it refuses to count one more rather than forget one. A reset (POST /__sandbox/reset) or the end of the lockouts makes room.`,
    );
    this.name = 'StateFull';
  }
}

// Keeps a Map of records with an `expiresAt` under its ceiling. Every record of a map lives equally
// long and the clock only moves forward, so insertion order is expiry order: the oldest goes first,
// dead or not.
function remember(map, key, value) {
  map.delete(key);
  map.set(key, value);
  if (map.size > maxEntries) map.delete(map.keys().next().value);
}

/**
 * A fresh secret from Web Crypto's randomUUID, which every runtime the sandbox core targets has
 * (Node, browsers, service workers), and which draws from a cached entropy pool.
 */
export const secret = () => globalThis.crypto.randomUUID().replaceAll('-', '');

/**
 * The memory of a sandbox whose fixture tenant sets the limits (`tenant.limits`) and codes. Its
 * time is `clock()` (the real time unless a caller, such as a test's fake clock, gives its own)
 * plus however far the sandbox's clock has been advanced.
 * @param {any} tenant
 * @param {() => Date | number} [clock]
 */
export function createState(tenant, clock = Date.now) {
  const { limits } = tenant;
  let offset = 0;
  const attempts = new Map();
  const codes = new Map();
  const sent = { sms: [], email: [] };
  const tokens = new Map();
  const captchas = new Map();
  const captchaTokens = new Map();
  const sessions = new Map();
  const passwords = new Map();
  const settled = new Set();
  let failures = [];

  const now = () => Number(clock()) + offset;
  // The earliest end of a lockout in `attempts`: until then, a sweep would free nothing.
  let nextLockEnd = Infinity;

  // A count still running, or a lock not yet over.
  const matters = (record) => !(record.lockedUntil <= now());

  // Room for one more login name in `attempts`: drops the ended locks, at most once per lock end.
  function makeRoom() {
    if (attempts.size < maxEntries || now() < nextLockEnd) return attempts.size < maxEntries;
    nextLockEnd = Infinity;
    for (const [key, record] of attempts) {
      if (!matters(record)) attempts.delete(key);
      else if (record.lockedUntil) nextLockEnd = Math.min(nextLockEnd, record.lockedUntil);
    }
    return attempts.size < maxEntries;
  }

  // Takes a live entry out of `map` (it is used once), or answers undefined.
  const take = (map, key) => {
    const record = map.get(key);
    map.delete(key);
    return record && record.expiresAt > now() ? record : undefined;
  };
  const live = (map, key) => {
    const record = map.get(key);
    if (record && record.expiresAt <= now()) map.delete(key);
    return record && record.expiresAt > now() ? record : undefined;
  };

  return {
    now,
    /** How far the sandbox's clock is ahead of the real one, in milliseconds. */
    offset: () => offset,
    advance(milliseconds) {
      offset += milliseconds;
      return now();
    },

    reset() {
      offset = 0;
      nextLockEnd = Infinity;
      for (const map of [attempts, codes, tokens, captchas, captchaTokens, sessions, passwords, settled]) map.clear();
      sent.sms.length = 0;
      sent.email.length = 0;
      failures = [];
    },

    /** Milliseconds left of the lockout of the login name `key`, or 0. */
    lockedFor(key) {
      const record = attempts.get(key);
      if (!record?.lockedUntil) return 0;
      const left = record.lockedUntil - now();
      if (left > 0) return left;
      attempts.delete(key);
      return 0;
    },

    /**
     * Counts a wrong password for `key`; answers the attempts left, 0 meaning it is now locked.
     * Throws StateFull, counting nothing, when `key` is new and every record still matters.
     */
    failPassword(key) {
      const record = attempts.get(key);
      const running = record && matters(record);
      if (!running && !record && !makeRoom()) throw new StateFull();
      const failed = (running ? record.failed : 0) + 1;
      const left = limits.maxPasswordAttempts - failed;
      if (left > 0) attempts.set(key, { failed });
      else {
        const lockedUntil = now() + limits.lockMinutes * minute;
        attempts.set(key, { failed, lockedUntil });
        nextLockEnd = Math.min(nextLockEnd, lockedUntil);
      }
      return Math.max(left, 0);
    },

    clearAttempts(key) {
      attempts.delete(key);
    },

    passwordOf(user) {
      return passwords.get(user.id) ?? tenant.password;
    },

    /** After a password change the user's password is new and no longer needs changing. */
    changePassword(user, password) {
      passwords.set(user.id, password);
      settled.add(user.id);
    },

    passwordSettled(user) {
      return settled.has(user.id);
    },

    /** Sends (records) the tenant's code of `channel` (sms, email) to `address` for scenario `type`. */
    recordCode(channel, address, type) {
      const sentAt = now();
      const entry = {
        [channel === 'sms' ? 'mobile' : 'email']: address,
        type,
        code: tenant.codes[channel],
        sentAt,
        expiresAt: sentAt + limits.codeValidityMinutes * minute,
        used: false,
      };
      remember(codes, `${channel} ${address} ${type}`, entry);
      sent[channel].push(entry);
      if (sent[channel].length > maxEntries) sent[channel].shift();
    },

    /**
     * Accepts a code once, for its own address and scenario, within its validity. Each wrong code
     * tried against a live one counts; at `limits.maxCodeAttempts` the code is spent, right or not.
     */
    useCode(channel, address, type, code) {
      const entry = codes.get(`${channel} ${address} ${type}`);
      if (!entry || entry.used || entry.expiresAt <= now()) return false;
      if (entry.code !== code) {
        entry.wrong = (entry.wrong ?? 0) + 1;
        if (entry.wrong >= limits.maxCodeAttempts) entry.used = true;
        return false;
      }
      entry.used = true;
      return true;
    },

    sentCodes: (channel) =>
      sent[channel].map(({ wrong, ...entry }) => ({
        ...entry,
        sentAt: new Date(entry.sentAt).toISOString(),
        expiresAt: new Date(entry.expiresAt).toISOString(),
      })),

    /** A state token for an unfinished login of `user` that answered `result` (a login example's name). */
    issueToken(user, result, loginKey) {
      const token = secret() + secret();
      remember(tokens, token, { user, result, loginKey, expiresAt: now() + limits.stateTokenValidityMinutes * minute });
      return token;
    },

    /** The live state token's record, if its login answered one of `results`; else undefined. */
    token(token, results) {
      const record = live(tokens, token);
      return record && results.includes(record.result) ? record : undefined;
    },

    consumeToken(token) {
      tokens.delete(token);
    },

    issueCaptcha() {
      const token = secret();
      remember(captchas, token, { expiresAt: now() + limits.captchaValidityMinutes * minute });
      return token;
    },

    /** A captcha can be tried once, solved or not. */
    takeCaptcha: (token) => take(captchas, token),

    issueCaptchaToken(token, sender) {
      remember(captchaTokens, token, { sender, expiresAt: now() + limits.captchaTokenValidityMinutes * minute });
    },

    /** A captcha_token is used once, by a send to its own sender; any use spends it. */
    takeCaptchaToken(token, sender) {
      const record = take(captchaTokens, token);
      return record !== undefined && record.sender === sender;
    },

    /** A session token of `user`, valid for `seconds`. */
    issueSession(user, seconds) {
      const token = secret() + secret();
      remember(sessions, token, { user, expiresAt: now() + seconds * 1000 });
      return token;
    },

    session: (token) => live(sessions, token),

    endSession(token) {
      sessions.delete(token);
    },

    /** `times` calls (every call when omitted with a path) to `path` (any path when omitted) fail. */
    injectFailure({ path, times }) {
      failures.push({ path, left: times ?? (path ? Infinity : 1) });
    },

    clearFailures() {
      failures = [];
    },

    failureCount: () => failures.length,

    takeFailure(path) {
      const rule = failures.find((candidate) => !candidate.path || candidate.path === path);
      if (!rule) return false;
      rule.left -= 1;
      if (rule.left <= 0) failures = failures.filter((candidate) => candidate !== rule);
      return true;
    },

    summary: () => ({
      clock: new Date(now()).toISOString(),
      offsetMs: offset,
      lockouts: attempts.size,
      stateTokens: tokens.size,
      captchas: captchas.size,
      captchaTokens: captchaTokens.size,
      sessions: sessions.size,
      failures: failures.map(({ path, left }) => ({ path: path ?? null, times: Number.isFinite(left) ? left : null })),
    }),
  };
}
