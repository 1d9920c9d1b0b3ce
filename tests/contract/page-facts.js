// What the vendor's five pages (shared/seeds/) say, written down by hand from the pages themselves,
// independently of the contract: the oracle of the traceability test. Header and field flags are
// the pages' "Required" column; error rows are the pages' error tables and error examples;
// `codeScenario` is the SMS scenario whose code the page's call accepts.

const eiamHeaders = {
  'X-operating-sys-version': true,
  'X-device-fingerprint': true,
  'X-device-ip': false,
  'X-agent': true,
  'X-L': false,
  'X-client-id': true,
};

// The EIAM pages show one error, as an example, in English only.
const eiamError = { 'SDK.COMMON.1001': { status: 400, en: 'Parameter X-client-id cannot be left blank.' } };

const ciamCommonErrors = {
  'IDAAS.SDK.PARAM.0001': { status: 400, en: 'Device information is incomplete', zh: '设备信息不完整' },
  'IDAAS.SDK.PARAM.0002': { status: 400, en: 'clientId cannot be empty', zh: 'clientId不能为空' },
  'IDAAS.SDK.PARAM.0003': {
    status: 400,
    en: 'The app is not registered, please register the app first',
    zh: '应用未注册,请先注册应用',
  },
  'IDAAS.SDK.USER.0004': { status: 400, en: 'Mobile number cannot be empty', zh: '手机号不能为空' },
  'IDAAS.SDK.USER.0039': { status: 400, en: 'User is disabled', zh: '用户已被禁用' },
  'IDAAS.SDK.COM.0002': { status: 500, en: 'System busy, please try again later', zh: '系统繁忙,请稍后再试' },
};

export const pages = [
  {
    page: '000_953d3936b9d3274f.txt',
    path: '/api/v2/sdk/mfa/sms',
    headers: { ...eiamHeaders, 'X-state-token': true },
    requestFields: { mobile: true, verify_code: true },
    codeScenario: 'MFA_AUTH_SMS',
    statuses: ['SUCCESS', 'ACCESS_DENIED'],
    responseFields: { status: 'string', expire: 'number', session_token: 'string', id_token: 'string' },
    errors: eiamError,
  },
  {
    page: '001_7c973d443e5e0dfe.txt',
    path: '/api/v2/sdk/sms/send',
    headers: eiamHeaders,
    requestFields: { mobile: true, type: true, captcha_token: true },
    smsScenarios: [
      'LOGIN_SMS',
      'REGISTER_SMS',
      'MFA_AUTH_SMS',
      'FORGET_PWD_SMS',
      'CHANGE_PWD_SMS',
      'BIND_MOBILE_SMS',
      'UPDATE_MOBILE_SMS',
    ],
    captchaTokenExample: '71dd26999e314f9abb0c635336976635---{"x":237.0,"y":5.0}',
    statuses: [],
    emptySuccessBody: true,
    responseFields: {},
    errors: eiamError,
  },
  {
    page: '002_635e97c3a784fa8d.txt',
    path: '/api/v2/sdk/after-login/pwd/update-by-mobile',
    headers: { ...eiamHeaders, 'X-state-token': true },
    requestFields: { verify_code: true, new_password: true },
    codeScenario: 'CHANGE_PWD_SMS',
    passwordFields: ['new_password'],
    statuses: ['SUCCESS'],
    responseFields: { status: 'string', expire: 'number', session_token: 'string', id_token: 'string' },
    errors: eiamError,
  },
  {
    page: '003_8b200fe274f3fc01.txt',
    path: '/api/v2/sdk/login/mobile-pwd',
    headers: eiamHeaders,
    requestFields: { mobile: true, password: true },
    passwordFields: ['password'],
    statuses: ['SUCCESS', 'PASSWORD_WARN', 'PASSWORD_EXPIRED', 'ACCESS_DENIED'],
    responseFields: {
      status: 'string',
      expire: 'number',
      session_token: 'string',
      state_token: 'string',
      id_token: 'string',
      data: 'string',
    },
    errors: {
      ...ciamCommonErrors,
      'IDAAS.SDK.USER.0006': { status: 400, en: 'Password cannot be empty', zh: '密码不能为空' },
      'IDAAS.SDK.LOGIN.0001': {
        status: 400,
        en: 'User has been locked out due to multiple login failures. It will be unlocked in {0} minutes and {1} seconds',
        zh: '由于多次登录失败,用户已被锁定。 它将在 {0} 分钟和 {1} 秒内解锁',
      },
      'IDAAS.SDK.LOGIN.0002': {
        status: 400,
        en: 'Invalid account or password. Remaining times: {0}',
        zh: '无效的账号或密码。 剩余次数:{0}',
      },
    },
  },
  {
    page: '004_a07f6132ae989c32.txt',
    path: '/api/v2/sdk/login/email-verify-code',
    headers: eiamHeaders,
    requestFields: { email: true, verify_code: true },
    statuses: ['SUCCESS'],
    responseFields: { status: 'string', expire: 'number', session_token: 'string', id_token: 'string' },
    errors: {
      ...ciamCommonErrors,
      'IDAAS.SDK.PARAM.0009': { status: 400, en: 'Verification code cannot be empty', zh: '验证码不能为空' },
      'IDAAS.SDK.CAPTCHA.0007': { status: 400, en: 'Incorrect verification code', zh: '验证码不正确' },
      'IDAAS.SDK.USER.0001': { status: 400, en: 'User not found', zh: '用户未找到' },
    },
  },
];
