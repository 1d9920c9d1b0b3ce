// What each operation of the contract does in the sandbox once its headers and body have passed
// the common checks: the fixture tenant's logins, lockouts, codes and multi-step flows. A handler
// answers `{ status, body?, reason? }`; `fail(scenario, values)` builds a catalogued error.
import { randomUUID } from 'node:crypto';
import * as tenant from './tenant.js';

const base64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
// randomUUID draws from a cached entropy pool, far cheaper per call than randomBytes.
const secret = () => randomUUID().replaceAll('-', '');
const jwtHeader = base64url({ alg: 'none', typ: 'JWT' });

export function createOperations(contract, state) {
  const { statuses, headers } = contract;
  const login = contract.operation('loginByMobilePassword');
  const policyData = login.results.passwordWarn.data;
  const policy = JSON.parse(policyData);
  const policyPattern = new RegExp(policy.regEx, 'u');
  const passwordChangeStatus = {
    passwordWarn: login.results.passwordWarn.status,
    passwordExpired: login.results.passwordExpired.status,
  };
  for (const status of Object.values(passwordChangeStatus)) {
    if (!statuses.passwordChange.includes(status)) throw new Error(`${status} is not a PasswordChangeRequired status`);
  }

  // A session the way the vendor shapes it; the id_token is JWT-shaped but signed by nobody.
  const session = (operation, user) => {
    const issuedAt = Math.floor(state.now() / 1000);
    const idToken = [
      jwtHeader,
      base64url({ iss: 'idaas-sandbox', aud: tenant.clientId, sub: user.mobile, name: user.name, email: user.email, iat: issuedAt, exp: issuedAt + 300 }),
      secret(),
    ].join('.');
    return {
      status: 200,
      body: { status: statuses.success, expire: operation.results.success.expire, session_token: secret(), id_token: idToken },
    };
  };

  const lockedOut = (fail, milliseconds) => {
    const seconds = Math.ceil(milliseconds / 1000);
    return fail('lockedOut', [Math.floor(seconds / 60), seconds % 60]);
  };

  const satisfiesPolicy = (password) =>
    [...password].length >= policy.minLength && [...password].length <= policy.maxLength && policyPattern.test(password);

  return {
    loginByMobilePassword({ operation, body, fail }) {
      const { mobile, password } = body;
      const locked = state.lockedFor(mobile);
      if (locked) return lockedOut(fail, locked);
      const user = tenant.userByMobile(mobile);
      // Unknown numbers count down like known ones, so the answer does not reveal who has an account.
      if (!user || password !== state.passwordOf(user)) {
        const left = state.failPassword(mobile);
        return left ? fail('invalidCredentials', [left]) : lockedOut(fail, state.lockedFor(mobile));
      }
      state.clearAttempts(mobile);
      const behaviour = state.passwordSettled(user) ? tenant.behaviours.success : user.behaviour;
      switch (behaviour) {
        case tenant.behaviours.disabled:
          return fail('userDisabled');
        case tenant.behaviours.passwordWarn:
        case tenant.behaviours.passwordExpired:
          return {
            status: 200,
            body: { status: passwordChangeStatus[behaviour], state_token: state.issueToken(user, 'updatePasswordByMobile'), data: policyData },
          };
        case tenant.behaviours.mfaRequired:
          return { status: 200, body: { status: statuses.mfaRequired, state_token: state.issueToken(user, 'verifyMfaSms') } };
        case tenant.behaviours.accessDenied:
          return { status: 200, body: { status: statuses.accessDenied } };
        default:
          return session(operation, user);
      }
    },

    loginByEmailCode({ operation, body, fail }) {
      const user = tenant.userByEmail(body.email.toLowerCase());
      if (!user) return fail('userNotFound');
      if (body.verify_code !== tenant.emailCode) return fail('verifyCodeIncorrect');
      if (user.behaviour === tenant.behaviours.disabled) return fail('userDisabled');
      return session(operation, user);
    },

    // Any number gets a code, as the vendor does not say whether a number belongs to a user.
    sendSmsCode({ body }) {
      state.recordCode(body.mobile, body.type);
      return { status: 200 };
    },

    verifyMfaSms({ operation, request, body, fail }) {
      const token = request.headers[headers.stateToken.toLowerCase()];
      const flow = state.token(token, operation.id);
      if (!flow) {
        return { status: 200, body: { status: statuses.accessDenied }, reason: 'The state token is unknown, expired, used, or from another flow.' };
      }
      if (body.mobile !== flow.user.mobile || !state.useCode(body.mobile, operation.smsType, body.verify_code)) {
        return fail('verifyCodeIncorrect');
      }
      state.consumeToken(token);
      return session(operation, flow.user);
    },

    updatePasswordByMobile({ operation, request, body, fail }) {
      const token = request.headers[headers.stateToken.toLowerCase()];
      const flow = state.token(token, operation.id);
      if (!flow) {
        return fail('parameterBlank', [headers.stateToken], 'The state token is unknown, expired, used, or from another flow.');
      }
      if (!satisfiesPolicy(body.new_password)) {
        return fail('parameterBlank', ['new_password'], `new_password does not satisfy the password policy in the login's data (${policy.minLength} to ${policy.maxLength} characters matching regEx).`);
      }
      if (!state.useCode(flow.user.mobile, operation.smsType, body.verify_code)) return fail('verifyCodeIncorrect');
      state.changePassword(flow.user, body.new_password);
      state.consumeToken(token);
      return session(operation, flow.user);
    },
  };
}
