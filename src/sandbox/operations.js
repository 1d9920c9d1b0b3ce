// What each operation of a product does in its sandbox once its headers and body have passed the
// common checks: the fixture tenant's logins, lockouts, captchas, codes, state tokens, sessions and
// id_tokens. Each product lists its handlers by operationId; each handler is made at start-up from
// what it needs of the contract (error scenarios, named examples, fields, headers), and making it
// throws when the contract lacks any of it. A handler answers `{ status, body?, reason? }`, or
// `{ error, values, reason }` for an error that the core words in the language asked for, or a
// promise of either (signing an id_token and drawing the captcha are asynchronous in Web Crypto and
// CompressionStream).
import { drawCaptcha } from './captcha.js';
import { secret } from './state.js';

/** The handlers of each product, by operationId. Every operation of the contract needs one, and every handler an operation. */
const products = {
  eiam: {
    loginByUserNamePassword: passwordLogin({ field: 'user_name', find: (tenant, name) => tenant.userByUserName(name), keyOf: (user) => user.userName }),
    getCaptcha,
    verifyCaptcha,
    sendSmsCode: sendCode({ channel: 'sms', field: 'mobile' }),
    getMobileOfLogin,
    updatePassword,
    updatePasswordByMobile,
    skipPasswordUpdate,
    verifyMfaSms,
  },
  ciam: {
    loginByMobilePassword: passwordLogin({ field: 'mobile', find: (tenant, mobile) => tenant.userByMobile(mobile), keyOf: (user) => user.mobile }),
    getCaptcha,
    verifyCaptcha,
    sendSmsCode: sendCode({ channel: 'sms', field: 'mobile' }),
    sendEmailCode: sendCode({ channel: 'email', field: 'email' }),
    loginByEmailCode,
    updatePassword,
    skipPasswordUpdate,
    refreshIdToken,
    getSigningKeys,
  },
};

// What each kind of failure is answered with, best first; the first scenario the catalogue applies
// to the operation wins (see contract.js). Values are given by the catalogue's placeholder names.
const unusableStateToken = ['stateTokenInvalid', 'verificationFailed'];
const failedCaptcha = ['captchaFailed', 'parameterError'];
const unusableCaptchaToken = ['captchaFailed', 'verificationFailed'];
const wrongPassword = ['invalidCredentials', 'parameterError'];
const stateTokenReason = 'The state token is unknown, expired, used, or from a login this call does not finish.';

// The login results (names of the login's 200 examples) whose state token each call accepts. That
// skipping is only for a password about to expire is the contract's reading of the pages.
const passwordChange = ['passwordWarn', 'passwordExpired'];

/**
 * The operation handlers of `contract`'s product, by operationId, for `tenant` and `state`.
 * Throws when an operation has no handler, a handler no operation, or a handler misses something.
 */
export function createHandlers({ contract, tenant, state, signer }) {
  const handlers = products[contract.product];
  if (!handlers) throw new Error(`The sandbox has no handlers for product ${contract.product}`);
  const missing = [...contract.operations.keys()].filter((id) => !Object.hasOwn(handlers, id));
  const orphans = Object.keys(handlers).filter((id) => !contract.operations.has(id));
  if (missing.length || orphans.length) {
    const problems = [missing.length && `no handler for ${missing.join(', ')}`, orphans.length && `no operation for the handlers ${orphans.join(', ')}`];
    throw new Error(`${contract.product}: ${problems.filter(Boolean).join('; ')}; the handlers are listed by operationId in src/sandbox/operations.js`);
  }
  const shared = createShared({ contract, tenant, state, signer });
  return new Map([...contract.operations.values()].map((operation) => [operation.id, handlers[operation.id](needs(contract, operation, shared))]));
}

// What a handler asks of the contract for its operation; each question throws at start-up when the
// contract has no answer.
function needs(contract, operation, shared) {
  const where = `${contract.product} ${operation.id}`;
  return {
    ...shared,
    operation,
    /** An answer-maker for the failure `scenarios` (or the sandbox's own `otherwise` code). */
    error(scenarios, otherwise) {
      const entry = operation.answerFor(scenarios, otherwise);
      if (!entry) throw new Error(`${where}: no catalogued error of ${scenarios.join(', ')} applies`);
      return (values, reason) => ({ error: entry, values, reason });
    },
    /** The 200 example `name` of the operation, whose shape (status, expire, data) the sandbox answers with. */
    result(name) {
      if (!Object.hasOwn(operation.results, name)) throw new Error(`${where}: no 200 example ${name}`);
      return operation.results[name];
    },
    /** The body field `name`, which must be in the operation's request schema. */
    field(name) {
      if (!operation.body?.schema.properties?.[name]) throw new Error(`${where}: the request body has no field ${name}`);
      return name;
    },
    /** The header `component`, which the operation must require: its wire `name` and lower-cased `key`. */
    header(component) {
      const found = operation.requiredHeaders.find((header) => header.component === component);
      if (!found) throw new Error(`${where}: takes no required header ${component}`);
      return found;
    },
    codeType: (schemaName) => contract.codeTypeAcceptedBy(schemaName, operation.id),
  };
}

// What several handlers share: the password policy and statuses from the contract, and making sessions.
function createShared({ contract, tenant, state, signer }) {
  const policyData = [...contract.operations.values()]
    .flatMap((operation) => Object.values(operation.results))
    .find((result) => typeof result?.data === 'string')?.data;
  if (!policyData) throw new Error(`${contract.product}: no 200 example carries the password policy in data`);
  const policy = JSON.parse(policyData);
  const pattern = new RegExp(policy.regEx, 'u');
  const success = contract.status('SessionResult');
  const national = tenant.countryCode ? (mobile) => mobile.replace(new RegExp(`^\\+${tenant.countryCode}-`), '') : (mobile) => mobile;

  // The issuer is the address the app called, as a tenant's is its own domain.
  const idToken = (call, user) => {
    const issuedAt = Math.floor(state.now() / 1000);
    return signer.sign({
      iss: call.issuer,
      aud: tenant.clientId,
      sub: user.id,
      iat: issuedAt,
      exp: issuedAt + tenant.idToken.lifetimeSeconds,
      name: user.name,
      mobile: user.mobile,
      email: user.email,
    });
  };

  return {
    tenant,
    state,
    signer,
    national,
    idToken,
    satisfiesPolicy: (password) => [...password].length >= policy.minLength && [...password].length <= policy.maxLength && pattern.test(password),
    policyReason: `new_password does not satisfy the password policy in the login's data (${policy.minLength} to ${policy.maxLength} characters matching regEx).`,
    /** A signed-in answer for `user`, its `expire` taken from `example` (the operation's success example). */
    session: async (call, user, example) => {
      // The session is issued before the signing is awaited, so that the state changes of one call
      // happen together, before any other call runs.
      const sessionToken = state.issueSession(user, example.expire);
      return { status: 200, body: { status: success, expire: example.expire, session_token: sessionToken, id_token: await idToken(call, user) } };
    },
  };
}

function lockedOut(locked, milliseconds) {
  const seconds = Math.ceil(milliseconds / 1000);
  return locked({ minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
}

function passwordLogin({ field, find, keyOf }) {
  return (need) => {
    const { tenant, state } = need;
    const name = need.field(field);
    const password = need.field('password');
    const success = need.result('success');
    const locked = need.error(['lockedOut']);
    const wrong = need.error(wrongPassword);
    // Each fixture user's behaviour is a 200 example of this login (answered with its shape) or a
    // catalogued error scenario that applies to it.
    const outcomes = new Map(
      tenant.users.map((user) => [
        user.behaviour,
        Object.hasOwn(need.operation.results, user.behaviour) ? need.result(user.behaviour) : need.error([user.behaviour]),
      ]),
    );
    return (call) => {
      const key = call.body[name];
      const left = state.lockedFor(key);
      if (left) return lockedOut(locked, left);
      const user = find(tenant, key);
      // Unknown names count down like known ones, so the answer does not reveal who has an account.
      if (!user || call.body[password] !== state.passwordOf(user)) {
        const remaining = state.failPassword(key);
        return remaining ? wrong({ remainingAttempts: remaining, parameter: password }) : lockedOut(locked, state.lockedFor(key));
      }
      state.clearAttempts(key);
      const behaviour = state.passwordSettled(user) ? tenant.behaviours.success : user.behaviour;
      const outcome = outcomes.get(behaviour);
      if (typeof outcome === 'function') return outcome();
      if (behaviour === tenant.behaviours.success) return need.session(call, user, success);
      // A result that continues the login: the example's shape (status, password policy) with a fresh state token.
      return { status: 200, body: outcome.state_token === undefined ? outcome : { ...outcome, state_token: state.issueToken(user, behaviour, keyOf(user)) } };
    };
  };
}

function getCaptcha(need) {
  const example = need.result('captcha');
  const pictures = drawCaptcha(need.tenant.captcha);
  return async () => {
    const token = need.state.issueCaptcha();
    const secretKey = secret().slice(0, 16);
    return { status: 200, body: { ...example, ...(await pictures), token, secretKey } };
  };
}

function verifyCaptcha(need) {
  const { captcha } = need.tenant;
  const pointJson = need.field('point_json');
  const token = need.field('token');
  const sender = need.field('sender');
  // The vendor fixes the slider's y; the contract's example of point_json carries it.
  const fixedY = JSON.parse(need.operation.body.schema.properties[pointJson].example).y;
  const failed = need.error(failedCaptcha);
  need.result('captchaVerified');
  return (call) => {
    if (!need.state.takeCaptcha(call.body[token])) {
      return failed({ parameter: token }, 'The captcha token is unknown, expired or already tried: get a new captcha.');
    }
    const point = parsePoint(call.body[pointJson]);
    if (!point) return failed({ parameter: pointJson }, 'point_json is not a JSON object with numbers x and y.');
    if (point.y !== fixedY || Math.abs(point.x - captcha.gap.x) > captcha.tolerance) {
      return failed({ parameter: pointJson }, `The slider is not in the gap: x must be within ${captcha.tolerance} of ${captcha.gap.x}, and y ${fixedY}.`);
    }
    // The vendor's shape, the captcha's token and the answer joined by ---; apps treat it as opaque.
    const captchaToken = `${secret()}---${call.body[pointJson]}`;
    need.state.issueCaptchaToken(captchaToken, senderKey(need, call.body[sender]));
    return { status: 200, body: { captcha_token: captchaToken } };
  };
}

function parsePoint(text) {
  try {
    const point = JSON.parse(text);
    return point !== null && typeof point === 'object' && Number.isFinite(point.x) && Number.isFinite(point.y) ? point : undefined;
  } catch {
    return undefined;
  }
}

// A sender is a mobile number (without its country code) or an email address (in lower case).
const senderKey = (need, sender) => (sender.includes('@') ? sender.toLowerCase() : need.national(sender));

function sendCode({ channel, field }) {
  return (need) => {
    const address = need.field(field);
    const type = need.field('type');
    const captchaToken = need.field('captcha_token');
    const unusable = need.error(unusableCaptchaToken);
    // Any address gets a code, as the vendor does not say whether an address belongs to a user.
    return (call) => {
      const to = senderKey(need, call.body[address]);
      if (!need.state.takeCaptchaToken(call.body[captchaToken], to)) {
        return unusable({ token: captchaToken }, `The captcha_token is unknown, expired, used, or was verified for another sender than this ${field}.`);
      }
      need.state.recordCode(channel, to, call.body[type]);
      return { status: 200 };
    };
  };
}

function getMobileOfLogin(need) {
  const stateToken = need.header('StateToken');
  const unusable = need.error(unusableStateToken);
  const example = need.result('mobileOfLogin');
  return (call) => {
    const flow = need.state.token(call.headers[stateToken.key], [...passwordChange, 'mfaRequired']);
    if (!flow) return unusable({ token: stateToken.name }, stateTokenReason);
    return { status: 200, body: { ...example, mobile: `+${need.tenant.countryCode}-${flow.user.mobile}` } };
  };
}

function updatePassword(need) {
  const stateToken = need.header('StateToken');
  const oldPassword = need.field('old_password');
  const newPassword = need.field('new_password');
  const success = need.result('success');
  const unusable = need.error(unusableStateToken);
  const wrong = need.error(wrongPassword);
  const breaksPolicy = need.error(['parameterError'], 'PASSWORD_POLICY');
  return (call) => {
    const token = call.headers[stateToken.key];
    const flow = need.state.token(token, passwordChange);
    if (!flow) return unusable({ token: stateToken.name }, stateTokenReason);
    // A wrong current password counts as a failed login: guessing it through a state token is no
    // easier than through the login. The last attempt locks the user and spends the state token.
    if (call.body[oldPassword] !== need.state.passwordOf(flow.user)) {
      const remaining = need.state.failPassword(flow.loginKey);
      if (!remaining) need.state.consumeToken(token);
      return wrong(
        { remainingAttempts: remaining, parameter: oldPassword },
        remaining ? undefined : 'No attempts are left: the user is locked out and this state token is spent.',
      );
    }
    if (!need.satisfiesPolicy(call.body[newPassword])) return breaksPolicy({ parameter: newPassword }, need.policyReason);
    need.state.clearAttempts(flow.loginKey);
    need.state.changePassword(flow.user, call.body[newPassword]);
    need.state.consumeToken(token);
    return need.session(call, flow.user, success);
  };
}

function updatePasswordByMobile(need) {
  const stateToken = need.header('StateToken');
  const verifyCode = need.field('verify_code');
  const newPassword = need.field('new_password');
  const success = need.result('success');
  const unusable = need.error(unusableStateToken);
  const breaksPolicy = need.error(['parameterError'], 'PASSWORD_POLICY');
  const wrongCode = need.error(['verifyCodeIncorrect']);
  const type = need.codeType('SmsScenario');
  return (call) => {
    const token = call.headers[stateToken.key];
    const flow = need.state.token(token, passwordChange);
    if (!flow) return unusable({ token: stateToken.name }, stateTokenReason);
    if (!need.satisfiesPolicy(call.body[newPassword])) return breaksPolicy({ parameter: newPassword }, need.policyReason);
    if (!need.state.useCode('sms', flow.user.mobile, type, call.body[verifyCode])) {
      return wrongCode({}, `The code is not a live, unused ${type} code sent to the state token's user.`);
    }
    need.state.changePassword(flow.user, call.body[newPassword]);
    need.state.consumeToken(token);
    return need.session(call, flow.user, success);
  };
}

function skipPasswordUpdate(need) {
  const stateToken = need.header('StateToken');
  const success = need.result('success');
  const unusable = need.error(unusableStateToken);
  return (call) => {
    const token = call.headers[stateToken.key];
    const flow = need.state.token(token, ['passwordWarn']);
    if (!flow) {
      const expired = need.state.token(token, ['passwordExpired']);
      return unusable({ token: stateToken.name }, expired ? 'An expired password cannot be skipped, only changed.' : stateTokenReason);
    }
    need.state.consumeToken(token);
    return need.session(call, flow.user, success);
  };
}

function verifyMfaSms(need) {
  const stateToken = need.header('StateToken');
  const mobile = need.field('mobile');
  const verifyCode = need.field('verify_code');
  const success = need.result('success');
  // The page documents its refusal of an unusable state token as a 200 ACCESS_DENIED.
  const accessDenied = need.result('accessDenied');
  const wrongCode = need.error(['verifyCodeIncorrect']);
  const type = need.codeType('SmsScenario');
  return (call) => {
    const token = call.headers[stateToken.key];
    const flow = need.state.token(token, ['mfaRequired']);
    if (!flow) return { status: 200, body: accessDenied, reason: stateTokenReason };
    if (need.national(call.body[mobile]) !== flow.user.mobile || !need.state.useCode('sms', flow.user.mobile, type, call.body[verifyCode])) {
      return wrongCode({}, `The code is not a live, unused ${type} code sent to the state token's user, or mobile is not that user's.`);
    }
    need.state.consumeToken(token);
    return need.session(call, flow.user, success);
  };
}

function loginByEmailCode(need) {
  const email = need.field('email');
  const verifyCode = need.field('verify_code');
  const success = need.result('success');
  const notFound = need.error(['userNotFound']);
  const wrongCode = need.error(['verifyCodeIncorrect']);
  const disabled = need.error(['userDisabled']);
  const type = need.codeType('EmailScenario');
  return (call) => {
    const address = call.body[email].toLowerCase();
    const user = need.tenant.userByEmail(address);
    if (!user) return notFound({}, 'No fixture user has this address, and the fixture tenant does not register users on the way.');
    if (!need.state.useCode('email', address, type, call.body[verifyCode])) {
      return wrongCode({}, `The code is not a live, unused ${type} code sent to this address.`);
    }
    if (user.behaviour === need.tenant.behaviours.userDisabled) return disabled();
    return need.session(call, user, success);
  };
}

function refreshIdToken(need) {
  const sessionToken = need.header('SessionToken');
  const refreshed = need.result('idTokenRefreshed');
  const invalid = need.error(['sessionTokenInvalid']);
  return async (call) => {
    const token = call.headers[sessionToken.key];
    const session = need.state.session(token);
    if (!session) return invalid({}, 'The session token is unknown, expired, or was renewed by a refresh.');
    let current = token;
    if (need.tenant.renewSessionOnRefresh) {
      need.state.endSession(token);
      current = need.state.issueSession(session.user, refreshed.expire);
    }
    return { status: 200, body: { session_token: current, expire: refreshed.expire, id_token: await need.idToken(call, session.user) } };
  };
}

function getSigningKeys(need) {
  need.result('signingKeys');
  const keySet = { keys: [need.signer.publicJwk] };
  return () => ({ status: 200, body: keySet });
}
